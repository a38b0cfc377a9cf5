// SPDX-License-Identifier: GPL-3.0-or-later
// A sharded Hugging Face folder: the input is split at the line "--ws-fuzz-part--" into
// model.safetensors.index.json and config.json; the two shards next to them are the real ones
// from tests/data/safetensors/sharded, copied into the folder once. The seeds
// (fuzz/make_seeds.py) are the real index and config joined that way.
#include "FuzzInput.h"

#include "io/SafetensorsReader.h"
#include "util/Error.h"

#include <filesystem>
#include <string_view>

namespace {

void copyShardsOnce()
{
    static const bool done = [] {
        namespace fs = std::filesystem;
        for (const char* shard : { "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors" })
            fs::copy_file(fs::path(WS_FUZZ_SHARDED_DIR) / shard, fs::path(ws::fuzz::folder()) / shard,
                fs::copy_options::overwrite_existing);
        return true;
    }();
    (void)done;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    copyShardsOnce();
    const auto parts = ws::fuzz::splitParts(data, size);
    const std::string_view index = parts[0];
    const std::string_view config = parts.size() > 1 ? parts[1] : std::string_view();
    ws::fuzz::writeInput("model.safetensors.index.json", reinterpret_cast<const uint8_t*>(index.data()), index.size());
    const std::string configPath = ws::fuzz::writeInput("config.json", reinterpret_cast<const uint8_t*>(config.data()), config.size());
    if (parts.size() == 1)
        std::filesystem::remove(configPath); // no config.json at all is a case of its own
    try {
        ws::SafetensorsFile file(ws::fuzz::folder());
        ws::fuzz::exercise(file);
    } catch (const ws::Error&) {
    }
    return 0;
}
