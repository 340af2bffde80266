# SPDX-FileCopyrightText: 2026 The Detour authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Detour — the two commands a person needs are `make run` and `make test`.
# Every target first installs missing Debian 12 packages (apt-get, as root or via sudo).

PRESET ?= $(if $(CI),ci,dev)
BUILD_DIR := $(if $(filter asan-ubsan,$(PRESET)),build-asan,$(if $(filter release,$(PRESET)),build-release,build))
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# Build and test dependencies, all from Debian 12's own repositories.
DEBIAN_PACKAGES := \
	cmake ninja-build g++ pkg-config \
	qt6-base-dev qt6-tools-dev qt6-l10n-tools qt6-svg-dev libqt6sql6-sqlite \
	qt6-translations-l10n \
	libgl-dev nlohmann-json3-dev qtkeychain-qt6-dev \
	xvfb xauth xdotool imagemagick \
	valgrind
# The keychain test: a real Secret Service (gnome-keyring-daemon) on a private session
# bus (dbus-run-session from dbus-daemon, dbus-send from dbus-bin).
DEBIAN_PACKAGES += gnome-keyring dbus-daemon dbus-bin
# Attachments: Qt's WebP and TIFF readers, so such pictures can be checked and sent.
DEBIAN_PACKAGES += qt6-image-formats-plugins
# The certificate tests make a test authority and a server certificate at test time.
DEBIAN_PACKAGES += openssl
# Packaging: what makes the package's man pages and changelog (help2man, python3),
# what cpack's DEB generator runs (dpkg-shlibdeps, file), and the checkers
# make test runs on the package and the sources (validators, lintian, reuse).
DEBIAN_PACKAGES += help2man python3 dpkg-dev file desktop-file-utils appstream lintian reuse
# The exported programs' tests: the curl export runs under bash with curl and reads replies with jq.
DEBIAN_PACKAGES += curl jq
# Fuzzing (make fuzz only): clang and its libFuzzer, ASan and UBSan runtimes.
FUZZ_PACKAGES := clang-14 libclang-rt-14-dev
FUZZ_SECONDS ?= 60

.PHONY: all deps fuzz-deps node-deps peers configure build run test test-asan bench interop fuzz package translations reuse-annotate clean

all: build

# $(call install_missing,<packages>): installs those of <packages> not installed yet.
define install_missing
	@missing=$$(for p in $(1); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "Installing missing packages:" $$missing; \
		sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi
endef

deps:
	$(call install_missing,$(DEBIAN_PACKAGES))

fuzz-deps: deps
	$(call install_missing,$(FUZZ_PACKAGES))

# Node.js and npm, from Debian when missing: the benchmark peers, the exported
# programs' tests and make interop run under Node.
node-deps:
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
		echo "Installing Node.js and npm (Debian packages nodejs npm) for the Node peers"; \
		sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq nodejs npm; }

# The Node packages (tests/bench/package-lock.json) in $XDG_CACHE_HOME/detour-bench,
# from the npm registry when the lock file changed. Offline, a warning: the tests
# that run exported programs under Node then skip and say so.
peers: node-deps
	@node tests/bench/peer-cache.mjs --offline-ok

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

test: build peers
	@ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS) -LE bench

# Every benchmark (tests/bench/), Detour against its peers in one run, on the
# release build (build-release) whatever PRESET says: Node.js and npm come from
# Debian when missing, the peers from the npm registry (pinned by
# tests/bench/package-lock.json) into $XDG_CACHE_HOME/detour-bench; prints one
# table, writes build-release/bench-report.md, fails when a target is missed.
bench: deps node-deps
	@JOBS=$(JOBS) node tests/bench/run-bench.mjs

# Detour against software it was not written with (issue 19): the official
# openai SDK against detour-sim, and detour --ask through the real Portkey gateway
# in front of the simulator (both from the Node peers, 127.0.0.1 only); prints
# one table, fails on any failed row.
interop: build node-deps
	@BUILD_DIR=$(BUILD_DIR) node tests/interop/run-interop.mjs

# The whole suite but the benchmarks under AddressSanitizer (leaks included) and
# UndefinedBehaviorSanitizer, in build-asan; the first report fails the test.
# The options (and tests/lsan.supp) live in the asan-ubsan test preset.
test-asan: deps
	@cmake --preset asan-ubsan >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@ctest --preset asan-ubsan -j $(JOBS) -LE bench

# Each libFuzzer target for FUZZ_SECONDS (tests/fuzz/run-fuzzers.sh), in
# build-fuzz; fails on any finding, which it keeps in build-fuzz/findings/.
fuzz: fuzz-deps
	@cmake --preset fuzz >/dev/null
	@cmake --build build-fuzz -j $(JOBS) --target detour_fuzzers
	@nice tests/fuzz/run-fuzzers.sh $(FUZZ_SECONDS) build-fuzz

# The .deb for users: an optimised build (the release preset, in build-release)
# whatever PRESET says; only what the package holds is built, and cpack strips it.
# lintian then checks it as make test checks the debug one (tests/packaging/).
package: deps
	@cmake --preset release >/dev/null
	@cmake --build build-release -j $(JOBS) --target detour detour-sim detour_man_pages
	@cd build-release && cpack -G DEB
	@tests/packaging/lintian-deb.sh build-release
	@echo "Package: $$(ls build-release/detour_*.deb)"

# Refreshes translations/*.ts from the sources (lupdate; obsolete entries dropped).
# Then translate what is marked unfinished: translations/README.md.
translations: configure
	@cmake --build $(BUILD_DIR) --target update_translations

# Adds the SPDX header (REUSE) to every tracked file that can carry one and has
# none yet: code and documentation GPL-3.0-or-later, tool configuration CC0-1.0.
# Files that cannot carry one are in .reuse/dep5. Run it after adding files;
# reuse_lint in make test fails on any file left without.
REUSE_ANNOTATE := reuse annotate --copyright="The Detour authors" --year=2026 --skip-existing
reuse-annotate:
	$(call install_missing,reuse)
	@git ls-files -z -- '*.cpp' '*.h' '*.mjs' '*.sh' '*.py' '*.cmake' '*CMakeLists.txt' Makefile '*.md' \
		':!:tests/route/snippets/*' | xargs -0 $(REUSE_ANNOTATE) --license=GPL-3.0-or-later
	@$(REUSE_ANNOTATE) --license=GPL-3.0-or-later --style=python .ci/run
	@git ls-files -z -- .clang-format .editorconfig '*.gitignore' tests/lsan.supp | \
		xargs -0 $(REUSE_ANNOTATE) --license=CC0-1.0 --style=python

clean:
	@rm -rf build build-asan build-release build-fuzz
