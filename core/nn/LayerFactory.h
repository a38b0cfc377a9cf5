// SPDX-License-Identifier: GPL-3.0-or-later
// Makes layers from their JSON config ({"type": "Dense", "units": 10, ...}, as Layer::config()
// writes it) and from the compact text the command line takes:
//   "flatten dense(256) relu dense(128) relu dense(10)"
//   "conv2d(32, 5, padding=same) relu maxpool2d(2) flatten dense(10)"
//   "conv2d(32, 3, padding=same) relu res(conv2d(32, 3, padding=same) relu) flatten dense(10)"
// res(...) is a residual block: its layers, then an Add of their output and the block's input
// (the configs it gives name those in "inputs"; nn/Sequential.h).
// Layers are separated by spaces or ';'; arguments are positional (in the order listed by
// layerSpecHelp()) or key=value. Type names are case-insensitive.
#pragma once

#include "nn/Layer.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace ws {

std::unique_ptr<Layer> makeLayer(const nlohmann::json& config);

// Parses the compact form into a list of layer configs (does not build them).
nlohmann::json parseLayerSpec(const std::string& text);

// One line per layer type: its spelling and positional arguments, for --help.
std::string layerSpecHelp();

} // namespace ws
