// A model in memory seen through the WeightFile interface, so that the inspector can show the
// weights of a model being trained (a snapshot taken after an epoch) exactly as it shows a file:
// one tensor per parameter, named "<layer>/<param>" like the native model file's weights/ group,
// moving statistics (batch norm) as "<layer>/<name>" too. Nothing is read from disk.
#pragma once

#include "io/WeightFile.h"

#include <memory>

namespace ws {

// Every parameter of `model` (trainable first, then moving statistics, layer by layer) as a
// float32 tensor named "<prefix><layer>/<param>", with a pointer to its values (owned by model).
void listModelTensors(Sequential& model, const std::string& prefix, std::vector<TensorInfo>& tensors,
    std::vector<const Tensor*>& values);

class ModelWeightFile final : public WeightFile {
public:
    // `label` stands in for the path in messages and titles ("training, epoch 3"). The model is
    // only read (it is not const because Layer::nonTrainableParams() is not); nobody may change
    // it while this file exists (a snapshot, not the model being trained).
    ModelWeightFile(std::shared_ptr<Sequential> model, std::string label);

    std::string format() const override { return "model in memory"; }
    void read(size_t index, int64_t first, int64_t count, float* out) const override;
    std::optional<Sequential> model() const override;

private:
    std::shared_ptr<Sequential> model_;
    std::vector<const Tensor*> values_; // values_[i]: the data of tensors_[i], owned by model_
};

} // namespace ws
