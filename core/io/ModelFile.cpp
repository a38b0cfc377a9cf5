// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/ModelFile.h"

#include "io/Hdf5Util.h"
#include "io/ModelTensors.h"
#include "io/StrictJson.h"
#include "tensor/TensorBudget.h"
#include "util/AtomicWrite.h"
#include "util/Error.h"

#include <chrono>
#include <ctime>
#include <filesystem>

namespace ws {

namespace {

constexpr const char* kFormat = "weightscope-model";
constexpr int kFormatVersion = 1;

std::string utcNow()
{
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm {};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::vector<hsize_t> dimsOf(const Tensor& t)
{
    return { t.shape().begin(), t.shape().end() };
}

void writeTensors(hid_t file, const std::string& group, Sequential& model, bool nonTrainable, const std::string& path)
{
    for (size_t i = 0; i < model.size(); ++i) {
        Layer& layer = model.layer(i);
        const auto tensors = nonTrainable ? layer.nonTrainableParams() : layer.params();
        if (tensors.empty())
            continue;
        h5::Handle g = h5::createGroups(file, group + "/" + layer.name(), path);
        for (const Param* p : tensors)
            h5::writeFloatDataset(g.get(), p->name, dimsOf(p->value), p->value.data(), path);
    }
}

void readTensors(hid_t file, const std::string& group, Sequential& model, bool nonTrainable, const std::string& path)
{
    for (size_t i = 0; i < model.size(); ++i) {
        Layer& layer = model.layer(i);
        for (Param* p : nonTrainable ? layer.nonTrainableParams() : layer.params()) {
            const std::string name = group + "/" + layer.name() + "/" + p->name;
            std::vector<hsize_t> dims;
            const auto values = h5::readFloatDataset(file, name, dims, path, hsize_t(p->value.size()));
            const Shape shape(dims.begin(), dims.end());
            if (shape != p->value.shape())
                throw FormatError(path + ": dataset '" + name + "' has shape " + shapeToString(shape)
                    + " but layer '" + layer.name() + "' needs " + shapeToString(p->value.shape()));
            std::copy(values.begin(), values.end(), p->value.data());
        }
    }
}

} // namespace

void writeModelTensors(hid_t file, const std::string& group, Sequential& model, const std::string& path)
{
    const std::string prefix = group.empty() ? "" : group + "/";
    h5::createGroups(file, prefix + "weights", path);
    writeTensors(file, prefix + "weights", model, false, path);
    writeTensors(file, prefix + "state", model, true, path);
}

void readModelTensors(hid_t file, const std::string& group, Sequential& model, const std::string& path)
{
    const std::string prefix = group.empty() ? "" : group + "/";
    readTensors(file, prefix + "weights", model, false, path);
    readTensors(file, prefix + "state", model, true, path);
}

namespace {

void writeModelFile(const std::string& path, Sequential& model, const nlohmann::json& metadata,
    const SavedOptimizer* optimizer)
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    h5::silenceErrors();
    const std::string temp = path + ".part";
    // The file is built in memory (core driver, no backing store) and written as bytes:
    // HDF5 1.10 does not survive a write error (disk full) while closing a file on disk — the
    // failed close leaves the file open and H5close then crashes at exit in H5F__close_cb.
    std::vector<char> image;
    {
        h5::Handle fapl(H5Pcreate(H5P_FILE_ACCESS));
        H5Pset_fapl_core(fapl.get(), 1 << 20, 0);
        h5::Handle file(H5Fcreate(temp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()));
        if (!file.valid())
            throw FormatError(path + ": cannot create the file in memory");
        try {
            h5::Handle root(H5Gopen2(file.get(), "/", H5P_DEFAULT));
            h5::writeStringAttribute(root.get(), "format", kFormat, path);
            h5::writeStringAttribute(root.get(), "format_version", std::to_string(kFormatVersion), path);
            h5::writeStringAttribute(root.get(), "engine_version", WS_VERSION, path);
            h5::writeStringAttribute(root.get(), "created", utcNow(), path);
            h5::writeStringAttribute(root.get(), "model_config", model.config().dump(), path);
            h5::writeStringAttribute(root.get(), "metadata", metadata.is_null() ? "{}" : metadata.dump(), path);
            writeModelTensors(file.get(), "", model, path);
            if (optimizer) {
                h5::Handle g = h5::createGroups(file.get(), "optimizer", path);
                h5::writeStringAttribute(g.get(), "optimizer", optimizer->config.dump(), path);
                h5::writeStringAttribute(g.get(), "steps", std::to_string(optimizer->steps), path);
                for (const SavedOptimizer::Moments& m : optimizer->moments) {
                    if (m.first.empty() && m.second.empty())
                        continue;
                    h5::Handle pg = h5::createGroups(file.get(), "optimizer/" + m.layer + "/" + m.param, path);
                    if (!m.first.empty())
                        h5::writeFloatDataset(pg.get(), "first", dimsOf(m.first), m.first.data(), path);
                    if (!m.second.empty())
                        h5::writeFloatDataset(pg.get(), "second", dimsOf(m.second), m.second.data(), path);
                }
            }
            if (H5Fflush(file.get(), H5F_SCOPE_GLOBAL) < 0)
                throw FormatError(path + ": cannot flush the file image");
            const ssize_t size = H5Fget_file_image(file.get(), nullptr, 0);
            if (size <= 0)
                throw FormatError(path + ": cannot get the file image");
            image.resize(size_t(size));
            if (H5Fget_file_image(file.get(), image.data(), image.size()) != size)
                throw FormatError(path + ": cannot get the file image");
        } catch (...) {
            file.reset();
            throw;
        }
    }
    writeBytesAtomically(path, image.data(), image.size());
}

} // namespace

void saveModel(const std::string& path, Sequential& model, const nlohmann::json& metadata)
{
    writeModelFile(path, model, metadata, nullptr);
}

void saveModel(const std::string& path, Sequential& model, const nlohmann::json& metadata,
    const SavedOptimizer& optimizer)
{
    writeModelFile(path, model, metadata, &optimizer);
}

LoadedModel loadModel(const std::string& path)
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    h5::silenceErrors();
    if (!std::filesystem::is_regular_file(path))
        throw FormatError(path + ": no such file");
    if (H5Fis_hdf5(path.c_str()) <= 0)
        throw FormatError(path + ": not an HDF5 file");
    h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file.valid())
        throw FormatError(path + ": cannot open the HDF5 file (truncated or damaged?)");
    h5::Handle root(H5Gopen2(file.get(), "/", H5P_DEFAULT));
    const std::string format = h5::readStringAttribute(root.get(), "format", path);
    if (format != kFormat)
        throw FormatError(path + ": attribute 'format' is '" + format + "', not a Weightscope model");
    const std::string version = h5::readStringAttribute(root.get(), "format_version", path);
    if (version != std::to_string(kFormatVersion))
        throw FormatError(path + ": format_version " + version + " is not supported (this build reads "
            + std::to_string(kFormatVersion) + ")");
    LoadedModel out;
    nlohmann::json config;
    // Depth-limited: dumping a config nested 100000 deep would overflow the stack.
    config = parseJsonWithDepthLimit(h5::readStringAttribute(root.get(), "model_config", path),
        path + ": attribute model_config");
    out.metadata = parseJsonWithDepthLimit(h5::readStringAttribute(root.get(), "metadata", path),
        path + ": attribute metadata");
    // The parameters come from this file: a config asking for far more than it holds is refused
    // before allocating (see TensorBudget).
    TensorBudget budget(kModelBudgetFloorElements + int64_t(std::filesystem::file_size(path)));
    try {
        out.model = Sequential::fromConfig(config);
    } catch (const Error& e) {
        throw FormatError(path + ": model_config: " + e.what());
    }
    out.engineVersion = h5::readStringAttribute(root.get(), "engine_version", path);
    out.created = h5::readStringAttribute(root.get(), "created", path);
    readModelTensors(file.get(), "", out.model, path);
    return out;
}

bool isNativeModelFile(const std::string& path)
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    h5::silenceErrors();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec) || H5Fis_hdf5(path.c_str()) <= 0)
        return false;
    h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file.valid())
        return false;
    h5::Handle root(H5Gopen2(file.get(), "/", H5P_DEFAULT));
    try {
        return h5::hasAttribute(root.get(), "format", path) && h5::readStringAttribute(root.get(), "format", path) == kFormat;
    } catch (const FormatError&) {
        return false;
    }
}

namespace {

// Small files: the whole model is loaded once and its tensors are served from memory.
class NativeModelFile final : public WeightFile {
public:
    explicit NativeModelFile(const std::string& path)
        : loaded_(loadModel(path))
    {
        path_ = path;
        for (size_t i = 0; i < loaded_.model.size(); ++i) {
            Layer& layer = loaded_.model.layer(i);
            for (bool nonTrainable : { false, true }) {
                for (Param* p : nonTrainable ? layer.nonTrainableParams() : layer.params()) {
                    TensorInfo info;
                    info.name = layer.name() + "/" + p->name;
                    info.dtype = DType::F32;
                    info.shape = p->value.shape();
                    info.nbytes = uint64_t(p->value.size()) * sizeof(float);
                    info.layer = layer.name();
                    tensors_.push_back(info);
                    values_.push_back(&p->value);
                }
            }
        }
        metadata_ = { { "format", kFormat }, { "format_version", kFormatVersion },
            { "engine_version", loaded_.engineVersion }, { "created", loaded_.created },
            { "model_config", loaded_.model.config() }, { "metadata", loaded_.metadata } };
    }

    std::string format() const override { return "weightscope"; }

    void read(size_t index, int64_t first, int64_t count, float* out) const override
    {
        checkedRead(index, first, count);
        const Tensor& t = *values_[index];
        std::copy(t.data() + first, t.data() + first + count, out);
    }

    std::optional<Sequential> model() const override { return loadModel(path_).model; }

private:
    LoadedModel loaded_;
    std::vector<const Tensor*> values_;
};

} // namespace

std::unique_ptr<WeightFile> openNativeModelFile(const std::string& path)
{
    return std::make_unique<NativeModelFile>(path);
}

} // namespace ws
