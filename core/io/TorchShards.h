// SPDX-License-Identifier: GPL-3.0-or-later
// A PyTorch model saved in shards by Hugging Face's save_pretrained: pytorch_model-00001-of-0000N.bin
// files (each a state dict written by torch.save, read by io/TorchReader.h) and
// pytorch_model.bin.index.json mapping every tensor to its shard (io/ShardIndex.h). Opened as one
// model, like a sharded safetensors folder: the tensors in the index's order, the shards' own
// metadata under "shards", the index's under "index", a config.json beside them under "config".
#pragma once

#include "io/TorchReader.h"
#include "io/WeightFile.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ws {

inline constexpr const char* kTorchIndexName = "pytorch_model.bin.index.json";

class TorchShardedFile final : public WeightFile {
public:
    // `path` is the index or a folder holding it. Throws FormatError.
    explicit TorchShardedFile(const std::string& path);
    std::string format() const override { return "pytorch (sharded)"; }
    void read(size_t index, int64_t first, int64_t count, float* out) const override;

private:
    std::vector<std::unique_ptr<TorchFile>> shards_;
    std::vector<std::pair<size_t, size_t>> where_; // parallel to tensors_: shard, tensor in the shard
};

// A folder holding pytorch_model.bin.index.json, or a path ending in .bin.index.json.
bool looksLikeTorchShards(const std::string& path);

} // namespace ws
