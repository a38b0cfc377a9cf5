// SPDX-License-Identifier: GPL-3.0-or-later
// A bare state dict (torch.save(model.state_dict()), or a safetensors or .npz file of the same
// tensors) carries no architecture: given one in the compact layer syntax ("conv2d(8, 3) relu
// maxpool2d(2) flatten dense(10)"), the tensors go to the layers in file order, each checked
// against the shape PyTorch gives that layer's parameter:
//   conv2d(F, K)       Conv2d:      weight (F, C, K, K), bias (F) unless use_bias=false
//   dense(U)           Linear:      weight (U, in), bias (U) unless use_bias=false
//   bn / batchnorm     BatchNorm2d (after a conv2d or pool) or BatchNorm1d: weight, bias,
//                      running_mean, running_var, each (C); num_batches_tracked is skipped
//   relu sigmoid tanh maxpool2d(K) flatten dropout(R): no tensors
// The layers and their tensors then become the module tree of an nn.Sequential and are built by
// the same conversion as a whole nn.Sequential saved with torch.save(model) (io/TorchModel.h):
// PyTorch's (out, in) Linear weights and NCHW flatten order are converted there, once. The model
// takes PyTorch's NCHW inputs. A batchnorm without an epsilon uses PyTorch's 1e-5.
#pragma once

#include "io/WeightFile.h"
#include "nn/Sequential.h"

#include <string>
#include <vector>

namespace ws {

struct StateDictModel {
    Sequential model;
    // "0.weight (8, 1, 3, 3) -> layer 1 conv2d(8, 3): weight", one per tensor used, in order.
    std::vector<std::string> assignments;
};

// Throws FormatError naming the file and the first tensor or layer that does not fit: a shape
// that differs from what the layer needs, tensors left over or missing, a layer kind that takes
// no PyTorch weights here.
StateDictModel buildStateDictModel(const WeightFile& file, const std::string& layerSpec);

} // namespace ws
