// SPDX-License-Identifier: GPL-3.0-or-later
// The Keras reader's file class (behind io/KerasReader.h), shared by its two source files:
// KerasReader.cpp reads the HDF5 layouts (Keras 2 / tf.keras .h5, Keras 3 .weights.h5) and
// converts the model; KerasArchive.cpp opens the Keras 3 .keras zip and hands its
// model.weights.h5 to the same HDF5 code. Internal to core: it exposes HDF5 identifiers.
#pragma once

#include "io/Hdf5Util.h"
#include "io/KerasModel.h"
#include "io/WeightFile.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ws::keras_reader {

using json = nlohmann::json;

inline constexpr char kHdf5Magic[] = "\x89HDF\r\n\x1a\n";

// A JSON document of the file (`what` names it in messages), depth-limited.
json parseJson(const std::string& text, const std::string& file, const std::string& what);

class KerasFile final : public WeightFile {
public:
    explicit KerasFile(const std::string& path);
    ~KerasFile() override
    {
        const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
        file_.reset();
    }
    KerasFile(const KerasFile&) = delete;
    KerasFile& operator=(const KerasFile&) = delete;

    std::string format() const override { return format_; }
    void read(size_t index, int64_t first, int64_t count, float* out) const override;
    std::optional<Sequential> model() const override;

private:
    void openHdf5(const std::string& path);
    void openKeras(const std::string& path);
    void readRootMetadata(hid_t root);
    // Legacy layout: layer groups listed in layer_names, weights listed in weight_names.
    void listLegacy(const std::string& group);
    void listLegacyOptimizer();
    // Keras 3 H5IOStore layout: <path>/vars/<i>.
    void listStore();
    void walkStore(hid_t group, const std::string& path);
    void addTensor(const std::string& name, const std::string& datasetPath, const std::string& layer);
    std::vector<std::string> weightNames(const std::string& layerGroup) const;
    std::vector<KerasWeight> legacyWeights(const KerasLayer& layer) const;
    std::vector<KerasWeight> storeWeights(const KerasLayer& layer) const;
    KerasWeight readWeight(const std::string& datasetPath) const;

    std::string format_;
    h5::Handle file_;
    std::string weightsGroup_;               // legacy: "model_weights" or "" (weights-only)
    json config_;                            // the model config; null for weights-only files
    std::vector<std::string> datasetPaths_;  // per tensor
    std::map<std::string, std::string> varsByName_; // store: layer name attribute -> vars group
    std::set<std::string> walked_; // object addresses of the groups walkStore has entered
    uint64_t weightsBytes_ = 0; // size of the HDF5 weights (the file, or the image inside a .keras)
};

} // namespace ws::keras_reader
