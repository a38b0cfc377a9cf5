// SPDX-License-Identifier: GPL-3.0-or-later
// A Hugging Face shard index, as save_pretrained writes it beside the shards of a large model
// (model.safetensors.index.json, pytorch_model.bin.index.json): {"metadata": {...},
// "weight_map": {tensor name: shard file name}}. Used by io/SafetensorsReader.h and
// io/TorchShards.h alike: the shards are opened by their own readers, and the index and the
// shards must agree both ways (every mapped tensor in its shard, every shard's tensor mapped).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ws {

inline constexpr uint64_t kMaxSideJsonBytes = uint64_t(64) << 20; // config.json, index.json

struct ShardIndex {
    std::string path;                                           // the index file
    nlohmann::json metadata;                                    // its "metadata", or null
    std::vector<std::pair<std::string, std::string>> weightMap; // tensor -> shard, in the index's order
    std::vector<std::string> shards;                            // the distinct shard names, sorted
    std::vector<std::string> shardPaths;                        // parallel to shards: inside the index's folder
};

// Reads and checks an index (strict JSON, a non-empty weight_map of strings, shard names that
// stay inside the folder). Throws FormatError naming the index.
ShardIndex readShardIndex(const std::string& indexPath);

// For each weight_map entry in order: (shard, position of the tensor in that shard's `names`).
// Throws FormatError when the index maps a tensor to a shard without it, or a shard holds a
// tensor the index does not map to it.
std::vector<std::pair<size_t, size_t>> matchShards(const ShardIndex& index,
                                                   const std::vector<std::vector<std::string>>& names);

// A config.json beside `weightsPath` (Hugging Face's model config) into metadata["config"]; a
// broken one does not stop anyone from inspecting the weights and becomes metadata["warnings"].
void readConfigJsonBeside(const std::string& weightsPath, nlohmann::json& metadata);

// A small side file read whole (at most kMaxSideJsonBytes). Throws FormatError.
std::string readSmallFile(const std::string& path);

} // namespace ws
