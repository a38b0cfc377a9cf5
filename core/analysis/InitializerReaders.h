// SPDX-License-Identifier: GPL-3.0-or-later
// Which node of a graph file (ONNX) reads each initializer, and as what. torch.onnx.export makes
// up names for the weights it folds (a BatchNorm into the Conv before it gives "onnx::Conv_193"
// and "onnx::Conv_194"); a person knows them by the node that reads them, as Netron shows them:
// "/layer1/layer1.0/conv1/Conv", its weight. The inspector's tensor tree labels such tensors
// with this (ui/inspector/ModelTreePanel), keeping the file's name beside.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace ws {

struct InitializerReader {
    std::string node;   // the reading node's name; its op type when the file gives none
    std::string opType; // "Conv"
    int input = -1;     // which of its inputs the initializer is
    std::string role;   // inputRole(opType, input): "weight", "bias", ...; "" when it has no common name
    int readers = 0;    // how many nodes read it (Identity nodes looked through)
};

// The first node in file order that reads each of `names`, from a graph as
// WeightFile::metadata()["graph"] holds it (io/OnnxReader). Identity nodes (PyTorch writes them
// for initializers shared by several nodes) are looked through. Names nothing reads are left out.
std::map<std::string, InitializerReader> initializerReaders(const nlohmann::json& graph, const std::vector<std::string>& names);

// The common name of input `input` of an ONNX operator whose weights PyTorch also has:
// Conv/ConvTranspose/Gemm 1 "weight", 2 "bias"; MatMul's constant "weight"; BatchNormalization
// 1-4 "weight", "bias", "running_mean", "running_var"; LayerNormalization and
// InstanceNormalization 1 "weight", 2 "bias". Otherwise "".
std::string inputRole(const std::string& opType, int input);

// A name an exporter made up rather than took from the model: torch.onnx.export's "onnx::<Op>_<n>".
bool isGeneratedTensorName(const std::string& name);

} // namespace ws
