// SPDX-License-Identifier: GPL-3.0-or-later
// What io/TorchReader.h lists from an unpickled object (io/PickleReader.h): every tensor under
// the name PyTorch gives it, every other value as JSON for the metadata view, and the module
// trees of whole models.
//  - dicts and lists are walked and tensors named by their dotted path ("model.fc1.weight",
//    "optimizer.state.0.exp_avg"); leaves go to `values` under the same paths;
//  - an nn.Module saved whole (torch.save(model)) is a record whose state holds `_parameters`,
//    `_buffers` and `_modules`: its tensors are named as model.state_dict() names them
//    (parameters, then persistent buffers, then each submodule; `_non_persistent_buffers_set`
//    left out) and its tree goes to `modules`, one entry per module under its dotted path
//    ("(root)", "features", "features.0"): class, qualified class, plain attributes such as
//    in_channels, kernel_size, training, and its children's names in order;
//  - a TorchScript module (`__torch__.*` record, attributes in one flat dict) likewise: tensors
//    that require grad first (parameters), then the other tensors (buffers), then submodules;
//  - any other record (argparse.Namespace, a user class) is shown as its class and state.
// A hostile graph cannot make the walk hang or explode: depth is limited by kPickleMaxNesting,
// modules by kTorchMaxModules, a container or module holding itself is refused, and shared parts
// count against a budget proportional to the pickle.
#pragma once

#include "io/PickleReader.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace ws {

inline constexpr size_t kTorchMaxModules = 100000;

struct TorchObject {
    std::vector<std::pair<std::string, size_t>> tensors; // name, index into Pickle::tensors
    nlohmann::json values = nlohmann::json::object();    // path -> plain value
    nlohmann::json modules = nlohmann::json::object();   // module path ("(root)", "fc1") -> its node
};

// Walks `root` of `p`, which is named `name` ("" for a file's object, whose parts are then named
// from their own keys). `where` names the file and member in messages. Throws FormatError.
TorchObject walkTorchObject(const Pickle& p, uint32_t root, const std::string& where, const std::string& name = "");

} // namespace ws
