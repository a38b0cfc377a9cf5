// SPDX-License-Identifier: GPL-3.0-or-later
// JSON parsing for untrusted files: nlohmann's parser plus the checks it does not make.
// The default parser silently keeps one of two equal keys; a weight file whose header names a
// tensor twice is ambiguous, so duplicate keys are an error here. Nesting is capped so a hostile
// file cannot exhaust the stack.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace ws {

// Parses [begin, end) keeping key order; throws FormatError "<what>: ..." with the absolute
// byte offset (baseOffset + position) of invalid JSON, a duplicate key or too deep nesting.
nlohmann::ordered_json parseStrictJson(const char* begin, const char* end, const std::string& what,
    uint64_t baseOffset);

// Parses untrusted JSON that may legitimately repeat keys (model configs) into a plain json,
// refusing nesting deeper than maxDepth: the parser itself copes with any depth, but dumping or
// walking the result recurses once per level, and 100000 '[' overflow the stack.
// Throws FormatError "<what>: ...".
nlohmann::json parseJsonWithDepthLimit(const std::string& text, const std::string& what, int maxDepth = 256);

// Replaces bytes that are not well-formed UTF-8 in every string and object key of `j` by U+FFFD
// (util/Utf8.h), so that it can be dumped: for JSON built from a file's raw strings (ONNX
// protobuf fields, pickled and GGUF strings, HDF5 attributes) rather than parsed, which checks.
void makeValidUtf8(nlohmann::json& j);

} // namespace ws
