// SPDX-License-Identifier: GPL-3.0-or-later
// A weight file opened for inspection: the list of tensors (name, dtype, shape, where the bytes
// are), the file's metadata, and — where the format says — the model's architecture.
// Readers (safetensors, NumPy, Keras, GGUF, ONNX, PyTorch) implement this interface; the CLI's
// `inspect`, the statistics in core/analysis and the GUI's inspector only use it. Files are
// opened with openWeightFile() (formats/WeightFormats.h), which picks the reader.
//
// Opening reads headers only; tensor data is read on request, in chunks, converted to float32,
// so memory does not grow with the file. Every reader checks offsets and sizes against the real
// file when it opens it and throws FormatError naming the file and the place otherwise.
#pragma once

#include "nn/Sequential.h"
#include "tensor/DType.h"
#include "tensor/Tensor.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ws {

struct TensorInfo {
    std::string name;     // as the file names it ("model.layers.0.mlp.up_proj.weight", "dense/kernel:0")
    DType dtype = DType::F32;
    Shape shape;          // as stored (C order after any transposition the reader documents)
    int64_t numel() const { return shapeNumel(shape); }
    uint64_t nbytes = 0;  // bytes in the file (compressed or quantised sizes included)
    std::string layer;    // the layer it belongs to where the format says (Keras), else empty
    // The file's own encoding where it is not a plain dtype (GGUF "Q4_K", "IQ2_XS"); `dtype` is
    // then what read() delivers (F32). Empty for plain tensors.
    std::string storage;
    double bitsPerWeight = 0; // bits per element in the file, block scales included (Q4_K: 4.5); 0 if not given
    // The same elements as part of another listed tensor (a LLaMA model-parallel file's slice of
    // a whole tensor): listed, but left out of a file's totals, which counted them twice.
    bool slice = false;
};

class WeightFile {
public:
    virtual ~WeightFile() = default;

    // "safetensors", "safetensors (sharded)", "npy", "npz", "keras-h5", "keras", ...
    virtual std::string format() const = 0;
    const std::string& path() const { return path_; }
    const std::vector<TensorInfo>& tensors() const { return tensors_; }
    const TensorInfo& tensor(const std::string& name) const; // throws Error when missing

    // Reads elements [first, first + count) of tensor `index` (C order) as float32.
    virtual void read(size_t index, int64_t first, int64_t count, float* out) const = 0;
    // The whole tensor as an engine Tensor (for small tensors; refuses more than maxElements).
    Tensor readTensor(size_t index, int64_t maxElements = int64_t(1) << 31) const;

    // Tensor `index` is not needed in memory for now: a memory-mapped format gives back the pages
    // of its bytes that this process holds (MappedFile::releasePages); reading it again works as
    // before. Streaming passes over a whole file (compare, health) call it after each tensor so
    // that their resident memory stays bounded by the tensors in hand, not by the file's size.
    virtual void releaseTensor(size_t index) const { (void)index; }

    // Format-specific facts for people and for --json: producer, versions, license,
    // safetensors __metadata__, Keras training_config, a Hugging Face config.json, ...
    const nlohmann::json& metadata() const { return metadata_; }

    // The architecture as an engine model with these weights, where the format has one that
    // the engine can run (a Keras Sequential, a native model); otherwise empty. May throw
    // FormatError/ConfigError naming the layer that cannot be converted.
    virtual std::optional<Sequential> model() const { return std::nullopt; }

protected:
    // Defined in formats/WeightFormats.cpp; it makes every file's metadata valid UTF-8.
    friend std::unique_ptr<WeightFile> openWeightFile(const std::string& path);

    // The tensor that read(index, first, count, ...) asks for, after checking that it exists and
    // that [first, first + count) lies inside it; throws Error naming the file and the tensor.
    const TensorInfo& checkedRead(size_t index, int64_t first, int64_t count) const;

    std::string path_;
    std::vector<TensorInfo> tensors_;
    nlohmann::json metadata_ = nlohmann::json::object();
};

} // namespace ws
