// SPDX-License-Identifier: GPL-3.0-or-later
// Where to draw the boxes and arrows of a model's graph (the inspector's architecture view):
// Graphviz's "dot" (layered, top to bottom) places boxes of given sizes and routes every edge as
// a cubic Bézier spline that starts and ends on the boxes' borders. Above kDotNodeLimit boxes,
// or when Graphviz cannot lay out, a simpler layered layout of our own answers instead (ranks by
// longest path, one barycentre pass, straight edges through one slot per rank they cross): dot's
// time grows much faster than linearly. Measured on a ResNet-like chain of blocks with skips
// (test_analysis GraphLayout.TimesATwoThousandNodeResNet, docs/benchmarks.md): 2,000 nodes 0.95 s,
// 2,500 3.1 s, 3,000 7.5 s, 5,000 18 s; the layered layout takes 0.01 s for 5,000.
//
// Graphviz's libgvc keeps global state (the graph's attribute dictionaries, its error buffer)
// and is not thread-safe: every call into it is serialised by one mutex inside layoutGraph, so
// any thread may call layoutGraph; calls simply wait for each other.
#pragma once

#include <cstddef>
#include <vector>

namespace ws {

struct LayoutPoint {
    double x = 0, y = 0;
};

struct LayoutEdge {
    int from = 0, to = 0; // node indices; the arrow points at `to`
};

struct GraphLayout {
    // Coordinates are points (1/72 inch), y growing downwards, the graph's top left corner at 0.
    std::vector<LayoutPoint> centres; // per node
    // Per edge, in the order given: cubic Bézier control points (1 + 3k of them) from the border
    // of `from` to the border of `to`; empty for an edge from a node to itself.
    std::vector<std::vector<LayoutPoint>> edges;
    double width = 0, height = 0;
    bool usedDot = false; // false: the simple layered layout
};

struct GraphLayoutOptions {
    double nodeSep = 18; // points between boxes side by side
    double rankSep = 30; // points between ranks
    size_t dotNodeLimit = 2000; // above: the simple layered layout (about 1 s for dot at 2,000)
};

// Nodes are given as sizes in points (width, height); edges must name valid nodes (else Error).
// Cycles are allowed (dot reverses an edge; the simple layout ignores back edges for ranks).
GraphLayout layoutGraph(const std::vector<LayoutPoint>& sizes, const std::vector<LayoutEdge>& edges,
    const GraphLayoutOptions& options = {});

// The simple layered layout alone (also what layoutGraph falls back to).
GraphLayout layoutLayered(const std::vector<LayoutPoint>& sizes, const std::vector<LayoutEdge>& edges,
    const GraphLayoutOptions& options = {});

} // namespace ws
