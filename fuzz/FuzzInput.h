// SPDX-License-Identifier: GPL-3.0-or-later
// Shared pieces of the libFuzzer targets (fuzz/README in docs/reliability.md): every reader in
// Weightscope takes a path, so each input is written to a file in a per-process folder on tmpfs
// (/dev/shm when it exists) under a fixed name whose suffix picks the reader, exactly as
// openWeightFile would see a user's file. tmpfs keeps the per-input cost to a few microseconds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ws {
class WeightFile;
}

namespace ws::fuzz {

// Writes `size` bytes to `<fuzz folder>/<name>` (replacing it) and returns the path.
std::string writeInput(const std::string& name, const uint8_t* data, size_t size);
// The per-process folder (created on first use, removed at exit).
const std::string& folder();

// Targets that need several files (a folder) take one input cut at each line "--ws-fuzz-part--":
// the parts in order, at least one (the whole input when it has no separator).
inline constexpr std::string_view kPartSeparator = "\n--ws-fuzz-part--\n";
std::vector<std::string_view> splitParts(const uint8_t* data, size_t size);

// What a user does with an opened file, kept cheap: format, metadata, a bounded read at both
// ends of every tensor, and model() for formats that have an architecture.
void exercise(const WeightFile& file);

} // namespace ws::fuzz
