#include "io/ModelWeightFile.h"

#include "nn/ModelCopy.h"
#include "util/Error.h"

#include <cstring>

namespace ws {

void listModelTensors(Sequential& model, const std::string& prefix, std::vector<TensorInfo>& tensors,
    std::vector<const Tensor*>& values)
{
    for (size_t i = 0; i < model.size(); ++i) {
        Layer& layer = model.layer(i);
        auto add = [&](const Param& p) {
            TensorInfo info;
            info.name = prefix + layer.name() + "/" + p.name;
            info.dtype = DType::F32;
            info.shape = p.value.shape();
            info.nbytes = uint64_t(p.value.size()) * sizeof(float);
            info.layer = prefix + layer.name();
            tensors.push_back(std::move(info));
            values.push_back(&p.value);
        };
        for (const Param* p : layer.params())
            add(*p);
        for (const Param* p : layer.nonTrainableParams())
            add(*p);
    }
}

ModelWeightFile::ModelWeightFile(std::shared_ptr<Sequential> model, std::string label) : model_(std::move(model))
{
    path_ = std::move(label);
    if (!model_)
        throw Error(path_ + ": no model");
    metadata_["layers"] = int64_t(model_->size());
    metadata_["parameters"] = model_->paramCount();
    listModelTensors(*model_, "", tensors_, values_);
}

void ModelWeightFile::read(size_t index, int64_t first, int64_t count, float* out) const
{
    checkedRead(index, first, count);
    std::memcpy(out, values_[index]->data() + first, size_t(count) * sizeof(float));
}

std::optional<Sequential> ModelWeightFile::model() const
{
    return copyModel(*model_);
}

} // namespace ws
