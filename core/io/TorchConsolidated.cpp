// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/TorchConsolidated.h"

#include "io/ShardIndex.h"
#include "io/StrictJson.h"
#include "util/Error.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

namespace ws {

namespace fs = std::filesystem;

namespace {

constexpr const char* kParamsName = "params.json";

// The number in "consolidated.07.pth", or nullopt for other names. Six digits at most: nothing
// near that many files is accepted, and the number must not overflow.
std::optional<size_t> consolidatedNumber(const std::string& name)
{
    const std::string head = "consolidated.", tail = ".pth";
    if (name.size() <= head.size() + tail.size() || !name.starts_with(head) || !name.ends_with(tail))
        return std::nullopt;
    const std::string digits = name.substr(head.size(), name.size() - head.size() - tail.size());
    if (digits.size() > 6 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return size_t(std::stoul(digits));
}

// The layer number of "layers.12.attention.wq.weight", or nullopt.
std::optional<int64_t> layerNumber(const std::string& name)
{
    if (!name.starts_with("layers."))
        return std::nullopt;
    const size_t end = name.find('.', 7);
    const std::string digits = name.substr(7, end == std::string::npos ? std::string::npos : end - 7);
    if (digits.empty() || digits.size() > 9
        || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoll(digits);
}

} // namespace

std::optional<int> llamaSplitDim(const std::string& name)
{
    if (name == "rope.freqs")
        return -1;
    const size_t last = name.rfind('.');
    if (last == std::string::npos || name.compare(last, std::string::npos, ".weight") != 0)
        return std::nullopt;
    const size_t before = name.rfind('.', last - 1);
    const std::string module = name.substr(before == std::string::npos ? 0 : before + 1,
        before == std::string::npos ? last : last - before - 1);
    for (const char* m : { "wq", "wk", "wv", "w1", "w3", "output" })
        if (module == m)
            return 0;
    for (const char* m : { "wo", "w2", "tok_embeddings" })
        if (module == m)
            return 1;
    for (const char* m : { "attention_norm", "ffn_norm", "norm" })
        if (module == m)
            return -1;
    return std::nullopt;
}

TorchConsolidatedFile::TorchConsolidatedFile(const std::string& path)
{
    path_ = path;
    std::error_code ec;
    const fs::path folder = fs::is_directory(path, ec) ? fs::path(path) : fs::path(path).parent_path();
    const std::string where = folder.empty() ? std::string(".") : folder.string();

    // The files by number; counting stops at the limit, so a folder of a million names costs no memory.
    std::map<size_t, std::string> numbered;
    for (fs::directory_iterator it(folder.empty() ? fs::path(".") : folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const auto n = consolidatedNumber(name);
        if (!n)
            continue;
        if (!numbered.emplace(*n, name).second)
            throw FormatError(where + ": " + numbered.at(*n) + " and " + name + " both claim model-parallel rank "
                + std::to_string(*n));
        if (numbered.size() > kMaxConsolidatedFiles)
            throw FormatError(where + ": more than " + std::to_string(kMaxConsolidatedFiles)
                + " consolidated.NN.pth files, more than any release has; not opened");
    }
    if (ec)
        throw FormatError(where + ": cannot list the folder: " + ec.message());
    if (numbered.empty())
        throw FormatError(where + ": no consolidated.NN.pth files");
    size_t expect = 0;
    for (const auto& [n, name] : numbered) {
        if (n != expect)
            throw FormatError(where + ": rank " + std::to_string(expect) + " is missing (there is " + name
                + " but no consolidated file numbered " + std::to_string(expect)
                + "): every model-parallel rank holds a slice of each tensor");
        ++expect;
        fileNames_.push_back(name);
    }

    std::vector<std::string> names;
    for (size_t s = 0; s < fileNames_.size(); ++s) {
        files_.push_back(std::make_unique<TorchFile>((folder / fileNames_[s]).string()));
        nlohmann::json item = files_.back()->metadata();
        item["file"] = fileNames_[s];
        item["tensors"] = files_.back()->tensors().size();
        metadata_["shards"].push_back(std::move(item));
    }
    for (const TensorInfo& t : files_.front()->tensors())
        names.push_back(t.name);
    mergeTensors(names);

    const fs::path params = folder / kParamsName;
    if (fs::is_regular_file(params, ec))
        checkParams(params.string());
    else
        metadata_["warnings"].push_back(where + ": no " + kParamsName
            + " beside the consolidated files, so the model's sizes are not checked");
}

void TorchConsolidatedFile::mergeTensors(const std::vector<std::string>& names)
{
    const size_t files = files_.size();
    // Every file must hold the same names: look each up once.
    std::vector<std::map<std::string, size_t>> index(files);
    for (size_t s = 0; s < files; ++s) {
        const auto& ts = files_[s]->tensors();
        for (size_t i = 0; i < ts.size(); ++i)
            index[s].emplace(ts[i].name, i);
        for (const auto& [name, i] : index[s])
            if (!index[0].count(name))
                throw FormatError(files_[s]->path() + ": holds tensor '" + name + "', which " + fileNames_[0]
                    + " does not: the files are not slices of one model");
    }
    nlohmann::json perFileOnly = nlohmann::json::array();
    int64_t splitCount[2] = { 0, 0 }, replicated = 0;
    for (const std::string& name : names) {
        const size_t first = index[0].at(name);
        const TensorInfo& t0 = files_[0]->tensors()[first];
        Source src;
        src.slices.emplace_back(0, first);
        TensorInfo whole = t0;
        const std::optional<int> dim = llamaSplitDim(name);
        if (!dim && files > 1) {
            perFileOnly.push_back(name);
            continue;
        }
        if (dim && *dim >= 0 && size_t(*dim) >= t0.shape.size())
            throw FormatError(files_[0]->path() + ": tensor '" + name + "' has " + std::to_string(t0.shape.size())
                + " dimensions, but a model-parallel " + name.substr(0, name.rfind('.'))
                + " is split on dimension " + std::to_string(*dim));
        for (size_t s = 1; s < files; ++s) {
            const auto it = index[s].find(name);
            if (it == index[s].end())
                throw FormatError(files_[s]->path() + ": holds no tensor '" + name + "', which " + fileNames_[0]
                    + " holds: the files are not slices of one model");
            src.slices.emplace_back(s, it->second);
            const TensorInfo& t = files_[s]->tensors()[it->second];
            if (t.dtype != t0.dtype)
                throw FormatError(files_[s]->path() + ": tensor '" + name + "' is " + dtypeName(t.dtype) + " but "
                    + dtypeName(t0.dtype) + " in " + fileNames_[0]);
            const bool splits = *dim >= 0;
            bool same = t.shape.size() == t0.shape.size();
            for (size_t d = 0; same && d < t.shape.size(); ++d)
                same = (splits && d == size_t(*dim)) || t.shape[d] == t0.shape[d];
            if (!same)
                throw FormatError(files_[s]->path() + ": tensor '" + name + "' is " + shapeToString(t.shape) + " but "
                    + shapeToString(t0.shape) + " in " + fileNames_[0]
                    + (splits ? ": the slices must agree outside dimension " + std::to_string(*dim)
                              : ": a replicated tensor must be the same in every file"));
            if (splits) {
                if (__builtin_add_overflow(whole.shape[size_t(*dim)], t.shape[size_t(*dim)], &whole.shape[size_t(*dim)]))
                    throw FormatError(files_[s]->path() + ": tensor '" + name + "': the slices' sizes overflow");
                whole.nbytes += t.nbytes;
            }
        }
        if (!dim) {
            // One file, a name the table does not know: listed as it is.
        } else if (*dim >= 0) {
            src.dim = size_t(*dim);
            ++splitCount[*dim];
        } else {
            // Replicated: the first file's copy stands for all; say so when the others differ.
            ++replicated;
            std::vector<float> a(size_t(1) << 14), b(a.size());
            for (size_t s = 1; s < src.slices.size(); ++s) {
                bool equal = true;
                for (int64_t at = 0; equal && at < t0.numel(); at += int64_t(a.size())) {
                    const int64_t n = std::min<int64_t>(int64_t(a.size()), t0.numel() - at);
                    files_[0]->read(first, at, n, a.data());
                    files_[s]->read(src.slices[s].second, at, n, b.data());
                    equal = std::memcmp(a.data(), b.data(), size_t(n) * sizeof(float)) == 0;
                }
                if (!equal)
                    metadata_["warnings"].push_back(files_[s]->path() + ": replicated tensor '" + name
                        + "' differs from " + fileNames_[0] + "'s; the whole tensor shows " + fileNames_[0] + "'s");
            }
            src.slices.resize(1);
        }
        tensors_.push_back(std::move(whole));
        sources_.push_back(std::move(src));
    }
    // With several files, then every file's own slices under "consolidated.NN/<name>".
    for (size_t s = 0; files > 1 && s < files; ++s) {
        const std::string stem = fs::path(fileNames_[s]).stem().string();
        const auto& ts = files_[s]->tensors();
        for (size_t i = 0; i < ts.size(); ++i) {
            TensorInfo t = ts[i];
            t.name = stem + "/" + t.name;
            // A slice of a whole tensor listed above; a name the split table does not know is
            // listed per file only, and counts.
            t.slice = std::find(perFileOnly.begin(), perFileOnly.end(), ts[i].name) == perFileOnly.end();
            tensors_.push_back(std::move(t));
            sources_.push_back({ { { s, i } }, 0 });
        }
    }
    metadata_["model_parallel"] = { { "files", files }, { "split_on_dim_0", splitCount[0] },
        { "split_on_dim_1", splitCount[1] }, { "replicated", replicated }, { "listed_per_file_only", perFileOnly } };
    if (files > 1)
        metadata_["model_parallel"]["note"] = "the whole tensors come first; the consolidated.NN/ tensors after them "
                                              "are the same elements again, left out of the totals";
}

void TorchConsolidatedFile::checkParams(const std::string& paramsPath)
{
    const std::string text = readSmallFile(paramsPath);
    const nlohmann::json params
        = nlohmann::json::parse(parseStrictJson(text.data(), text.data() + text.size(), paramsPath, 0).dump());
    if (!params.is_object())
        throw FormatError(paramsPath + ": not a JSON object");
    metadata_["params"] = params;
    auto intParam = [&](const char* key) -> std::optional<int64_t> {
        if (!params.contains(key))
            return std::nullopt;
        if (!params.at(key).is_number_integer())
            throw FormatError(paramsPath + ": \"" + key + "\" is " + params.at(key).dump() + ", not an integer");
        return params.at(key).get<int64_t>();
    };
    const auto dim = intParam("dim");
    const auto layers = intParam("n_layers");
    const auto vocab = intParam("vocab_size"); // -1 in LLaMA 1 and 2: the tokenizer's
    if (dim && *dim < 1)
        throw FormatError(paramsPath + ": \"dim\" is " + std::to_string(*dim) + ", not a size");
    if (layers && *layers < 0)
        throw FormatError(paramsPath + ": \"n_layers\" is " + std::to_string(*layers) + ", not a count");
    const std::string why = " (a consolidated file missing, or a params.json that is not these files')";
    std::set<int64_t> seen;
    for (size_t i = 0; i < sources_.size(); ++i) {
        const TensorInfo& t = tensors_[i];
        if (t.name.find('/') != std::string::npos)
            break; // the per-file listing follows the whole tensors
        if (const auto n = layerNumber(t.name)) {
            seen.insert(*n);
            if (layers && *n >= *layers)
                throw FormatError(paramsPath + ": says n_layers " + std::to_string(*layers) + ", but the files hold '"
                    + t.name + "'" + why);
        }
        const auto split = llamaSplitDim(t.name);
        if (!split)
            continue;
        const std::string module = t.name.substr(0, t.name.rfind('.'));
        const std::string kind = module.substr(module.rfind('.') + 1);
        // Which dimensions are the model width: both for the square wq and wo, the input side of
        // the others, the only one of a norm.
        std::vector<size_t> widthDims;
        if (kind == "wq" || kind == "wo")
            widthDims = { 0, 1 };
        else if (kind == "w2")
            widthDims = { 0 };
        else if (kind == "rope")
            widthDims = {};
        else if (*split < 0)
            widthDims = { 0 };
        else
            widthDims = { 1 };
        for (const size_t d : widthDims)
            if (dim && (d >= t.shape.size() || t.shape[d] != *dim))
                throw FormatError(paramsPath + ": says dim " + std::to_string(*dim) + ", but the whole '" + t.name
                    + "' is " + shapeToString(t.shape) + why);
        if (vocab && *vocab > 0 && (kind == "tok_embeddings" || kind == "output") && t.shape[0] != *vocab)
            throw FormatError(paramsPath + ": says vocab_size " + std::to_string(*vocab) + ", but the whole '"
                + t.name + "' is " + shapeToString(t.shape) + why);
    }
    if (layers && int64_t(seen.size()) != *layers)
        throw FormatError(paramsPath + ": says n_layers " + std::to_string(*layers) + ", but the files hold "
            + std::to_string(seen.size()) + " layers" + why);
}

void TorchConsolidatedFile::read(size_t index, int64_t first, int64_t count, float* out) const
{
    const TensorInfo& t = checkedRead(index, first, count);
    const Source& src = sources_[index];
    if (src.slices.size() == 1) {
        files_[src.slices[0].first]->read(src.slices[0].second, first, count, out);
        return;
    }
    // torch.cat(slices, dim): an element's index is (outer, position along dim, inner); the
    // position picks the slice. Each pass reads one run that stays inside one slice.
    int64_t inner = 1;
    for (size_t d = src.dim + 1; d < t.shape.size(); ++d)
        inner *= t.shape[d];
    const int64_t row = t.shape[src.dim] * inner;
    while (count > 0) {
        const int64_t outer = first / row, rem = first % row;
        int64_t offset = 0;
        for (const auto& [s, i] : src.slices) {
            const int64_t width = files_[s]->tensors()[i].shape[src.dim] * inner;
            if (rem >= offset + width) {
                offset += width;
                continue;
            }
            const int64_t run = std::min(count, offset + width - rem);
            files_[s]->read(i, outer * width + (rem - offset), run, out);
            out += run;
            first += run;
            count -= run;
            break;
        }
        if (offset >= row)
            throw Error(path_ + ": tensor '" + t.name + "': its slices do not add up"); // cannot happen: checked on opening
    }
}

bool looksLikeTorchConsolidated(const std::string& path)
{
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return fs::is_regular_file(fs::path(path) / "consolidated.00.pth", ec);
    return consolidatedNumber(fs::path(path).filename().string())
        && fs::is_regular_file(fs::path(path).parent_path() / kParamsName, ec);
}

} // namespace ws
