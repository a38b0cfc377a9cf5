// SPDX-License-Identifier: GPL-3.0-or-later
// Ablation: switching units off without touching weights. A unit is one index of a layer
// output's last axis — a neuron of a Dense layer (N, units), a channel of a convolution
// (N, H, W, C) — and "off" means its output is zero for every sample (and every position).
// Zeroing unit j of layer i equals zeroing the weights that read it in the next layer, but the
// mask leaves the model as it is, so switching a unit back on restores it exactly.
#pragma once

#include "nn/Sequential.h"

#include <cstdint>
#include <map>
#include <set>

namespace ws {

class UnitMask {
public:
    void setOff(size_t layer, int64_t unit, bool off = true);
    bool isOff(size_t layer, int64_t unit) const;
    bool empty() const { return off_.empty(); }
    void clear() { off_.clear(); }
    int64_t count() const;
    const std::map<size_t, std::set<int64_t>>& units() const { return off_; }

    // Throws Error when a layer or unit does not exist in `model`.
    void check(const Sequential& model) const;
    // Zeroes the masked units of layer `layer` in its output batch y (N, ..., units).
    void apply(size_t layer, Tensor& y) const;

    bool operator==(const UnitMask&) const = default;

private:
    std::map<size_t, std::set<int64_t>> off_; // layer index -> units switched off
};

// Inference through the model with the mask applied after each layer (what the next layer
// sees). Every layer's (masked) output stays in ws.outputs; returns the last.
const Tensor& forwardMasked(Sequential& model, const Tensor& x, Workspace& ws, const UnitMask& mask);

} // namespace ws
