#include "io/WeightFile.h"

#include "io/StrictJson.h"

#include "io/GgufReader.h"
#include "io/KerasReader.h"
#include "io/ModelFile.h"

#include "io/NpyReader.h"
#include "io/NpzReader.h"
#include "io/OnnxReader.h"
#include "io/SafetensorsReader.h"
#include "io/TorchReader.h"
#include "run/RunWeightFile.h"
#include "util/Error.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>

#include <filesystem>

namespace ws {

const TensorInfo& WeightFile::tensor(const std::string& name) const
{
    for (const auto& t : tensors_)
        if (t.name == name)
            return t;
    throw Error(path_ + ": no tensor named '" + name + "'");
}

const TensorInfo& WeightFile::checkedRead(size_t index, int64_t first, int64_t count) const
{
    if (index >= tensors_.size())
        throw Error(path_ + ": no tensor number " + std::to_string(index));
    const TensorInfo& info = tensors_[index];
    if (first < 0 || count < 0 || first > info.numel() - count)
        throw Error(path_ + ": tensor '" + info.name + "': elements [" + std::to_string(first) + ", "
            + std::to_string(first + count) + ") are outside its " + std::to_string(info.numel()) + " elements");
    return info;
}

Tensor WeightFile::readTensor(size_t index, int64_t maxElements) const
{
    const TensorInfo& info = tensors_.at(index);
    const int64_t n = info.numel();
    if (n > maxElements)
        throw Error(path_ + ": tensor '" + info.name + "' has " + std::to_string(n) + " elements, more than "
            + std::to_string(maxElements) + " can be loaded at once");
    Tensor t(info.shape);
    read(index, 0, n, t.data());
    return t;
}

namespace {

std::unique_ptr<WeightFile> openByContentAndName(const std::string& path)
{
    namespace fs = std::filesystem;
    // Before the existence check: "run.h5#epoch_0005" names a checkpoint inside a run record.
    if (auto run = runWeightsRef(path))
        return openRunWeightFile(*run);
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw FormatError(path + ": no such file or folder");
    if (isNativeModelFile(path))
        return openNativeModelFile(path);
    // Readers are added here as they are written (safetensors, NumPy, Keras, ...).
    if (looksLikeSafetensors(path))
        return std::make_unique<SafetensorsFile>(path);
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    char magic[6] = {};
    if (!fs::is_directory(path, ec)) {
        std::ifstream in(path, std::ios::binary);
        in.read(magic, sizeof magic);
    }
    if (ext == ".npy" || std::memcmp(magic, "\x93NUMPY", 6) == 0)
        return std::make_unique<NpyFile>(path);
    if (ext == ".gguf" || std::memcmp(magic, "GGUF", 4) == 0)
        return std::make_unique<GgufFile>(path);
    if (ext == ".npz")
        return std::make_unique<NpzFile>(path);
    if (fs::is_regular_file(path, ec) && isKerasFile(path))
        return openKerasFile(path);
    if (looksLikeTorch(path))
        return std::make_unique<TorchFile>(path);
    if (looksLikeOnnx(path))
        return std::make_unique<OnnxFile>(path);
    throw FormatError(path + ": no reader for this kind of file (known: .safetensors and sharded folders, "
                             ".npy, .npz, .h5, .keras, .gguf, .onnx, .pt/.pth/.bin/.ckpt)");
}

} // namespace

std::unique_ptr<WeightFile> openWeightFile(const std::string& path)
{
    auto file = openByContentAndName(path);
    // Metadata is shown, dumped by `inspect --json` and exported: whatever bytes a file's strings
    // hold, it must stay valid JSON text (a fuzzed ONNX file's producer name was not).
    makeValidUtf8(file->metadata_);
    return file;
}

} // namespace ws
