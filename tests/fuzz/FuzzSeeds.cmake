# SPDX-FileCopyrightText: 2026 The Detour authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

# detour_fuzz_seeds(<dir>): the seed corpus of each fuzz target, gathered into
# <dir>/<target>/ at configure time from tests/fixtures (the real-shaped
# responses) and the hand-written seeds in tests/fuzz/seeds/. Both the fuzzers
# and the replay test read them from there.
function(detour_fuzz_seeds out)
    set(fixtures "${PROJECT_SOURCE_DIR}/tests/fixtures")
    file(REMOVE_RECURSE "${out}")
    file(GLOB streams CONFIGURE_DEPENDS "${fixtures}/*.sse")
    file(GLOB responses CONFIGURE_DEPENDS "${fixtures}/*.http")
    file(COPY ${streams} DESTINATION "${out}/sse_parser")
    file(COPY ${responses} DESTINATION "${out}/raw_http_response")
    file(COPY ${responses} DESTINATION "${out}/error_diagnosis")

    # The response parser reads one JSON document: every `data:` payload of the
    # streams and every response body.
    set(payloads "${out}/response_parser")
    file(MAKE_DIRECTORY "${payloads}")
    foreach(stream IN LISTS streams)
        get_filename_component(stem "${stream}" NAME_WE)
        file(READ "${stream}" text)
        string(REPLACE "\r" "" text "${text}")
        set(index 0)
        while(TRUE)
            string(FIND "${text}" "data: " at)
            if(at LESS 0)
                break()
            endif()
            math(EXPR at "${at} + 6")
            string(SUBSTRING "${text}" ${at} -1 text)
            string(FIND "${text}" "\n" end)
            string(SUBSTRING "${text}" 0 ${end} payload)
            if(NOT payload STREQUAL "[DONE]")
                math(EXPR index "${index} + 1")
                file(WRITE "${payloads}/${stem}-${index}.json" "${payload}")
            endif()
        endwhile()
    endforeach()
    foreach(response IN LISTS responses)
        get_filename_component(stem "${response}" NAME_WE)
        file(READ "${response}" text)
        string(REPLACE "\r" "" text "${text}")
        string(FIND "${text}" "\n\n" at)
        if(at GREATER_EQUAL 0)
            math(EXPR at "${at} + 2")
            string(SUBSTRING "${text}" ${at} -1 body)
            file(WRITE "${payloads}/${stem}.json" "${body}")
        endif()
    endforeach()

    # Other clients' history: ChatGPT's export and Jan's message files.
    set(history "${out}/history_import")
    file(MAKE_DIRECTORY "${history}")
    file(COPY_FILE "${fixtures}/import/chatgpt/conversations.json"
        "${history}/chatgpt-conversations.json")
    file(GLOB threads LIST_DIRECTORIES true CONFIGURE_DEPENDS "${fixtures}/import/jan/threads/*")
    foreach(thread IN LISTS threads)
        get_filename_component(name "${thread}" NAME)
        file(COPY_FILE "${thread}/messages.jsonl" "${history}/jan-${name}.jsonl")
    endforeach()

    # Hand-written seeds (route files have no fixtures of their own).
    file(GLOB targets LIST_DIRECTORIES true CONFIGURE_DEPENDS
        "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/seeds/*")
    foreach(target IN LISTS targets)
        file(GLOB seeds CONFIGURE_DEPENDS "${target}/*")
        get_filename_component(name "${target}" NAME)
        file(COPY ${seeds} DESTINATION "${out}/${name}")
    endforeach()
endfunction()
