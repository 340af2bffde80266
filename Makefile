# Detour — the two commands a person needs are `make run` and `make test`.
# Every target first installs missing Debian 12 packages (apt-get, as root or via sudo).

PRESET ?= $(if $(CI),ci,dev)
BUILD_DIR := $(if $(filter asan-ubsan,$(PRESET)),build-asan,$(if $(filter release,$(PRESET)),build-release,build))
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# Build and test dependencies, all from Debian 12's own repositories.
DEBIAN_PACKAGES := \
	cmake ninja-build g++ pkg-config \
	qt6-base-dev qt6-tools-dev qt6-l10n-tools qt6-svg-dev libqt6sql6-sqlite \
	libgl-dev nlohmann-json3-dev qtkeychain-qt6-dev \
	xvfb xauth xdotool imagemagick \
	valgrind

.PHONY: all deps configure build run test bench clean

all: build

deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "Installing missing packages:" $$missing; \
		sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

configure: deps
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# Opens the window (on the built-in simulator when OPENROUTER_API_KEY is unset);
# with no display at all it runs the demo turn headless instead.
run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(BUILD_DIR)/ui/detour; \
	else \
		echo "No display found: running the demo turn headless (set DISPLAY to see the window)."; \
		$(BUILD_DIR)/ui/detour --ask "Hello! Which provider answered, and who refused?"; \
	fi

test: build
	@ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

bench: build
	@ctest --test-dir $(BUILD_DIR) --output-on-failure -L bench

clean:
	@rm -rf build build-asan build-release
