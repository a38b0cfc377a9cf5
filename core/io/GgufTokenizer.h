// SPDX-License-Identifier: GPL-3.0-or-later
// The tokenizer a GGUF file carries in its metadata (llama.cpp's tokenizer.ggml.* keys): the
// vocabulary `tokens` (strings, the token id is the index), `scores` (float32, one per token),
// `token_type` (int32, one per token: 1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused,
// 6 byte), `merges` (BPE merge rules, "a b") and `model` ("llama", "gpt2", ...).
//
// GgufFile's metadata() only summarises these arrays (150 000 tokens); readGgufTokenizer()
// reads them whole, when asked, from the mapped file. Every length is checked against the file
// again, and arrays that disagree (scores or types not one per token) or have the wrong element
// type are refused with a FormatError naming the file and the key.
#pragma once

#include "io/GgufReader.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ws {

struct GgufTokenizer {
    std::string model;               // tokenizer.ggml.model; empty when absent
    std::vector<std::string> tokens; // as stored (GGUF does not enforce UTF-8)
    std::vector<float> scores;       // empty when the file has none
    std::vector<int32_t> types;      // empty when the file has none
    std::vector<std::string> merges; // empty when the file has none

    // The ids whose token is exactly `text`, also spelled with the space markers of SentencePiece
    // ("▁", U+2581) and GPT-2's byte-level BPE ("Ġ", U+0120) in place of spaces, ascending.
    std::vector<int64_t> find(std::string_view text) const;
    // The ids whose token contains `part` (byte-wise, case-sensitive; its spaces also as "▁" or
    // "Ġ", as find()), at most `limit`, ascending.
    std::vector<int64_t> search(std::string_view part, size_t limit) const;
};

// True when the file has a tokenizer.ggml.tokens array.
bool hasGgufTokenizer(const GgufFile& file);
// Reads the tokenizer; throws FormatError when the file has none or its arrays are malformed.
GgufTokenizer readGgufTokenizer(const GgufFile& file);
// "normal", "unknown", "control", "user-defined", "unused", "byte", or the number.
std::string tokenTypeName(int32_t type);

} // namespace ws
