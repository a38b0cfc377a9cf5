// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/UnitMask.h"

#include "util/Error.h"

#include <algorithm>

namespace ws {

void UnitMask::setOff(size_t layer, int64_t unit, bool off)
{
    if (off) {
        off_[layer].insert(unit);
        return;
    }
    const auto it = off_.find(layer);
    if (it == off_.end())
        return;
    it->second.erase(unit);
    if (it->second.empty())
        off_.erase(it); // an empty entry would make equal masks compare unequal
}

bool UnitMask::isOff(size_t layer, int64_t unit) const
{
    const auto it = off_.find(layer);
    return it != off_.end() && it->second.count(unit) > 0;
}

int64_t UnitMask::count() const
{
    int64_t n = 0;
    for (const auto& [layer, units] : off_)
        n += int64_t(units.size());
    return n;
}

void UnitMask::check(const Sequential& model) const
{
    for (const auto& [layer, units] : off_) {
        if (layer >= model.size())
            throw Error("unit mask: the model has no layer " + std::to_string(layer));
        const Shape& shape = model.layer(layer).outputShape();
        const int64_t width = shape.empty() ? 1 : shape.back();
        for (const int64_t unit : units)
            if (unit < 0 || unit >= width)
                throw Error("unit mask: layer '" + model.layer(layer).name() + "' has " + std::to_string(width)
                    + " units, not unit " + std::to_string(unit));
    }
}

void UnitMask::apply(size_t layer, Tensor& y) const
{
    const auto it = off_.find(layer);
    if (it == off_.end() || y.size() == 0)
        return;
    const int64_t width = y.dim(y.rank() - 1);
    const int64_t rows = y.size() / width;
    float* p = y.data();
    for (int64_t r = 0; r < rows; ++r, p += width)
        for (const int64_t unit : it->second)
            if (unit < width)
                p[unit] = 0.0f;
}

const Tensor& forwardMasked(Sequential& model, const Tensor& x, Workspace& ws, const UnitMask& mask)
{
    if (mask.empty())
        return model.forward(x, ws, false);
    mask.check(model);
    // Each layer reads the masked outputs of the layers it reads.
    return model.forward(x, ws, false, [&mask](size_t layer, Tensor& y) { mask.apply(layer, y); });
}

} // namespace ws
