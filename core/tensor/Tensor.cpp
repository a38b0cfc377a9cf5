// SPDX-License-Identifier: GPL-3.0-or-later
#include "tensor/Tensor.h"
#include "tensor/TensorBudget.h"

#include "util/Error.h"

#include <algorithm>
#include <cstddef>
#include <limits>

// resizeForOverwrite() fills what it adds with NaN under the sanitizers (and with
// -DWS_POISON_OVERWRITE), so that a layer which leaves part of its output unwritten fails the
// tests of the asan stage instead of reading stale numbers in a release build.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define WS_POISON_OVERWRITE 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define WS_POISON_OVERWRITE 1
#endif
#endif

namespace ws {

int64_t shapeNumel(const Shape& shape)
{
    int64_t n = 1;
    for (int64_t d : shape) {
        if (d < 0)
            throw ShapeError("negative dimension in shape " + shapeToString(shape));
        if (d != 0 && n > std::numeric_limits<int64_t>::max() / d)
            throw ShapeError("shape " + shapeToString(shape) + " has more elements than fit in 64 bits");
        n *= d;
    }
    return n;
}

std::string shapeToString(const Shape& shape)
{
    std::string s = "(";
    for (size_t i = 0; i < shape.size(); ++i) {
        if (i)
            s += ", ";
        s += std::to_string(shape[i]);
    }
    if (shape.size() == 1)
        s += ",";
    return s + ")";
}

namespace {
thread_local TensorBudget* t_budget = nullptr;
}

TensorBudget::TensorBudget(int64_t maxElements)
    : left_(maxElements)
    , outer_(t_budget)
{
    t_budget = this;
}

TensorBudget::~TensorBudget() { t_budget = outer_; }

void TensorBudget::charge(int64_t elements, const Shape& shape)
{
    if (!t_budget || elements <= 0)
        return;
    if (elements > t_budget->left_)
        throw ShapeError("a tensor of shape " + shapeToString(shape) + " (" + std::to_string(elements)
            + " elements) is more than the " + std::to_string(t_budget->left_)
            + " elements left for a model loaded from a file of this size");
    t_budget->left_ -= elements;
}

Tensor::Tensor(Shape shape, float fill)
    : shape_(std::move(shape))
{
    TensorBudget::charge(shapeNumel(shape_), shape_);
    data_.assign(size_t(shapeNumel(shape_)), fill);
}

namespace {

#ifdef WS_POISON_OVERWRITE
constexpr bool kPoisonOverwrite = true;
#else
constexpr bool kPoisonOverwrite = false;
#endif

// The floats of data past its first `old` set to `value`.
template <class Vector> void fillPast(Vector& data, size_t old, float value)
{
    if (data.size() > old)
        std::fill(data.begin() + std::ptrdiff_t(old), data.end(), value);
}

} // namespace

void Tensor::resize(const Shape& shape)
{
    const size_t old = data_.size();
    resizeForOverwrite(shape);
    fillPast(data_, old, 0.0f);
}

void Tensor::resizeForOverwrite(const Shape& shape)
{
    const int64_t n = shapeNumel(shape);
    if (n > size())
        TensorBudget::charge(n - size(), shape);
    shape_ = shape;
    const size_t old = data_.size();
    data_.resize(size_t(n));
    if (kPoisonOverwrite)
        fillPast(data_, old, std::numeric_limits<float>::quiet_NaN());
}

void Tensor::reshape(const Shape& shape)
{
    if (shapeNumel(shape) != size())
        throw ShapeError("cannot reshape " + shapeToString(shape_) + " to " + shapeToString(shape));
    shape_ = shape;
}

void Tensor::fill(float value)
{
    std::fill(data_.begin(), data_.end(), value);
}

MatrixMap Tensor::matrix()
{
    const int64_t rows = shape_.empty() ? 1 : shape_[0];
    const int64_t cols = rows == 0 ? 0 : size() / rows;
    return MatrixMap(data(), rows, cols);
}

ConstMatrixMap Tensor::matrix() const
{
    const int64_t rows = shape_.empty() ? 1 : shape_[0];
    const int64_t cols = rows == 0 ? 0 : size() / rows;
    return ConstMatrixMap(data(), rows, cols);
}

} // namespace ws
