// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's tensor: float32, row-major, owned storage, batch dimension first.
//
// Shape convention (used by every layer in core/nn):
//   dense data      (N, F)          N = batch, F = features
//   images          (N, H, W, C)    channels last ("NHWC", as Keras' default); files in other
//                                   layouts (NCHW from PyTorch/ONNX) are converted on import.
// A layer's configured shapes (input/output shapes in summaries) leave the batch dimension out.
#pragma once

#include "util/AlignedAllocator.h"

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

namespace ws {

using Shape = std::vector<int64_t>;

// Product of the dimensions; throws ShapeError on a negative dimension or on overflow.
int64_t shapeNumel(const Shape& shape);
// "(28, 28, 1)"; an empty shape prints as "()".
std::string shapeToString(const Shape& shape);

using MatrixRM = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixMap = Eigen::Map<MatrixRM, Eigen::Aligned16>;
using ConstMatrixMap = Eigen::Map<const MatrixRM, Eigen::Aligned16>;
using VectorMap = Eigen::Map<Eigen::VectorXf, Eigen::Aligned16>;
using ConstVectorMap = Eigen::Map<const Eigen::VectorXf, Eigen::Aligned16>;

class Tensor {
public:
    Tensor() = default;
    explicit Tensor(Shape shape, float fill = 0.0f);

    const Shape& shape() const { return shape_; }
    int rank() const { return int(shape_.size()); }
    int64_t dim(int i) const { return shape_.at(size_t(i)); }
    int64_t size() const { return int64_t(data_.size()); }
    int64_t capacity() const { return int64_t(data_.capacity()); } // elements held without growing
    bool empty() const { return data_.empty(); }

    float* data() { return data_.data(); }
    const float* data() const { return data_.data(); }
    float& operator[](int64_t i) { return data_[size_t(i)]; }
    float operator[](int64_t i) const { return data_[size_t(i)]; }

    // Changes the shape; keeps capacity so per-batch buffers do not reallocate. Elements past the
    // old size are zero.
    void resize(const Shape& shape);
    // resize() for an output its caller writes whole: elements past the old size are left as they
    // are. A buffer from the inference pool is usually smaller than the output it is given for,
    // and zeroing the difference took 7 % of MobileNetV3-Small's inference. Under the sanitizers
    // they are NaN, so that a caller which leaves some unwritten fails the tests.
    void resizeForOverwrite(const Shape& shape);
    // Same data, another shape of the same element count.
    void reshape(const Shape& shape);
    void fill(float value);
    void setZero() { fill(0.0f); }

    // Views as a row-major matrix: rows = first dimension, cols = the product of the rest.
    MatrixMap matrix();
    ConstMatrixMap matrix() const;
    VectorMap vector() { return VectorMap(data(), size()); }
    ConstVectorMap vector() const { return ConstVectorMap(data(), size()); }

    bool operator==(const Tensor& other) const = default;

private:
    Shape shape_;
    std::vector<float, UninitializedAllocator<float>> data_; // on a cache line: whole-line vector loads
};

} // namespace ws
