// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/ModelWeightFile.h"

#include "nn/ModelCopy.h"
#include "util/Error.h"

#include <cstring>

namespace ws {

void InMemoryWeightFile::addModel(std::shared_ptr<Sequential> model, const std::string& prefix)
{
    Sequential& m = *models_.emplace_back(std::move(model));
    for (size_t i = 0; i < m.size(); ++i) {
        Layer& layer = m.layer(i);
        auto add = [&](const Param& p) {
            TensorInfo info;
            info.name = prefix + layer.name() + "/" + p.name;
            info.dtype = DType::F32;
            info.shape = p.value.shape();
            info.nbytes = uint64_t(p.value.size()) * sizeof(float);
            info.layer = prefix + layer.name();
            tensors_.push_back(std::move(info));
            values_.push_back(&p.value);
        };
        for (const Param* p : layer.params())
            add(*p);
        for (const Param* p : layer.nonTrainableParams())
            add(*p);
    }
}

void InMemoryWeightFile::read(size_t index, int64_t first, int64_t count, float* out) const
{
    checkedRead(index, first, count);
    std::memcpy(out, values_[index]->data() + first, size_t(count) * sizeof(float));
}

ModelWeightFile::ModelWeightFile(std::shared_ptr<Sequential> model, std::string label)
{
    path_ = std::move(label);
    if (!model)
        throw Error(path_ + ": no model");
    metadata_["layers"] = int64_t(model->size());
    metadata_["parameters"] = model->paramCount();
    addModel(std::move(model), "");
}

std::optional<Sequential> ModelWeightFile::model() const
{
    return copyModel(*models_.front());
}

} // namespace ws
