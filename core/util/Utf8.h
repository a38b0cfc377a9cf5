// SPDX-License-Identifier: GPL-3.0-or-later
// UTF-8 checks for text that comes from files. Protocol buffers (ONNX), pickles, GGUF and HDF5
// strings are bytes the format only promises to be UTF-8; nlohmann::json refuses to dump a string
// that is not (type_error 316), and a fuzzed ONNX producer name did exactly that.
#pragma once

#include <string>
#include <string_view>

namespace ws {

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool isValidUtf8(std::string_view s);

// `s` with every byte that does not start or continue a well-formed sequence replaced by U+FFFD.
std::string toValidUtf8(std::string_view s);

} // namespace ws
