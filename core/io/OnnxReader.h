// SPDX-License-Identifier: GPL-3.0-or-later
// Reader for ONNX models (onnx/onnx.proto, IR version 3 and later): the ModelProto is parsed
// with the protobuf classes Debian's libonnx-dev generated (no hand-written protobuf parser).
//
// Tensors are the graph's initializers: raw_data or the typed fields (float_data, int32_data,
// int64_data, double_data, uint64_data) for FLOAT, FLOAT16, BFLOAT16, DOUBLE, INT8..INT64,
// UINT8..UINT64 and BOOL, or external data (data_location EXTERNAL with `location`, `offset`,
// `length`): a file beside the model, inside the model's folder only, memory-mapped and
// range-checked against its real size. Initializers of other types (strings, complex numbers)
// are listed under metadata()["warnings"] and left out.
//
// metadata(): ir_version, opset_import, producer_name/version, domain, model_version,
// doc_string, metadata_props, and "graph": {name, inputs, outputs (with shapes, symbolic
// dimensions as names), nodes (op_type, name, inputs, outputs, attributes summarised)}.
// model() converts the graphs of supported operators (see OnnxModel.h); valueShapes() gives the
// shapes the conversion infers.
//
// A protobuf message is limited to 2 GiB, so larger files are refused before parsing; the parsed
// model holds inline initializers in memory (about the file's size). Every failure is a
// FormatError naming the file and the tensor or node.
#pragma once

#include "io/OnnxModel.h"
#include "io/WeightFile.h"
#include "nn/InputParts.h"

#include <memory>
#include <string>

namespace ws {

class OnnxFile : public WeightFile {
public:
    explicit OnnxFile(const std::string& path);
    ~OnnxFile() override;

    std::string format() const override { return "onnx"; }
    void read(size_t index, int64_t first, int64_t count, float* out) const override;
    std::optional<Sequential> model() const override;
    // The same, with the graph inputs the model takes packed when there are several (else empty).
    Sequential model(std::vector<InputPart>& inputParts) const;
    // Every value's shape as the converter infers it (onnxValueShapes, io/OnnxModel.h): for the
    // architecture view's boxes. Empty when the graph cannot be converted; never throws for that.
    // Reads the weights as model() does.
    OnnxShapes valueShapes() const;

    // protobuf's limit for one message (2^31 - 1 bytes).
    static constexpr uint64_t kMaxModelBytes = 2147483647u;

private:
    OnnxConstantSource constantSource() const;

    struct Impl; // keeps the protobuf classes out of this header
    std::unique_ptr<Impl> impl_;
};

// True for names ending in .onnx (protobuf has no magic number to look for).
bool looksLikeOnnx(const std::string& path);

} // namespace ws
