// SPDX-License-Identifier: GPL-3.0-or-later
// NumPy datasets (data/NumpyDataset.h): the arrays come from io/NpyReader and io/NpzReader,
// which have checked every size against the file when they opened it.
#include "data/NumpyDataset.h"

#include "io/NpyReader.h"
#include "io/NpzReader.h"
#include "util/Error.h"

#include <algorithm>
#include <filesystem>
#include <memory>

namespace ws {

namespace {

ArrayKind kindOf(DType t)
{
    switch (t) {
    case DType::F64: case DType::F32: case DType::F16: case DType::BF16: case DType::F8_E4M3: case DType::F8_E5M2:
        return ArrayKind::Float;
    case DType::I64: case DType::I32: case DType::I16: case DType::I8:
        return ArrayKind::Signed;
    case DType::U64: case DType::U32: case DType::U16: case DType::U8:
        return ArrayKind::Unsigned;
    case DType::Bool:
        return ArrayKind::Bool;
    }
    return ArrayKind::Other;
}

// NumPy's spelling: "float32", "uint8", "bool".
std::string numpyName(DType t)
{
    switch (t) {
    case DType::F64: return "float64";
    case DType::F32: return "float32";
    case DType::F16: return "float16";
    case DType::BF16: return "bfloat16";
    case DType::F8_E4M3: return "float8_e4m3";
    case DType::F8_E5M2: return "float8_e5m2";
    case DType::I64: return "int64";
    case DType::I32: return "int32";
    case DType::I16: return "int16";
    case DType::I8: return "int8";
    case DType::U64: return "uint64";
    case DType::U32: return "uint32";
    case DType::U16: return "uint16";
    case DType::U8: return "uint8";
    case DType::Bool: return "bool";
    }
    return "unknown";
}

std::vector<ArrayInfo> arraysOf(const WeightFile& file)
{
    std::vector<ArrayInfo> out;
    for (const TensorInfo& t : file.tensors()) {
        ArrayInfo a;
        a.name = t.name;
        a.shape = t.shape;
        a.kind = kindOf(t.dtype);
        a.elementBytes = int(dtypeSize(t.dtype));
        a.typeName = numpyName(t.dtype);
        out.push_back(std::move(a));
    }
    return out;
}

// Array `index` of `file`, kept open by the handle.
ArrayHandle handle(const std::shared_ptr<WeightFile>& file, size_t index, std::string where)
{
    ArrayHandle a;
    a.info = arraysOf(*file)[index];
    a.where = std::move(where);
    a.readAll = [file, index, numel = shapeNumel(a.info.shape)](float* out) {
        if (numel > 0)
            file->read(index, 0, numel, out);
    };
    return a;
}

bool isNpz(const std::string& path)
{
    return std::filesystem::path(path).extension() == ".npz";
}

} // namespace

std::vector<ArrayInfo> listNumpyArrays(const std::string& path)
{
    if (isNpz(path))
        return arraysOf(NpzFile(path));
    return arraysOf(NpyFile(path));
}

Dataset readNpzDataset(const std::string& path, const std::string& features, const std::string& labels, bool regression)
{
    auto file = std::make_shared<NpzFile>(path);
    const std::vector<ArrayInfo> arrays = arraysOf(*file);
    const auto [x, y] = chooseArrayPair(arrays, features, labels, path);
    const auto index = [&](const std::string& name) {
        return size_t(std::find_if(arrays.begin(), arrays.end(), [&](const ArrayInfo& a) { return a.name == name; })
            - arrays.begin());
    };
    return makeArrayDataset(handle(file, index(x), path + ": array '" + x + "'"),
        handle(file, index(y), path + ": array '" + y + "'"), regression,
        std::filesystem::path(path).filename().string());
}

Dataset readNpyDataset(const std::string& featuresPath, const std::string& labelsPath, bool regression)
{
    if (labelsPath.empty())
        throw ConfigError(featuresPath + ": a .npy features file needs a .npy labels file (--labels)");
    auto x = std::make_shared<NpyFile>(featuresPath);
    auto y = std::make_shared<NpyFile>(labelsPath);
    return makeArrayDataset(handle(x, 0, featuresPath), handle(y, 0, labelsPath), regression,
        std::filesystem::path(featuresPath).filename().string());
}

} // namespace ws
