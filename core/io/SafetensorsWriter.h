// SPDX-License-Identifier: GPL-3.0-or-later
// Writes float32 tensors as a safetensors file (the format SafetensorsReader.h describes), so
// weights loaded or trained in Weightscope can be used by PyTorch, JAX, candle, llama.cpp tools.
// The header is padded with spaces to a multiple of 8 bytes (allowed by the spec) so the data
// is aligned. The file is written to a temporary name beside `path` and renamed, so a failure
// leaves an existing file intact.
#pragma once

#include "tensor/Tensor.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ws {

// Tensors are stored in the given order; names must be unique, non-empty and not
// "__metadata__". Throws Error (bad names) or FormatError (I/O) naming the file.
void writeSafetensors(const std::string& path, const std::vector<std::pair<std::string, Tensor>>& tensors,
    const std::map<std::string, std::string>& metadata = {});

} // namespace ws
