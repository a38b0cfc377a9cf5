# SPDX-License-Identifier: GPL-3.0-or-later
# One INTERFACE target carries the warnings, sanitizer and architecture flags that every
# Weightscope target shares (qBittorrent's qbt_common_cfg pattern).
add_library(ws_common_cfg INTERFACE)
target_compile_options(ws_common_cfg INTERFACE
  -Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Woverloaded-virtual)
# -Wshadow=local is GCC's spelling; clang (the fuzz preset) has no equivalent of the same name.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(ws_common_cfg INTERFACE -Wshadow=local)
endif()
target_compile_definitions(ws_common_cfg INTERFACE
  WS_VERSION="${PROJECT_VERSION}"
  $<$<NOT:$<CONFIG:Debug>>:EIGEN_NO_DEBUG>)

if(WS_ARCH)
  target_compile_options(ws_common_cfg INTERFACE -march=${WS_ARCH})
endif()

if(WS_SANITIZE)
  target_compile_options(ws_common_cfg INTERFACE -fsanitize=${WS_SANITIZE} -fno-omit-frame-pointer)
  target_link_options(ws_common_cfg INTERFACE -fsanitize=${WS_SANITIZE})
  if(WS_SANITIZE MATCHES "undefined")
    target_compile_options(ws_common_cfg INTERFACE -fno-sanitize-recover=undefined)
  endif()
endif()
