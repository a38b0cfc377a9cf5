// SPDX-License-Identifier: GPL-3.0-or-later
// The Keras reader (io/KerasReader.h), HDF5 side: opens the legacy Keras 2 / tf.keras .h5 layout
// (layer_names / weight_names) and the Keras 3 H5IOStore one (<path>/vars/<i>), lists and reads
// their datasets, and converts the model config through io/KerasModel.h. The Keras 3 .keras zip
// is unpacked in KerasArchive.cpp; its model.weights.h5 is read here. Layouts: see
// ../shared/REFERENCE.md "Keras files".
#include "io/KerasReader.h"

#include "io/Hdf5ObjectHeader.h"
#include "io/Hdf5Util.h"
#include "io/KerasFile.h"
#include "io/KerasModel.h"
#include "io/StrictJson.h"
#include "tensor/TensorBudget.h"
#include "util/Error.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace ws::keras_reader {

namespace {

std::string lowerExtension(const std::string& path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

bool startsWith(const std::string& path, const char* magic, size_t n)
{
    std::ifstream in(path, std::ios::binary);
    std::string head(n, '\0');
    return in.read(head.data(), std::streamsize(n)) && std::memcmp(head.data(), magic, n) == 0;
}

constexpr char kZipMagic[] = "PK\x03\x04";

// "vars/10" after "vars/9": names compared piece by piece, digit runs as numbers.
bool naturalLess(const std::string& a, const std::string& b)
{
    size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
            size_t ei = i, ej = j;
            while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei])))
                ++ei;
            while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej])))
                ++ej;
            const std::string na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
            if (na.size() != nb.size())
                return na.size() < nb.size();
            if (na != nb)
                return na < nb;
            i = ei;
            j = ej;
        } else {
            if (a[i] != b[j])
                return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

std::vector<std::string> childNames(hid_t group, const std::string& file)
{
    h5::checkObjectHeader(group, file); // its symbol table's local heap, before libhdf5 loads it
    std::vector<std::string> names;
    H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, nullptr,
        [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
            static_cast<std::vector<std::string>*>(data)->emplace_back(name);
            return 0;
        },
        &names);
    std::sort(names.begin(), names.end(), naturalLess);
    return names;
}

} // namespace

json parseJson(const std::string& text, const std::string& file, const std::string& what)
{
    // Depth-limited: a config nested 100000 deep would overflow the stack when dumped.
    return parseJsonWithDepthLimit(text, file + ": " + what);
}

KerasFile::KerasFile(const std::string& path)
{
    path_ = path;
    h5::silenceErrors();
    if (startsWith(path, kZipMagic, 4))
        openKeras(path);
    else
        openHdf5(path);
}

void KerasFile::openHdf5(const std::string& path)
{
    if (H5Fis_hdf5(path.c_str()) <= 0)
        throw FormatError(path + ": not an HDF5 file (no HDF5 signature)");
    file_ = h5::Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file_.valid())
        throw FormatError(path + ": cannot open the HDF5 file (truncated or damaged?)");
    weightsBytes_ = std::filesystem::file_size(path);
    h5::Handle root(H5Gopen2(file_.get(), "/", H5P_DEFAULT));
    // Our own model files also carry a model_config: say what they are rather than
    // complaining about a missing model_weights group.
    if (h5::hasAttribute(root.get(), "format", path)
        && h5::readStringAttribute(root.get(), "format", path) == "weightscope-model")
        throw FormatError(path + ": a Weightscope model file, not a Keras file (open it as a model)");
    if (h5::hasAttribute(root.get(), "model_config", path)) {
        format_ = "keras-h5";
        readRootMetadata(root.get());
        if (!h5::exists(file_.get(), "model_weights"))
            throw FormatError(path + ": the file has a model_config but no group 'model_weights'");
        weightsGroup_ = "model_weights";
        listLegacy(weightsGroup_);
        listLegacyOptimizer();
    } else if (h5::hasAttribute(root.get(), "layer_names", path) || h5::hasAttribute(root.get(), "layer_names0", path)) {
        format_ = "keras-h5-weights";
        readRootMetadata(root.get());
        listLegacy("");
    } else if (h5::exists(file_.get(), "layers") || h5::exists(file_.get(), "vars")) {
        format_ = "keras-weights-h5"; // Keras 3 `save_weights("x.weights.h5")`
        listStore();
    } else {
        throw FormatError(path + ": an HDF5 file but not a Keras one (no model_config, layer_names or 'layers' group)");
    }
}

void KerasFile::readRootMetadata(hid_t root)
{
    for (const char* key : { "keras_version", "backend" })
        if (h5::hasAttribute(root, key, path_))
            metadata_[key] = h5::readStringAttribute(root, key, path_);
    if (h5::hasAttribute(root, "model_config", path_)) {
        config_ = parseJson(h5::readStringAttribute(root, "model_config", path_), path_, "attribute model_config");
        metadata_["model_config"] = config_;
    }
    if (h5::hasAttribute(root, "training_config", path_)) {
        const std::string text = h5::readStringAttribute(root, "training_config", path_);
        try {
            metadata_["training_config"] = parseJsonWithDepthLimit(text, path_ + ": attribute training_config");
        } catch (const FormatError&) {
            metadata_["training_config"] = text; // informational only: keep what is there
        }
    }
}

std::vector<std::string> KerasFile::weightNames(const std::string& layerGroup) const
{
    h5::Handle g = h5::openGroup(file_.get(), layerGroup, path_);
    if (!g.valid())
        throw FormatError(path_ + ": group '" + layerGroup + "' cannot be opened");
    return h5::readStringListAttribute(g.get(), "weight_names", path_, "group '" + layerGroup + "'");
}

namespace {

// The layer a legacy weight belongs to: the top-level layer, or the nested model's inner layer
// whose name is one of the weight's scopes.
std::string nestedLayerOf(const std::vector<KerasLayer>& inner, const std::string& layer, const std::string& weight)
{
    const std::string scoped = "/" + weight;
    for (const KerasLayer& l : inner)
        if (l.h5Group == layer && scoped.find("/" + l.localName + "/") != std::string::npos)
            return l.name;
    return layer;
}

} // namespace

void KerasFile::listLegacy(const std::string& group)
{
    const std::string where = group.empty() ? "the root group" : "group '" + group + "'";
    h5::Handle g = h5::openGroup(file_.get(), group.empty() ? "/" : group, path_);
    if (!g.valid())
        throw FormatError(path_ + ": " + where + " cannot be opened");
    // A nested model's group holds its layers' weights, scoped by their names ("dense_1/kernel:0"
    // in group 'encoder'): each is listed with its layer's full name ("encoder/dense_1").
    std::vector<KerasLayer> inner;
    if (!config_.is_null()) {
        try {
            for (KerasLayer& l : parseKerasArchitecture(config_, path_).layers)
                if (!l.h5Group.empty())
                    inner.push_back(std::move(l));
        } catch (const FormatError&) {
            inner.clear(); // a model we cannot convert is still listed, by the groups' names
        }
    }
    for (const std::string& layer : h5::readStringListAttribute(g.get(), "layer_names", path_, where)) {
        const std::string layerGroup = group.empty() ? layer : group + "/" + layer;
        if (layer.empty() || !h5::exists(file_.get(), layerGroup) || h5::isDataset(file_.get(), layerGroup, path_))
            throw FormatError(path_ + ": layer_names lists '" + layer + "' but " + where + " has no group of that name");
        for (const std::string& weight : weightNames(layerGroup)) {
            const std::string dataset = layerGroup + "/" + weight;
            if (!h5::isDataset(file_.get(), dataset, path_))
                throw FormatError(path_ + ": group '" + layerGroup + "': weight_names entry '" + weight
                    + "' points at no dataset ('" + dataset + "' is missing)");
            addTensor(weight, dataset, nestedLayerOf(inner, layer, weight));
        }
    }
}

void KerasFile::listLegacyOptimizer()
{
    // Optimizer state is listed for inspection; a damaged list does not hide the model's weights.
    if (!h5::exists(file_.get(), "optimizer_weights"))
        return;
    h5::Handle g = h5::openGroup(file_.get(), "optimizer_weights", path_);
    if (!g.valid() || !(h5::hasAttribute(g.get(), "weight_names", path_) || h5::hasAttribute(g.get(), "weight_names0", path_)))
        return;
    for (const std::string& weight : weightNames("optimizer_weights"))
        if (h5::isDataset(file_.get(), "optimizer_weights/" + weight, path_))
            addTensor("optimizer_weights/" + weight, "optimizer_weights/" + weight, "optimizer");
}

void KerasFile::listStore()
{
    h5::Handle root(H5Gopen2(file_.get(), "/", H5P_DEFAULT));
    walkStore(root.get(), "");
    // List in model order where the config says it (H5 iterates by name).
    if (config_.is_null())
        return;
    std::vector<std::string> order;
    try {
        for (const KerasLayer& l : parseKerasArchitecture(config_, path_).layers) {
            order.push_back(l.storePath + "/");
            // A nested model's layers: their full names ("encoder/dense"), as the model's layers
            if (!l.model.empty())
                for (size_t i = 0; i < tensors_.size(); ++i)
                    if (datasetPaths_[i].rfind(l.storePath + "/vars/", 0) == 0)
                        tensors_[i].layer = l.name;
        }
    } catch (const FormatError&) {
        return; // a model we cannot convert is still listed, in name order
    }
    auto rank = [&](const std::string& p) {
        for (size_t i = 0; i < order.size(); ++i)
            if (p.rfind(order[i], 0) == 0)
                return i;
        return p.rfind("vars/", 0) == 0 ? size_t(0) : order.size();
    };
    std::vector<size_t> idx(tensors_.size());
    for (size_t i = 0; i < idx.size(); ++i)
        idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return rank(datasetPaths_[a]) < rank(datasetPaths_[b]); });
    std::vector<TensorInfo> t;
    std::vector<std::string> p;
    for (size_t i : idx) {
        t.push_back(tensors_[i]);
        p.push_back(datasetPaths_[i]);
    }
    tensors_ = std::move(t);
    datasetPaths_ = std::move(p);
}

void KerasFile::walkStore(hid_t group, const std::string& path)
{
    for (const std::string& child : childNames(group, path_)) {
        const std::string childPath = path.empty() ? child : path + "/" + child;
        h5::ObjectInfo info;
        if (!h5::objectInfo(group, child, info, path_))
            throw FormatError(path_ + ": object '" + childPath + "' cannot be read (damaged file?)");
        if (info.type == H5O_TYPE_GROUP) {
            // Hard links can make a group its own descendant; Keras never links a group twice,
            // so a second visit is refused rather than walked forever.
            if (!walked_.insert(info.id).second)
                throw FormatError(path_ + ": group '" + childPath
                    + "' is a second link to a group already seen (a hard-link cycle); refusing the file");
            h5::Handle g(H5Gopen2(group, child.c_str(), H5P_DEFAULT));
            if (child == "vars" && h5::hasAttribute(g.get(), "name", path_))
                varsByName_.emplace(h5::readStringAttribute(g.get(), "name", path_), childPath);
            walkStore(g.get(), childPath);
        } else if (info.type == H5O_TYPE_DATASET && path.size() >= 4 && path.compare(path.size() - 4, 4, "vars") == 0) {
            // The layer: the vars group's name attribute (Keras >= 3.3), else its store path.
            h5::Handle vars = h5::openGroup(file_.get(), path, path_);
            std::string layer;
            if (h5::hasAttribute(vars.get(), "name", path_))
                layer = h5::readStringAttribute(vars.get(), "name", path_);
            else if (path.rfind("layers/", 0) == 0)
                layer = path.substr(7, path.size() - 7 - 5);
            else
                layer = path == "vars" ? "" : path.substr(0, path.find('/'));
            addTensor(childPath, childPath, layer);
        }
    }
}

void KerasFile::addTensor(const std::string& name, const std::string& datasetPath, const std::string& layer)
{
    h5::Handle set = h5::openDataset(file_.get(), datasetPath, path_);
    if (!set.valid())
        throw FormatError(path_ + ": dataset '" + datasetPath + "' cannot be opened (damaged file?)");
    h5::Handle space(H5Dget_space(set.get()));
    h5::Handle type(H5Dget_type(set.get()));
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0 || rank > 16)
        throw FormatError(path_ + ": dataset '" + datasetPath + "' has an unreadable shape");
    std::vector<hsize_t> dims(static_cast<size_t>(rank));
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    TensorInfo info;
    info.name = name;
    info.layer = layer;
    info.shape.assign(dims.begin(), dims.end());
    try {
        shapeNumel(info.shape);
    } catch (const Error&) {
        throw FormatError(path_ + ": dataset '" + datasetPath + "' has an impossible shape");
    }
    const size_t size = H5Tget_size(type.get());
    const bool bf16 = h5::hasAttribute(set.get(), "dtype", path_) && size == 2
        && h5::readStringAttribute(set.get(), "dtype", path_) == "bfloat16";
    switch (H5Tget_class(type.get())) {
    case H5T_FLOAT:
        if (size == 2)
            info.dtype = DType::F16;
        else if (size == 4)
            info.dtype = DType::F32;
        else if (size == 8)
            info.dtype = DType::F64;
        else
            throw FormatError(path_ + ": dataset '" + datasetPath + "' has a " + std::to_string(size * 8)
                + "-bit float type this reader does not know");
        break;
    case H5T_INTEGER: {
        const bool sign = H5Tget_sign(type.get()) == H5T_SGN_2;
        const DType s[] = { DType::I8, DType::I16, DType::I32, DType::I64 };
        const DType u[] = { DType::U8, DType::U16, DType::U32, DType::U64 };
        const int k = size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : size == 8 ? 3 : -1;
        if (k < 0)
            throw FormatError(path_ + ": dataset '" + datasetPath + "' has an unusual integer size");
        info.dtype = bf16 ? DType::BF16 : (sign ? s[k] : u[k]);
        break;
    }
    case H5T_OPAQUE:
        if (!bf16)
            throw FormatError(path_ + ": dataset '" + datasetPath + "' holds opaque data, not numbers");
        info.dtype = DType::BF16;
        break;
    default:
        throw FormatError(path_ + ": dataset '" + datasetPath + "' is not numeric");
    }
    if (info.dtype != DType::BF16) // read converted to float by libhdf5, which trusts the type
        h5::checkNumberType(type.get(), path_ + ": dataset '" + datasetPath + "'");
    info.nbytes = H5Dget_storage_size(set.get());
    // HDF5 lets a few KB declare a dataset of terabytes (chunks never written read as the fill
    // value), which would take hours to "read". Real weights are stored; compressed ones shrink
    // far less than 1000:1. The same rule as the zip-bomb check of the .npz reader.
    const uint64_t logical = uint64_t(info.numel()) * dtypeSize(info.dtype);
    if (logical > (uint64_t(64) << 20) && logical / 1000 > info.nbytes)
        throw FormatError(path_ + ": dataset '" + datasetPath + "' declares " + std::to_string(logical)
            + " bytes but stores only " + std::to_string(info.nbytes) + " in the file (unwritten or bomb-like)");
    for (auto& t : tensors_)
        if (t.name == info.name) // Keras 2 weight names may repeat across layers
            info.name = layer + "/" + info.name;
    tensors_.push_back(std::move(info));
    datasetPaths_.push_back(datasetPath);
}

namespace {

// Selects elements [lo, hi) (C order) of the sub-array fixed by idx[0..level) as a union of at
// most 2 * rank hyperslab blocks; HDF5 then reads them in C order, which is the range in order.
void selectRange(hid_t space, const std::vector<hsize_t>& dims, std::vector<hsize_t>& idx, size_t level, hsize_t lo,
    hsize_t hi)
{
    const size_t rank = dims.size();
    std::vector<hsize_t> stride(rank, 1);
    for (size_t i = rank - 1; i > 0; --i)
        stride[i - 1] = stride[i] * dims[i];
    auto block = [&](hsize_t from, hsize_t count) { // along `level`, everything below it whole
        std::vector<hsize_t> start(rank, 0), size(rank, 1);
        for (size_t i = 0; i < level; ++i)
            start[i] = idx[i];
        start[level] = from;
        size[level] = count;
        for (size_t i = level + 1; i < rank; ++i)
            size[i] = dims[i];
        H5Sselect_hyperslab(space, H5S_SELECT_OR, start.data(), nullptr, size.data(), nullptr);
    };
    const hsize_t s = stride[level];
    if (lo % s == 0 && hi % s == 0) {
        block(lo / s, (hi - lo) / s);
        return;
    }
    const hsize_t a = lo / s, b = (hi - 1) / s;
    if (a == b) {
        idx[level] = a;
        selectRange(space, dims, idx, level + 1, lo - a * s, hi - a * s);
        return;
    }
    idx[level] = a;
    selectRange(space, dims, idx, level + 1, lo - a * s, s);
    if (b > a + 1)
        block(a + 1, b - a - 1);
    idx[level] = b;
    selectRange(space, dims, idx, level + 1, 0, hi - b * s);
}

void readDataset(hid_t file, const std::string& datasetPath, const TensorInfo& info, int64_t first, int64_t count,
    float* out, const std::string& path)
{
    h5::Handle set = h5::openDataset(file, datasetPath, path);
    h5::Handle space(set.valid() ? H5Dget_space(set.get()) : H5I_INVALID_HID);
    if (!space.valid())
        throw FormatError(path + ": dataset '" + datasetPath + "' cannot be opened");
    if (!info.shape.empty()) {
        std::vector<hsize_t> dims(info.shape.begin(), info.shape.end()), idx(dims.size(), 0);
        H5Sselect_none(space.get());
        selectRange(space.get(), dims, idx, 0, hsize_t(first), hsize_t(first + count));
    }
    const hsize_t n = hsize_t(count);
    h5::Handle mem(H5Screate_simple(1, &n, nullptr));
    herr_t status;
    if (info.dtype == DType::BF16) {
        std::vector<uint16_t> raw(static_cast<size_t>(count));
        h5::Handle type(H5Dget_type(set.get()));
        status = H5Dread(set.get(), type.get(), mem.get(), space.get(), H5P_DEFAULT, raw.data());
        if (status >= 0)
            convertToFloat(DType::BF16, raw.data(), raw.size(), out);
    } else {
        status = H5Dread(set.get(), H5T_NATIVE_FLOAT, mem.get(), space.get(), H5P_DEFAULT, out);
    }
    if (status < 0)
        throw FormatError(path + ": cannot read dataset '" + datasetPath + "' (truncated or damaged file?)");
}

} // namespace

void KerasFile::read(size_t index, int64_t first, int64_t count, float* out) const
{
    const TensorInfo& info = checkedRead(index, first, count);
    if (count == 0)
        return;
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    readDataset(file_.get(), datasetPaths_[index], info, first, count, out, path_);
}

KerasWeight KerasFile::readWeight(const std::string& datasetPath) const
{
    KerasWeight w;
    w.where = "dataset '" + datasetPath + "'";
    for (size_t i = 0; i < datasetPaths_.size(); ++i) {
        if (datasetPaths_[i] != datasetPath)
            continue;
        w.shape = tensors_[i].shape;
        w.values.resize(size_t(tensors_[i].numel()));
        if (!w.values.empty())
            readDataset(file_.get(), datasetPath, tensors_[i], 0, tensors_[i].numel(), w.values.data(), path_);
        return w;
    }
    throw FormatError(path_ + ": " + w.where + " is missing");
}

std::vector<KerasWeight> KerasFile::legacyWeights(const KerasLayer& layer) const
{
    // A nested model's layers keep their weights in the group of the top-level nested model,
    // named by the variables' scopes ("dense_1/kernel:0", or "encoder/dense_1/kernel:0"): a
    // layer's weights are those one of whose scopes is its own name, in the group's order.
    const std::string& top = layer.h5Group.empty() ? layer.name : layer.h5Group;
    const std::string group = weightsGroup_.empty() ? top : weightsGroup_ + "/" + top;
    if (!h5::exists(file_.get(), group))
        throw FormatError(path_ + ": layer '" + layer.name + "' of the model config has no group '" + group + "'"
            + (layer.h5Group.empty() ? "" : " (the nested model '" + layer.h5Group + "' has no weights in the file)"));
    std::vector<KerasWeight> out;
    for (const std::string& weight : weightNames(group)) {
        if (!layer.h5Group.empty()) {
            const std::string scoped = "/" + weight;
            const size_t at = scoped.find("/" + layer.localName + "/");
            if (at == std::string::npos)
                continue;
        }
        out.push_back(readWeight(group + "/" + weight));
    }
    return out;
}

std::vector<KerasWeight> KerasFile::storeWeights(const KerasLayer& layer) const
{
    // saving_lib addresses a layer by its class-based path; the vars group's name attribute
    // (newer Keras) is the fallback when a file was written otherwise.
    std::string vars = layer.storePath + "/vars";
    if (!h5::exists(file_.get(), vars)) {
        const auto it = layer.model.empty() ? varsByName_.find(layer.name) : varsByName_.end();
        if (it == varsByName_.end())
            throw FormatError(path_ + ": model.weights.h5 has no group '" + vars + "' for " + "layer '" + layer.name
                + "' (" + layer.className + ")");
        vars = it->second;
    }
    h5::Handle g = h5::openGroup(file_.get(), vars, path_);
    std::vector<KerasWeight> out;
    for (const std::string& child : childNames(g.get(), path_))
        out.push_back(readWeight(vars + "/" + child));
    return out;
}

std::optional<Sequential> KerasFile::model() const
{
    if (config_.is_null())
        return std::nullopt;
    const KerasArchitecture arch = parseKerasArchitecture(config_, path_);
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    // The model's parameters (and their gradients) come from this file: a config asking for far
    // more than the weights it holds is refused before allocating (units: 2^40 in a 20 KB file).
    TensorBudget budget(kModelBudgetFloorElements + int64_t(weightsBytes_));
    if (format_ == "keras")
        return buildKerasModel(arch, path_, [this](const KerasLayer& l) { return storeWeights(l); });
    return buildKerasModel(arch, path_, [this](const KerasLayer& l) { return legacyWeights(l); });
}

} // namespace ws::keras_reader

namespace ws {

bool isKerasFile(const std::string& path)
{
    const std::string ext = keras_reader::lowerExtension(path);
    if (ext == ".h5" || ext == ".hdf5" || ext == ".keras")
        return true;
    return keras_reader::startsWith(path, keras_reader::kHdf5Magic, 8);
}

std::unique_ptr<WeightFile> openKerasFile(const std::string& path)
{
    if (!std::filesystem::is_regular_file(path))
        throw FormatError(path + ": no such file");
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    return std::make_unique<keras_reader::KerasFile>(path);
}

} // namespace ws
