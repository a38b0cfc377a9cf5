// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/WeightFile.h"

#include "util/Error.h"

namespace ws {

const TensorInfo& WeightFile::tensor(const std::string& name) const
{
    for (const auto& t : tensors_)
        if (t.name == name)
            return t;
    throw Error(path_ + ": no tensor named '" + name + "'");
}

const TensorInfo& WeightFile::checkedRead(size_t index, int64_t first, int64_t count) const
{
    if (index >= tensors_.size())
        throw Error(path_ + ": no tensor number " + std::to_string(index));
    const TensorInfo& info = tensors_[index];
    if (first < 0 || count < 0 || first > info.numel() - count)
        throw Error(path_ + ": tensor '" + info.name + "': elements [" + std::to_string(first) + ", "
            + std::to_string(first + count) + ") are outside its " + std::to_string(info.numel()) + " elements");
    return info;
}

Tensor WeightFile::readTensor(size_t index, int64_t maxElements) const
{
    const TensorInfo& info = tensors_.at(index);
    const int64_t n = info.numel();
    if (n > maxElements)
        throw Error(path_ + ": tensor '" + info.name + "' has " + std::to_string(n) + " elements, more than "
            + std::to_string(maxElements) + " can be loaded at once");
    Tensor t(info.shape);
    read(index, 0, n, t.data());
    return t;
}

} // namespace ws
