// SPDX-License-Identifier: GPL-3.0-or-later
#include "formats/WeightFormats.h"

#include "io/GgufReader.h"
#include "io/KerasReader.h"
#include "io/ModelFile.h"
#include "io/NpyReader.h"
#include "io/NpzReader.h"
#include "io/OnnxReader.h"
#include "io/SafetensorsReader.h"
#include "io/StrictJson.h"
#include "io/TorchConsolidated.h"
#include "io/TorchReader.h"
#include "io/TorchShards.h"
#include "run/RunWeightFile.h"
#include "util/Error.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

namespace ws {

namespace {

template <class Reader>
std::unique_ptr<WeightFile> openAs(const std::string& path)
{
    return std::make_unique<Reader>(path);
}

std::unique_ptr<WeightFile> openRun(const std::string& path)
{
    const auto ref = runWeightsRef(path);
    if (!ref)
        throw FormatError(path + ": not a run record");
    return openRunWeightFile(*ref);
}

// Only a run record's "run.h5#epoch_0005" names something that need not exist on disk: every
// other probe first asks for `exists`, so a missing path is reported as missing, not as a
// reader's complaint about an empty name.
constexpr WeightFormat kFormats[] = {
    { "weightscope-run", [](const FileProbe& p) { return runWeightsRef(p.path).has_value(); }, openRun },
    { "weightscope", [](const FileProbe& p) { return p.exists && isNativeModelFile(p.path); }, openNativeModelFile },
    { "safetensors", [](const FileProbe& p) { return p.exists && looksLikeSafetensors(p.path); }, openAs<SafetensorsFile> },
    { "npy", [](const FileProbe& p) { return p.exists && (p.extension == ".npy" || p.startsWith("\x93NUMPY")); }, openAs<NpyFile> },
    { "gguf", [](const FileProbe& p) { return p.exists && (p.extension == ".gguf" || p.startsWith("GGUF")); }, openAs<GgufFile> },
    { "npz", [](const FileProbe& p) { return p.exists && p.extension == ".npz"; }, openAs<NpzFile> },
    { "keras", [](const FileProbe& p) { return p.regularFile && isKerasFile(p.path); }, openKerasFile },
    // Before "pytorch": a consolidated.NN.pth beside params.json is one slice of a model.
    { "pytorch-consolidated", [](const FileProbe& p) { return p.exists && looksLikeTorchConsolidated(p.path); },
        openAs<TorchConsolidatedFile> },
    { "pytorch", [](const FileProbe& p) { return p.exists && looksLikeTorch(p.path); }, openAs<TorchFile> },
    { "pytorch-sharded", [](const FileProbe& p) { return p.exists && looksLikeTorchShards(p.path); }, openAs<TorchShardedFile> },
    { "onnx", [](const FileProbe& p) { return p.exists && looksLikeOnnx(p.path); }, openAs<OnnxFile> },
};

} // namespace

FileProbe FileProbe::of(const std::string& path)
{
    namespace fs = std::filesystem;
    FileProbe p;
    p.path = path;
    std::error_code ec;
    p.exists = fs::exists(path, ec);
    p.regularFile = fs::is_regular_file(path, ec);
    p.extension = fs::path(path).extension().string();
    std::transform(p.extension.begin(), p.extension.end(), p.extension.begin(),
        [](unsigned char c) { return char(std::tolower(c)); });
    if (p.exists && !fs::is_directory(path, ec)) {
        std::ifstream in(path, std::ios::binary);
        in.read(p.magic.data(), std::streamsize(p.magic.size()));
    }
    return p;
}

bool FileProbe::startsWith(std::string_view bytes) const
{
    return bytes.size() <= magic.size() && std::equal(bytes.begin(), bytes.end(), magic.begin());
}

std::span<const WeightFormat> weightFormats()
{
    return kFormats;
}

std::unique_ptr<WeightFile> openWeightFile(const std::string& path)
{
    const FileProbe probe = FileProbe::of(path);
    for (const WeightFormat& format : weightFormats()) {
        if (!format.probe(probe))
            continue;
        auto file = format.open(path);
        // Metadata is shown, dumped by `inspect --json` and exported: whatever bytes a file's
        // strings hold, it must stay valid JSON text (a fuzzed ONNX file's producer name was not).
        makeValidUtf8(file->metadata_);
        return file;
    }
    if (!probe.exists)
        throw FormatError(path + ": no such file or folder");
    throw FormatError(path + ": no reader for this kind of file (known: .safetensors and sharded folders, "
                             "pytorch_model.bin.index.json folders, LLaMA consolidated.NN.pth folders, "
                             ".npy, .npz, .h5, .keras, .gguf, .onnx, .pt/.pth/.bin/.ckpt)");
}

} // namespace ws
