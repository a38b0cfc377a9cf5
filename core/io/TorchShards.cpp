// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/TorchShards.h"

#include "io/ShardIndex.h"
#include "util/Error.h"

#include <filesystem>

namespace ws {

namespace fs = std::filesystem;

TorchShardedFile::TorchShardedFile(const std::string& path)
{
    path_ = path;
    std::error_code ec;
    const std::string indexPath = fs::is_directory(path, ec) ? (fs::path(path) / kTorchIndexName).string() : path;
    const ShardIndex index = readShardIndex(indexPath);
    if (!index.metadata.is_null())
        metadata_["index"] = index.metadata;
    std::vector<std::vector<std::string>> names;
    for (size_t s = 0; s < index.shards.size(); ++s) {
        shards_.push_back(std::make_unique<TorchFile>(index.shardPaths[s]));
        names.emplace_back();
        for (const TensorInfo& t : shards_.back()->tensors())
            names.back().push_back(t.name);
        nlohmann::json item = shards_.back()->metadata();
        item["file"] = index.shards[s];
        item["tensors"] = names.back().size();
        metadata_["shards"].push_back(std::move(item));
    }
    for (const auto& [s, i] : matchShards(index, names)) {
        where_.emplace_back(s, i);
        tensors_.push_back(shards_[s]->tensors()[i]);
    }
    readConfigJsonBeside(indexPath, metadata_);
}

void TorchShardedFile::read(size_t index, int64_t first, int64_t count, float* out) const
{
    checkedRead(index, first, count);
    shards_[where_[index].first]->read(where_[index].second, first, count, out);
}

bool looksLikeTorchShards(const std::string& path)
{
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return fs::is_regular_file(fs::path(path) / kTorchIndexName, ec);
    const std::string suffix = ".bin.index.json";
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace ws
