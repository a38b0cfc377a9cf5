// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/OnnxReader.h"

#include "io/MappedFile.h"
#include "io/OnnxModel.h"
#include "util/Error.h"

#include <onnx/onnx_pb.h>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <algorithm>
#include <deque>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

namespace ws {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

using onnx::TensorProto;

// Where one tensor's elements are: little-endian bytes (raw_data or an external file), or one of
// the typed repeated fields of its TensorProto.
struct Source {
    const uint8_t* raw = nullptr;
    const TensorProto* typed = nullptr;
};

std::string typeName(int dataType)
{
    return TensorProto::DataType_IsValid(dataType) ? TensorProto::DataType_Name(TensorProto::DataType(dataType))
                                                     : "type " + std::to_string(dataType);
}

std::optional<DType> toDType(int dataType)
{
    switch (dataType) {
    case TensorProto::FLOAT: return DType::F32;
    case TensorProto::FLOAT16: return DType::F16;
    case TensorProto::BFLOAT16: return DType::BF16;
    case TensorProto::DOUBLE: return DType::F64;
    case TensorProto::INT8: return DType::I8;
    case TensorProto::INT16: return DType::I16;
    case TensorProto::INT32: return DType::I32;
    case TensorProto::INT64: return DType::I64;
    case TensorProto::UINT8: return DType::U8;
    case TensorProto::UINT16: return DType::U16;
    case TensorProto::UINT32: return DType::U32;
    case TensorProto::UINT64: return DType::U64;
    case TensorProto::BOOL: return DType::Bool;
    default: return std::nullopt;
    }
}

// Number of values in the typed field that onnx.proto assigns to the tensor's type.
int64_t typedCount(const TensorProto& t)
{
    switch (t.data_type()) {
    case TensorProto::FLOAT: return t.float_data_size();
    case TensorProto::DOUBLE: return t.double_data_size();
    case TensorProto::INT64: return t.int64_data_size();
    case TensorProto::UINT32:
    case TensorProto::UINT64: return t.uint64_data_size();
    default: return t.int32_data_size(); // INT8..INT32, UINT8, UINT16, BOOL, FLOAT16/BFLOAT16 bits
    }
}

const char* typedFieldName(int dataType)
{
    switch (dataType) {
    case TensorProto::FLOAT: return "float_data";
    case TensorProto::DOUBLE: return "double_data";
    case TensorProto::INT64: return "int64_data";
    case TensorProto::UINT32:
    case TensorProto::UINT64: return "uint64_data";
    default: return "int32_data";
    }
}

float typedValue(const TensorProto& t, int64_t i)
{
    const int k = int(i);
    switch (t.data_type()) {
    case TensorProto::FLOAT: return t.float_data(k);
    case TensorProto::DOUBLE: return float(t.double_data(k));
    case TensorProto::INT64: return float(t.int64_data(k));
    case TensorProto::UINT32:
    case TensorProto::UINT64: return float(t.uint64_data(k));
    case TensorProto::FLOAT16: return halfToFloat(uint16_t(t.int32_data(k)));
    case TensorProto::BFLOAT16: return bfloat16ToFloat(uint16_t(t.int32_data(k)));
    case TensorProto::BOOL: return t.int32_data(k) != 0 ? 1.0f : 0.0f;
    default: return float(t.int32_data(k));
    }
}

// A non-negative decimal integer as external_data writes it; anything else is refused.
uint64_t parseSize(const std::string& text, const std::string& where)
{
    if (text.empty() || text.size() > 19 || !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
        throw FormatError(where + " '" + text + "' is not a non-negative integer");
    return std::stoull(text);
}

// Dimensions of a value (graph input/output) as JSON: integers, symbolic names, null if unknown.
std::vector<json> valueDims(const onnx::ValueInfoProto& v)
{
    std::vector<json> dims;
    if (!v.type().has_tensor_type() || !v.type().tensor_type().has_shape())
        return dims;
    for (const auto& d : v.type().tensor_type().shape().dim()) {
        if (d.has_dim_value())
            dims.emplace_back(d.dim_value());
        else if (d.has_dim_param())
            dims.emplace_back(d.dim_param());
        else
            dims.emplace_back(nullptr);
    }
    return dims;
}

OnnxValue toValue(const onnx::ValueInfoProto& v)
{
    OnnxValue out;
    out.name = v.name();
    out.elemType = v.type().has_tensor_type() ? typeName(v.type().tensor_type().elem_type()) : "(not a tensor)";
    out.dims = valueDims(v);
    return out;
}

std::string shortened(const std::string& s, size_t limit = 200)
{
    return s.size() <= limit ? s : s.substr(0, limit) + "...";
}

// A float attribute as the shortest decimal that reads back to the same float (1e-05, not
// 9.999999747378752e-06); NaN and infinities, which JSON cannot hold, as strings.
json floatJson(float v)
{
    if (!std::isfinite(v))
        return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, v).ptr;
    return std::strtod(std::string(text, end).c_str(), nullptr);
}

// Attribute values for people and for the converter: numbers and short lists exactly, tensors
// and subgraphs summarised (their contents are never needed to run a supported operator).
json attributeValue(const onnx::AttributeProto& a)
{
    constexpr int kMaxList = 64;
    auto list = [&](const auto& field, auto convert) {
        json out = json::array();
        for (int i = 0; i < field.size() && i < kMaxList; ++i)
            out.push_back(convert(field.Get(i)));
        if (field.size() > kMaxList)
            out.push_back("... " + std::to_string(field.size() - kMaxList) + " more");
        return out;
    };
    auto tensorSummary = [](const TensorProto& t) {
        json s = { { "dtype", typeName(t.data_type()) }, { "shape", std::vector<int64_t>(t.dims().begin(), t.dims().end()) } };
        return json { { "tensor", s } };
    };
    switch (a.type()) {
    case onnx::AttributeProto::FLOAT: return floatJson(a.f());
    case onnx::AttributeProto::INT: return a.i();
    case onnx::AttributeProto::STRING: return shortened(a.s());
    case onnx::AttributeProto::TENSOR: return tensorSummary(a.t());
    case onnx::AttributeProto::GRAPH: return json { { "graph", { { "nodes", a.g().node_size() } } } };
    case onnx::AttributeProto::FLOATS: return list(a.floats(), floatJson);
    case onnx::AttributeProto::INTS: return list(a.ints(), [](int64_t v) { return json(v); });
    case onnx::AttributeProto::STRINGS: return list(a.strings(), [](const std::string& v) { return json(shortened(v)); });
    case onnx::AttributeProto::TENSORS: return list(a.tensors(), tensorSummary);
    case onnx::AttributeProto::GRAPHS: return json { { "graphs", a.graphs_size() } };
    case onnx::AttributeProto::SPARSE_TENSOR: return json { { "sparse_tensor", true } };
    default: return json { { "type", int(a.type()) } };
    }
}

json valueJson(const OnnxValue& v)
{
    return { { "name", v.name }, { "dtype", v.elemType }, { "shape", v.dims } };
}

void readSource(const Source& src, DType dtype, int64_t first, int64_t count, float* out)
{
    if (src.raw) {
        const size_t size = dtypeSize(dtype);
        convertToFloat(dtype, src.raw + uint64_t(first) * size, size_t(count), out);
        return;
    }
    for (int64_t i = 0; i < count; ++i)
        out[i] = typedValue(*src.typed, first + i);
}

} // namespace

struct OnnxFile::Impl {
    onnx::ModelProto model;
    std::map<std::string, std::unique_ptr<MappedFile>> external; // by resolved path
    std::vector<Source> sources;                                 // parallel to tensors_
    std::map<std::string, size_t> initializer;                   // name -> index in tensors_
    // Constant nodes' values, validated like initializers.
    std::map<std::string, std::pair<TensorInfo, Source>> constantNodes;
    std::map<std::string, std::string> identities; // Identity node output -> its input
    OnnxGraph graph;

    std::deque<TensorProto> ownedConstants; // Constant nodes' value_float(s)/value_int(s) as tensors

    void addConstant(const onnx::NodeProto& n, const std::string& path);
    void addFillValue(const onnx::NodeProto& n, json& attributes, const std::string& path);
    std::pair<TensorInfo, Source> describe(const TensorProto& t, const std::string& path, const std::string& where);
    const uint8_t* externalData(const TensorProto& t, uint64_t bytes, const std::string& path, const std::string& where);
};

// Validates one TensorProto and says where its elements are. `where` names the file and tensor.
std::pair<TensorInfo, Source> OnnxFile::Impl::describe(const TensorProto& t, const std::string& path,
    const std::string& where)
{
    TensorInfo info;
    info.name = t.name();
    const std::optional<DType> dtype = toDType(t.data_type());
    if (!dtype)
        throw FormatError(where + ": data type " + typeName(t.data_type()) + " is not supported");
    info.dtype = *dtype;
    if (t.has_segment())
        throw FormatError(where + ": segmented tensors are not supported");
    uint64_t numel = 1;
    bool overflow = false;
    for (int i = 0; i < t.dims_size(); ++i) {
        const int64_t d = t.dims(i);
        if (d < 0)
            throw FormatError(where + ": dimension " + std::to_string(i) + " is negative (" + std::to_string(d) + ")");
        info.shape.push_back(d);
        overflow = overflow || __builtin_mul_overflow(numel, uint64_t(d), &numel);
    }
    uint64_t bytes = 0;
    if (overflow || numel > uint64_t(INT64_MAX) || __builtin_mul_overflow(numel, dtypeSize(info.dtype), &bytes))
        throw FormatError(where + ": shape " + shapeToString(info.shape) + " has more elements than can be addressed");
    info.nbytes = bytes;

    Source src;
    if (t.data_location() == TensorProto::EXTERNAL) {
        if (t.has_raw_data())
            throw FormatError(where + ": has both raw_data and external data");
        src.raw = externalData(t, bytes, path, where);
    } else if (t.has_raw_data()) {
        if (t.raw_data().size() != bytes)
            throw FormatError(where + ": raw_data holds " + std::to_string(t.raw_data().size()) + " bytes but shape "
                + shapeToString(info.shape) + " of " + typeName(t.data_type()) + " needs " + std::to_string(bytes));
        src.raw = reinterpret_cast<const uint8_t*>(t.raw_data().data());
    } else {
        const int64_t count = typedCount(t);
        if (uint64_t(count) != numel)
            throw FormatError(where + ": " + typedFieldName(t.data_type()) + " holds " + std::to_string(count)
                + " values but shape " + shapeToString(info.shape) + " needs " + std::to_string(numel));
        src.typed = &t;
    }
    return { std::move(info), src };
}

// A Constant node's value: `value` (a tensor), or since opset 12 `value_float`, `value_floats`,
// `value_int`, `value_ints` (kept as FLOAT/INT64 tensors). Other kinds are not constants here.
void OnnxFile::Impl::addConstant(const onnx::NodeProto& n, const std::string& path)
{
    const std::string where = path + ": Constant node '" + n.name() + "' value";
    for (const auto& a : n.attribute()) {
        if (a.name() == "value" && a.type() == onnx::AttributeProto::TENSOR) {
            constantNodes.emplace(n.output(0), describe(a.t(), path, where));
            graph.constantTypes[n.output(0)] = typeName(a.t().data_type());
            return;
        }
        TensorProto t;
        if (a.name() == "value_float" && a.type() == onnx::AttributeProto::FLOAT) {
            t.set_data_type(TensorProto::FLOAT);
            t.add_float_data(a.f());
        } else if (a.name() == "value_floats" && a.type() == onnx::AttributeProto::FLOATS) {
            t.set_data_type(TensorProto::FLOAT);
            t.add_dims(a.floats_size());
            t.mutable_float_data()->CopyFrom(a.floats());
        } else if (a.name() == "value_int" && a.type() == onnx::AttributeProto::INT) {
            t.set_data_type(TensorProto::INT64);
            t.add_int64_data(a.i());
        } else if (a.name() == "value_ints" && a.type() == onnx::AttributeProto::INTS) {
            t.set_data_type(TensorProto::INT64);
            t.add_dims(a.ints_size());
            t.mutable_int64_data()->CopyFrom(a.ints());
        } else {
            continue;
        }
        graph.constantTypes[n.output(0)] = typeName(t.data_type());
        ownedConstants.push_back(std::move(t));
        constantNodes.emplace(n.output(0), describe(ownedConstants.back(), path, where));
        return;
    }
}

// ConstantOfShape's `value` (one number): its value joins the attribute summary, which the
// converter folds from.
void OnnxFile::Impl::addFillValue(const onnx::NodeProto& n, json& attributes, const std::string& path)
{
    for (const auto& a : n.attribute())
        if (a.name() == "value" && a.type() == onnx::AttributeProto::TENSOR) {
            const auto [info, src] = describe(a.t(), path, path + ": ConstantOfShape node '" + n.name() + "' value");
            if (info.numel() != 1)
                return; // the converter refuses it by name
            float v = 0.0f;
            readSource(src, info.dtype, 0, 1, &v);
            attributes["value"]["tensor"]["values"] = json::array({ v });
        }
}

// The bytes of an external tensor: a file inside the model's folder, mapped once, the range
// checked against its real size.
const uint8_t* OnnxFile::Impl::externalData(const TensorProto& t, uint64_t bytes, const std::string& path,
    const std::string& where)
{
    std::string location;
    uint64_t offset = 0;
    std::optional<uint64_t> length;
    for (const auto& kv : t.external_data()) {
        if (kv.key() == "location")
            location = kv.value();
        else if (kv.key() == "offset")
            offset = parseSize(kv.value(), where + ": external data offset");
        else if (kv.key() == "length")
            length = parseSize(kv.value(), where + ": external data length");
    }
    const fs::path rel(location);
    if (location.empty())
        throw FormatError(where + ": external data has no location");
    if (rel.is_absolute() || rel.has_root_name()
        || std::any_of(rel.begin(), rel.end(), [](const fs::path& c) { return c == ".."; }))
        throw FormatError(where + ": external data location '" + location
            + "' is not a file name inside the model's folder (absolute paths and '..' are refused)");
    const fs::path folder = fs::path(path).parent_path();
    const fs::path file = folder / rel;
    // Symbolic links must not lead out of the folder either.
    std::error_code ec;
    const fs::path realFolder = fs::weakly_canonical(folder.empty() ? fs::path(".") : folder, ec);
    const fs::path realFile = fs::weakly_canonical(file, ec);
    if (ec)
        throw FormatError(where + ": external data file '" + file.string() + "': " + ec.message());
    const auto [mismatch, unused] = std::mismatch(realFolder.begin(), realFolder.end(), realFile.begin(), realFile.end());
    (void)unused;
    if (mismatch != realFolder.end())
        throw FormatError(where + ": external data file '" + location + "' leads out of the model's folder");
    if (length && *length != bytes)
        throw FormatError(where + ": external data length " + std::to_string(*length) + " but the shape needs "
            + std::to_string(bytes) + " bytes");
    auto& mapped = external[realFile.string()];
    if (!mapped) {
        try {
            mapped = std::make_unique<MappedFile>(file.string());
        } catch (const FormatError& e) {
            external.erase(realFile.string());
            throw FormatError(where + ": external data: " + e.what());
        }
    }
    const uint64_t size = mapped->size();
    if (offset > size || bytes > size - offset)
        throw FormatError(where + ": external data [" + std::to_string(offset) + ", +" + std::to_string(bytes)
            + " bytes) runs past the end of " + file.string() + " (" + std::to_string(size) + " bytes)");
    return mapped->data() + offset;
}

OnnxFile::OnnxFile(const std::string& path)
    : impl_(std::make_unique<Impl>())
{
    path_ = path;
    {
        // Mapped, so protobuf sees the whole buffer and allocates each inline initializer once at
        // its size (a block-wise FileInputStream made strings grow by doubling: 406 MB of heap
        // instead of 256 for a 256 MiB initializer). The mapped pages are clean page cache, and
        // the mapping is gone once parsing is done.
        const MappedFile file(path);
        if (file.size() == 0)
            throw FormatError(path + ": the file is empty (not an ONNX model)");
        if (file.size() > kMaxModelBytes)
            throw FormatError(path + ": " + std::to_string(file.size())
                + " bytes is more than protobuf's 2 GiB limit for one ONNX model; models this large keep their "
                  "weights in external data files beside the .onnx");
        google::protobuf::io::ArrayInputStream stream(file.data(), int(file.size()));
        google::protobuf::io::CodedInputStream coded(&stream);
        coded.SetTotalBytesLimit(int(file.size()));
        coded.SetRecursionLimit(64); // nested subgraphs and type protos; plenty for real models
        if (!impl_->model.ParseFromCodedStream(&coded) || !coded.ConsumedEntireMessage())
            throw FormatError(path + ": not a valid ONNX protobuf message (damaged or truncated, or not an ONNX file)");
    }
    const onnx::ModelProto& m = impl_->model;
    if (m.ir_version() <= 0 || !m.has_graph())
        throw FormatError(path + ": parses as protobuf but has no ir_version or graph (not an ONNX model)");

    metadata_["ir_version"] = m.ir_version();
    json opsets = json::object();
    for (const auto& o : m.opset_import()) {
        const std::string domain = o.domain().empty() ? "ai.onnx" : o.domain();
        opsets[domain] = o.version();
        if (domain == "ai.onnx")
            impl_->graph.opset = o.version();
    }
    metadata_["opset_import"] = opsets;
    for (const auto& [key, value] : { std::pair { "producer_name", m.producer_name() },
             std::pair { "producer_version", m.producer_version() }, std::pair { "domain", m.domain() },
             std::pair { "doc_string", shortened(m.doc_string(), 2000) } })
        if (!value.empty())
            metadata_[key] = value;
    if (m.model_version() != 0)
        metadata_["model_version"] = m.model_version();
    if (m.metadata_props_size() > 0) {
        json props = json::object();
        for (const auto& p : m.metadata_props())
            props[p.key()] = shortened(p.value(), 2000);
        metadata_["metadata_props"] = props;
    }

    const onnx::GraphProto& g = m.graph();
    std::set<std::string> seen;
    for (int i = 0; i < g.initializer_size(); ++i) {
        const TensorProto& t = g.initializer(i);
        const std::string where = path + ": initializer '" + t.name() + "'";
        if (t.name().empty())
            throw FormatError(path + ": initializer " + std::to_string(i) + " has no name");
        if (!seen.insert(t.name()).second)
            throw FormatError(where + " appears twice");
        if (!toDType(t.data_type())) {
            metadata_["warnings"].push_back(where + ": data type " + typeName(t.data_type()) + " is not supported; left out");
            continue;
        }
        auto [info, src] = impl_->describe(t, path, where);
        impl_->graph.constantTypes[info.name] = typeName(t.data_type());
        impl_->initializer[info.name] = tensors_.size();
        tensors_.push_back(std::move(info));
        impl_->sources.push_back(src);
    }
    if (g.sparse_initializer_size() > 0)
        metadata_["warnings"].push_back(path + ": " + std::to_string(g.sparse_initializer_size())
            + " sparse initializers are not listed");

    // The graph, for people (metadata) and for model().
    OnnxGraph& graph = impl_->graph;
    json nodes = json::array();
    for (const auto& n : g.node()) {
        OnnxNode node;
        node.name = n.name();
        node.opType = n.op_type();
        node.domain = n.domain();
        node.inputs.assign(n.input().begin(), n.input().end());
        node.outputs.assign(n.output().begin(), n.output().end());
        for (const auto& a : n.attribute())
            node.attributes[a.name()] = attributeValue(a);
        if (n.op_type() == "Constant" && n.domain().empty() && n.output_size() == 1)
            impl_->addConstant(n, path);
        if (n.op_type() == "ConstantOfShape" && n.domain().empty())
            impl_->addFillValue(n, node.attributes, path);
        if (n.op_type() == "Identity" && n.domain().empty() && n.input_size() == 1 && n.output_size() == 1)
            impl_->identities.emplace(n.output(0), n.input(0));
        json j = { { "name", node.name }, { "op_type", node.opType } };
        if (!node.domain.empty())
            j["domain"] = node.domain;
        j["inputs"] = node.inputs;
        j["outputs"] = node.outputs;
        if (!node.attributes.empty())
            j["attributes"] = node.attributes;
        nodes.push_back(std::move(j));
        graph.nodes.push_back(std::move(node));
    }
    json inputs = json::array(), outputs = json::array();
    for (const auto& v : g.input()) {
        if (seen.count(v.name()))
            continue; // IR < 4 lists initializers among the inputs too
        graph.inputs.push_back(toValue(v));
        inputs.push_back(valueJson(graph.inputs.back()));
    }
    for (const auto& v : g.output()) {
        graph.outputs.push_back(toValue(v));
        outputs.push_back(valueJson(graph.outputs.back()));
    }
    json gj = { { "name", g.name() } };
    gj["inputs"] = std::move(inputs);
    gj["outputs"] = std::move(outputs);
    gj["nodes"] = std::move(nodes);
    metadata_["graph"] = std::move(gj);
}

OnnxFile::~OnnxFile() = default;


void OnnxFile::read(size_t index, int64_t first, int64_t count, float* out) const
{
    const TensorInfo& info = checkedRead(index, first, count);
    if (count == 0)
        return;
    readSource(impl_->sources[index], info.dtype, first, count, out);
}

std::optional<Sequential> OnnxFile::model() const
{
    std::vector<InputPart> parts;
    return model(parts);
}

OnnxConstantSource OnnxFile::constantSource() const
{
    return [this](std::string name) -> std::optional<Tensor> {
        // Follow Identity nodes (PyTorch writes them for deduplicated initializers); a cycle
        // cannot be longer than the number of nodes.
        for (size_t hops = 0; hops <= impl_->identities.size(); ++hops) {
            const auto alias = impl_->identities.find(name);
            if (alias == impl_->identities.end())
                break;
            name = alias->second;
        }
        if (const auto it = impl_->initializer.find(name); it != impl_->initializer.end())
            return readTensor(it->second, int64_t(1) << 28);
        if (const auto it = impl_->constantNodes.find(name); it != impl_->constantNodes.end()) {
            const auto& [info, src] = it->second;
            if (info.numel() > (int64_t(1) << 28))
                throw FormatError(path_ + ": constant '" + name + "' is too large to load");
            Tensor t(info.shape);
            if (info.numel() > 0)
                readSource(src, info.dtype, 0, info.numel(), t.data());
            return t;
        }
        return std::nullopt;
    };
}

Sequential OnnxFile::model(std::vector<InputPart>& inputParts) const
{
    return buildOnnxModel(impl_->graph, constantSource(), path_, &inputParts);
}

OnnxShapes OnnxFile::valueShapes() const { return onnxValueShapes(impl_->graph, constantSource(), path_); }

bool looksLikeOnnx(const std::string& path)
{
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".onnx";
}

} // namespace ws
