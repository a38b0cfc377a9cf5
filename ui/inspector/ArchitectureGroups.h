// SPDX-License-Identifier: GPL-3.0-or-later
// Collapsible groups of the architecture view: which boxes are drawn given the groups' states,
// and where (core/analysis/GraphLayout). The worker computes the first view with the file; the
// panel recomputes it on a double-click, on the GUI thread: the layout of the boxes drawn takes
// milliseconds (measured in docs/inspector.md), the full graph is never laid out for it.
#pragma once

#include "InspectorTypes.h"

namespace ws::ui {

// Graphviz positions for `boxes` and, per input, its arrow (a column when there are no arrows).
void layOutArchitecture(QList<ArchitectureBox>& boxes);

// model.shown and model.shownFrom from model.boxes and model.groups: every box outside collapsed
// groups as it is, every outermost collapsed group as one box (its tensors and parameters the
// sum of its members', its arrows those crossing its border), then laid out.
void showArchitecture(LoadedModel& model);

// Groups for an ONNX graph's boxes from their names' prefixes ("/layer1/layer1.0/conv1/Conv" is
// in "/layer1" and "/layer1/layer1.0"): a group has at least two boxes and differs from the group
// around it. Above kCollapseAbove boxes the outermost groups start collapsed.
QList<ArchitectureGroup> prefixGroups(const QList<ArchitectureBox>& boxes);
inline constexpr int kCollapseAbove = 40;

// Groups for an engine model's boxes whose layer names are paths: a Keras nested model's layers
// are named "<nested model>/<layer>" (io/KerasModel.h), so "encoder/dense_1" and
// "encoder/dense_1_relu" are in the group "encoder", "outer/inner/dense" in "outer" and
// "outer/inner". Every nested model is a group, even of one box; its title is "Model".
QList<ArchitectureGroup> nestedModelGroups(const QList<ArchitectureBox>& boxes);

} // namespace ws::ui
