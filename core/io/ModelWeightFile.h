// SPDX-License-Identifier: GPL-3.0-or-later
// Models in memory seen through the WeightFile interface, so that the inspector can show the
// weights of a model being trained (a snapshot taken after an epoch) or of a run record's
// checkpoints (run/RunWeightFile.h) exactly as it shows a file: one tensor per parameter, named
// "<layer>/<param>" like the native model file's weights/ group, moving statistics (batch norm)
// as "<layer>/<name>" too. Nothing is read from disk once the models are held.
#pragma once

#include "io/WeightFile.h"

#include <memory>
#include <string>
#include <vector>

namespace ws {

// The shared part: holds models and lists their parameters as float32 tensors; read() copies
// from the parameters' values. The models are only read (not const because
// Layer::nonTrainableParams() is not); nobody may change them while the file exists.
class InMemoryWeightFile : public WeightFile {
public:
    void read(size_t index, int64_t first, int64_t count, float* out) const final;

protected:
    // Every parameter of `model` (trainable first, then moving statistics, layer by layer) as a
    // tensor named "<prefix><layer>/<param>"; the file keeps the model alive.
    void addModel(std::shared_ptr<Sequential> model, const std::string& prefix);

    std::vector<std::shared_ptr<Sequential>> models_; // in the order added

private:
    std::vector<const Tensor*> values_; // values_[i]: the data of tensors_[i], owned by models_
};

class ModelWeightFile final : public InMemoryWeightFile {
public:
    // `label` stands in for the path in messages and titles ("training, epoch 3"). The model must
    // be a snapshot, not the model being trained.
    ModelWeightFile(std::shared_ptr<Sequential> model, std::string label);

    std::string format() const override { return "model in memory"; }
    std::optional<Sequential> model() const override;
};

} // namespace ws
