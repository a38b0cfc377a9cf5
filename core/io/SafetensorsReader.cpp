// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/SafetensorsReader.h"

#include "io/ShardIndex.h"
#include "io/StrictJson.h"
#include "util/Error.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace ws {

namespace fs = std::filesystem;

namespace {

constexpr const char* kIndexName = "model.safetensors.index.json";

uint64_t loadLe64(const uint8_t* p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

// One tensor entry of a header, before it is placed in the WeightFile.
struct Entry {
    TensorInfo info;
    uint64_t begin = 0, end = 0; // relative to the data buffer
};

uint64_t nonNegativeInteger(const nlohmann::ordered_json& v, const std::string& where)
{
    if (v.is_number_unsigned())
        return v.get<uint64_t>();
    if (v.is_number_integer())
        throw FormatError(where + " is negative (" + v.dump() + ")");
    throw FormatError(where + " is not an integer (" + v.dump() + ")");
}

// Parses and validates one safetensors file's header; returns its tensors in data order.
std::vector<Entry> parseHeader(const MappedFile& file, nlohmann::json& metadataOut)
{
    const std::string& path = file.path();
    const uint64_t size = file.size();
    if (size < 8)
        throw FormatError(path + ": file is " + std::to_string(size)
            + " bytes, too short for the 8-byte header length of a safetensors file");
    const uint64_t n = loadLe64(file.data());
    if (n > SafetensorsFile::kMaxHeaderBytes)
        throw FormatError(path + ": header length " + std::to_string(n) + " at byte 0 is larger than the "
            + std::to_string(SafetensorsFile::kMaxHeaderBytes) + "-byte limit (not a safetensors file, or damaged)");
    if (n > size - 8)
        throw FormatError(path + ": header length " + std::to_string(n) + " at byte 0 runs past the end of the file ("
            + std::to_string(size) + " bytes)");
    if (n < 2 || file.data()[8] != '{')
        throw FormatError(path + ": header at byte 8 does not start with '{' (not a safetensors file)");

    const char* begin = reinterpret_cast<const char*>(file.data()) + 8;
    const nlohmann::ordered_json header = parseStrictJson(begin, begin + n, path + ": header", 8);
    if (!header.is_object())
        throw FormatError(path + ": header at byte 8 is not a JSON object");

    const uint64_t dataStart = 8 + n;
    const uint64_t dataSize = size - dataStart;
    std::vector<Entry> entries;
    entries.reserve(header.size());
    for (const auto& [name, v] : header.items()) {
        if (name == "__metadata__") {
            if (!v.is_object())
                throw FormatError(path + ": __metadata__ is not an object of strings");
            nlohmann::json meta = nlohmann::json::object();
            for (const auto& [k, s] : v.items()) {
                if (!s.is_string())
                    throw FormatError(path + ": __metadata__ entry '" + k + "' is not a string");
                meta[k] = s.get<std::string>();
            }
            metadataOut["__metadata__"] = std::move(meta);
            continue;
        }
        const std::string where = path + ": tensor '" + name + "'";
        if (!v.is_object())
            throw FormatError(where + ": entry is not an object");
        Entry e;
        e.info.name = name;
        const auto dt = v.find("dtype");
        if (dt == v.end() || !dt->is_string())
            throw FormatError(where + ": missing or non-string dtype");
        try {
            e.info.dtype = parseDType(dt->get<std::string>());
        } catch (const FormatError& err) {
            throw FormatError(where + ": " + err.what());
        }
        const auto sh = v.find("shape");
        if (sh == v.end() || !sh->is_array())
            throw FormatError(where + ": shape is missing or not an array");
        uint64_t numel = 1;
        bool overflow = false;
        for (size_t i = 0; i < sh->size(); ++i) {
            const uint64_t d = nonNegativeInteger((*sh)[i], where + ": shape dimension " + std::to_string(i));
            if (d > uint64_t(INT64_MAX))
                throw FormatError(where + ": shape dimension " + std::to_string(i) + " is too large");
            e.info.shape.push_back(int64_t(d));
            overflow = overflow || __builtin_mul_overflow(numel, d, &numel);
        }
        uint64_t bytes = 0;
        if (overflow || numel > uint64_t(INT64_MAX) || __builtin_mul_overflow(numel, dtypeSize(e.info.dtype), &bytes))
            throw FormatError(where + ": shape " + sh->dump() + " has more elements than can be addressed");
        const auto off = v.find("data_offsets");
        if (off == v.end() || !off->is_array() || off->size() != 2)
            throw FormatError(where + ": data_offsets is missing or not [begin, end]");
        e.begin = nonNegativeInteger((*off)[0], where + ": data_offsets begin");
        e.end = nonNegativeInteger((*off)[1], where + ": data_offsets end");
        if (e.begin > e.end)
            throw FormatError(where + ": data_offsets begin " + std::to_string(e.begin) + " is after end "
                + std::to_string(e.end));
        if (e.end > dataSize)
            throw FormatError(where + ": data_offsets [" + std::to_string(e.begin) + ", " + std::to_string(e.end)
                + "] end at byte " + std::to_string(dataStart + e.end) + ", past the end of the file ("
                + std::to_string(size) + " bytes)");
        if (e.end - e.begin != bytes)
            throw FormatError(where + ": shape " + sh->dump() + " of " + dtypeName(e.info.dtype) + " needs "
                + std::to_string(bytes) + " bytes but data_offsets [" + std::to_string(e.begin) + ", "
                + std::to_string(e.end) + "] hold " + std::to_string(e.end - e.begin));
        e.info.nbytes = bytes;
        entries.push_back(std::move(e));
    }
    // The spec: "The byte buffer needs to be entirely indexed, and cannot contain holes."
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    uint64_t expected = 0;
    for (size_t i = 0; i < entries.size(); ++i) {
        const Entry& e = entries[i];
        if (e.begin < expected)
            throw FormatError(path + ": tensor '" + e.info.name + "' at byte " + std::to_string(dataStart + e.begin)
                + " overlaps tensor '" + entries[i - 1].info.name + "' (which ends at byte "
                + std::to_string(dataStart + expected) + ")");
        if (e.begin > expected)
            throw FormatError(path + ": bytes " + std::to_string(dataStart + expected) + " to "
                + std::to_string(dataStart + e.begin) + " before tensor '" + e.info.name
                + "' belong to no tensor (the format allows no holes)");
        expected = e.end;
    }
    if (expected != dataSize)
        throw FormatError(path + ": the tensors end at byte " + std::to_string(dataStart + expected)
            + " but the file has " + std::to_string(size) + " bytes (the format allows no trailing data)");
    for (Entry& e : entries)
        e.begin += dataStart; // absolute from here on
    return entries;
}

} // namespace

SafetensorsFile::SafetensorsFile(const std::string& path)
{
    path_ = path;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        const fs::path index = fs::path(path) / kIndexName;
        if (fs::exists(index, ec)) {
            openIndex(index.string());
            return;
        }
        std::vector<std::string> files;
        for (const auto& de : fs::directory_iterator(path, ec))
            if (de.is_regular_file() && de.path().filename().string().ends_with(".safetensors"))
                files.push_back(de.path().string());
        if (files.empty())
            throw FormatError(path + ": folder holds neither " + kIndexName + " nor a .safetensors file");
        if (files.size() > 1)
            throw FormatError(path + ": folder holds " + std::to_string(files.size()) + " .safetensors files but no "
                + kIndexName + " saying how they belong together");
        openSingle(files.front());
        return;
    }
    if (path.ends_with(".index.json"))
        openIndex(path);
    else
        openSingle(path);
}

std::string SafetensorsFile::format() const { return sharded_ ? "safetensors (sharded)" : "safetensors"; }

void SafetensorsFile::openSingle(const std::string& file)
{
    shards_.push_back(std::make_unique<MappedFile>(file));
    for (Entry& e : parseHeader(*shards_.back(), metadata_)) {
        where_.push_back({ 0, e.begin });
        tensors_.push_back(std::move(e.info));
    }
    readConfigBeside(file);
}

void SafetensorsFile::openIndex(const std::string& indexPath)
{
    sharded_ = true;
    const ShardIndex index = readShardIndex(indexPath);
    if (!index.metadata.is_null())
        metadata_["index"] = index.metadata;
    std::vector<std::vector<Entry>> shardEntries;
    std::vector<std::vector<std::string>> names;
    nlohmann::json shardList = nlohmann::json::array();
    for (size_t s = 0; s < index.shards.size(); ++s) {
        shards_.push_back(std::make_unique<MappedFile>(index.shardPaths[s]));
        nlohmann::json meta = nlohmann::json::object();
        shardEntries.push_back(parseHeader(*shards_.back(), meta));
        names.emplace_back();
        for (const Entry& e : shardEntries.back())
            names.back().push_back(e.info.name);
        nlohmann::json item = { { "file", index.shards[s] }, { "tensors", shardEntries.back().size() } };
        if (meta.contains("__metadata__")) {
            item["__metadata__"] = meta["__metadata__"];
            if (!metadata_.contains("__metadata__"))
                metadata_["__metadata__"] = meta["__metadata__"];
        }
        shardList.push_back(std::move(item));
    }
    metadata_["shards"] = std::move(shardList);
    for (const auto& [s, i] : matchShards(index, names)) {
        where_.push_back({ s, shardEntries[s][i].begin });
        tensors_.push_back(std::move(shardEntries[s][i].info));
    }
    readConfigBeside(indexPath);
}

void SafetensorsFile::readConfigBeside(const std::string& weightsPath)
{
    readConfigJsonBeside(weightsPath, metadata_);
}

void SafetensorsFile::read(size_t index, int64_t first, int64_t count, float* out) const
{
    const TensorInfo& info = checkedRead(index, first, count);
    if (count == 0)
        return; // `out` may be null (an empty vector's data()), which memcpy must not see
    const Location& loc = where_[index];
    const size_t size = dtypeSize(info.dtype);
    convertToFloat(info.dtype, shards_[loc.shard]->data() + loc.offset + uint64_t(first) * size, size_t(count), out);
}

void SafetensorsFile::releaseTensor(size_t index) const
{
    if (index >= where_.size())
        return;
    const Location& loc = where_[index];
    shards_[loc.shard]->releasePages(size_t(loc.offset), size_t(tensors_[index].nbytes));
}

bool looksLikeSafetensors(const std::string& path)
{
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        if (fs::exists(fs::path(path) / kIndexName, ec))
            return true;
        for (const auto& de : fs::directory_iterator(path, ec))
            if (de.path().filename().string().ends_with(".safetensors"))
                return true;
        return false;
    }
    if (path.ends_with(".safetensors") || path.ends_with(".safetensors.index.json"))
        return true;
    std::ifstream in(path, std::ios::binary);
    uint8_t head[9] = {};
    if (!in.read(reinterpret_cast<char*>(head), 9))
        return false;
    const uint64_t n = loadLe64(head);
    const auto size = fs::file_size(path, ec);
    return !ec && head[8] == '{' && n >= 2 && n <= size - 8;
}

} // namespace ws
