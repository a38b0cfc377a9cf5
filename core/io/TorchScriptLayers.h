// SPDX-License-Identifier: GPL-3.0-or-later
// A TorchScript archive's module tree as the layers io/TorchModel.h builds, when it maps onto
// them: the root is an nn.Sequential of torch.nn modules (scripted or traced), or a module whose
// forward() does nothing but call one such Sequential child:
//     seq = self.seq
//     return (seq).forward(x, )
// Each child's settings come from its class in the code text (io/TorchScriptCode.h): the Final
// constants of a scripted class, or the one ATen call of a traced forward() with its literal
// arguments (sizes that a trace does not print, such as in_channels, from the weight's shape).
// Anything else is refused naming the module, its class and the code member.
#pragma once

#include "io/TorchModel.h"
#include "io/WeightFile.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ws {

// `modules` is metadata()["modules"] (io/TorchObject.h), `code` metadata()["code"] (member path
// under code/ -> text) and `unread` the code members too large to be kept (path -> bytes).
std::vector<TorchLayer> torchScriptLayers(const nlohmann::json& modules, const nlohmann::json& code,
                                          const std::map<std::string, uint64_t>& unread, const WeightFile& file);

} // namespace ws
