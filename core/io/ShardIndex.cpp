// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/ShardIndex.h"

#include "io/StrictJson.h"
#include "util/Error.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace ws {

namespace fs = std::filesystem;

std::string readSmallFile(const std::string& path)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec)
        throw FormatError(path + ": cannot read: " + ec.message());
    if (size > kMaxSideJsonBytes)
        throw FormatError(path + ": " + std::to_string(size) + " bytes is too large for a JSON side file (limit "
            + std::to_string(kMaxSideJsonBytes) + ")");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw FormatError(path + ": cannot open");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void readConfigJsonBeside(const std::string& weightsPath, nlohmann::json& metadata)
{
    const fs::path config = fs::path(weightsPath).parent_path() / "config.json";
    std::error_code ec;
    if (!fs::is_regular_file(config, ec))
        return;
    // A broken config.json does not stop anyone from inspecting the weights: keep a warning.
    try {
        const std::string text = readSmallFile(config.string());
        metadata["config"] = nlohmann::json::parse(parseStrictJson(text.data(), text.data() + text.size(),
            config.string(), 0).dump());
    } catch (const FormatError& e) {
        // The parser's message quotes the bytes it stopped at, which may be invalid UTF-8 (found
        // by fuzz_safetensors_folder): metadata must stay dumpable, so invalid bytes become U+FFFD.
        const std::string safe = nlohmann::json(std::string(e.what()))
                                     .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        metadata["warnings"].push_back(nlohmann::json::parse(safe));
    }
}

ShardIndex readShardIndex(const std::string& indexPath)
{
    ShardIndex out;
    out.path = indexPath;
    const std::string text = readSmallFile(indexPath);
    const nlohmann::ordered_json index = parseStrictJson(text.data(), text.data() + text.size(), indexPath, 0);
    if (!index.is_object() || !index.contains("weight_map") || !index.at("weight_map").is_object())
        throw FormatError(indexPath + ": no \"weight_map\" object (not a shard index)");
    if (index.contains("metadata"))
        out.metadata = nlohmann::json::parse(index.at("metadata").dump());
    const auto& map = index.at("weight_map");
    if (map.empty())
        throw FormatError(indexPath + ": weight_map is empty");
    std::set<std::string> names;
    for (const auto& [tensor, file] : map.items()) {
        if (!file.is_string())
            throw FormatError(indexPath + ": weight_map entry '" + tensor + "' is not a file name");
        out.weightMap.emplace_back(tensor, file.get<std::string>());
        names.insert(file.get<std::string>());
    }
    // Shards in name order (model-00001-of-00003, ...); each must stay inside the index's folder.
    for (const std::string& shard : names) {
        const fs::path p(shard);
        if (shard.empty() || p.is_absolute()
            || std::any_of(p.begin(), p.end(), [](const fs::path& c) { return c == ".."; }))
            throw FormatError(indexPath + ": shard file name '" + shard + "' is not a plain name inside the folder");
        out.shards.push_back(shard);
        out.shardPaths.push_back((fs::path(indexPath).parent_path() / p).string());
    }
    return out;
}

std::vector<std::pair<size_t, size_t>> matchShards(const ShardIndex& index,
                                                   const std::vector<std::vector<std::string>>& names)
{
    std::map<std::string, size_t> shardOf;
    for (size_t s = 0; s < index.shards.size(); ++s)
        shardOf[index.shards[s]] = s;
    std::vector<std::map<std::string, size_t>> left(names.size());
    for (size_t s = 0; s < names.size(); ++s)
        for (size_t i = 0; i < names[s].size(); ++i)
            left[s].emplace(names[s][i], i);
    std::vector<std::pair<size_t, size_t>> out;
    for (const auto& [tensor, file] : index.weightMap) {
        const size_t s = shardOf.at(file);
        const auto it = left[s].find(tensor);
        if (it == left[s].end())
            throw FormatError(index.path + ": weight_map puts tensor '" + tensor + "' in " + file
                + ", which does not hold it");
        out.emplace_back(s, it->second);
        left[s].erase(it);
    }
    for (size_t s = 0; s < left.size(); ++s)
        if (!left[s].empty())
            throw FormatError(index.shardPaths[s] + ": holds tensor '" + left[s].begin()->first + "' that " + index.path
                + " does not map to this shard");
    return out;
}

} // namespace ws
