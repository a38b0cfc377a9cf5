// SPDX-License-Identifier: GPL-3.0-or-later
// Meta's LLaMA layout (io/TorchConsolidated.h): the input is cut at the line "--ws-fuzz-part--"
// into params.json, consolidated.00.pth, consolidated.01.pth, ... (at most 4 slices; parts that
// are missing are files that are missing, and an input without a separator is a folder with
// params.json only). Opened as the folder, so the slices' merging and the checks of params.json
// against the whole tensors are fuzzed together. Seeds: the real tiny model of
// tests/data/torch/models/consolidated joined that way (fuzz/CMakeLists.txt).
#include "FuzzInput.h"

#include "io/TorchConsolidated.h"
#include "util/Error.h"

#include <filesystem>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    constexpr size_t kMaxSlices = 4;
    const auto parts = ws::fuzz::splitParts(data, size);
    auto write = [](const std::string& name, std::string_view bytes) {
        ws::fuzz::writeInput(name, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    };
    write("params.json", parts[0]);
    for (size_t s = 0; s < kMaxSlices; ++s) {
        const std::string name = "consolidated.0" + std::to_string(s) + ".pth";
        if (s + 1 < parts.size())
            write(name, parts[s + 1]);
        else
            std::filesystem::remove(ws::fuzz::folder() + "/" + name);
    }
    try {
        ws::TorchConsolidatedFile file(ws::fuzz::folder());
        ws::fuzz::exercise(file);
    } catch (const ws::Error&) {
    }
    return 0;
}
