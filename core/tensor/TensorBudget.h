// SPDX-License-Identifier: GPL-3.0-or-later
// A bound on what Tensors may allocate on one thread while a model is built from an untrusted
// file. Kept apart from Tensor.h so only the allocation points and the loaders depend on it.
#pragma once

#include "tensor/Tensor.h"

#include <cstdint>

namespace ws {

// Models built from a file get this many float elements plus one per byte of the file (a float32
// weight takes 4 bytes, which leaves room for the gradients and optimizer moments).
inline constexpr int64_t kModelBudgetFloorElements = int64_t(16) << 20;

// Bounds the elements that Tensors allocated on this thread may hold in total while it is alive.
// Loaders of untrusted files wrap building a model from the file's config in one, so a config
// that asks for 2^40 units is refused with a ShapeError before anything is allocated, instead of
// ending in std::bad_alloc or the out-of-memory killer. Budgets nest; the innermost applies.
class TensorBudget {
public:
    explicit TensorBudget(int64_t maxElements);
    ~TensorBudget();
    TensorBudget(const TensorBudget&) = delete;
    TensorBudget& operator=(const TensorBudget&) = delete;

    // Called by Tensor before it allocates `elements`; throws ShapeError past the budget.
    static void charge(int64_t elements, const Shape& shape);

private:
    int64_t left_;
    TensorBudget* outer_;
};

} // namespace ws
