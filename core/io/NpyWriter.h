// SPDX-License-Identifier: GPL-3.0-or-later
// Writes tensors as NumPy files that np.load reads: .npy (format 1.0, '<f4', C order) and .npz
// (a zip of such members, deflated or stored, written with libzip). Used to export a model's
// weights and the tensor on screen.
//
// Both write a temporary file next to the target and rename it over the target at the end, so a
// failed export never leaves a half-written file where a good one was.
#pragma once

#include "tensor/Tensor.h"

#include <string>
#include <utility>
#include <vector>

namespace ws {

// The .npy v1.0 header (magic to newline) of a float32 C-order array of `shape`, padded so the
// data starts at a multiple of 64 bytes as NumPy does.
std::string npyHeaderF32(const Shape& shape);

// Throws Error naming the file when it cannot be written.
void writeNpy(const std::string& path, const Tensor& tensor);
// Member "name.npy" per tensor. Names must be unique, non-empty, relative and free of "..".
void writeNpz(const std::string& path, const std::vector<std::pair<std::string, Tensor>>& tensors,
              bool compress = true);

} // namespace ws
