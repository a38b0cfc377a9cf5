// SPDX-License-Identifier: GPL-3.0-or-later
#include "ArchitectureGroups.h"

#include "analysis/GraphLayout.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <map>

namespace ws::ui {

// Boxes without edges (name groups) stand in one column, as before.
void layOutArchitecture(QList<ArchitectureBox>& boxes)
{
    const std::vector<LayoutPoint> sizes(size_t(boxes.size()), LayoutPoint { kArchitectureBoxWidth, kArchitectureBoxHeight });
    std::vector<LayoutEdge> edges;
    for (int i = 0; i < boxes.size(); ++i)
        for (int from : boxes[i].inputs)
            edges.push_back({ from, i });
    const bool graph = !edges.empty();
    if (!graph)
        for (int i = 1; i < boxes.size(); ++i)
            edges.push_back({ i - 1, i });
    const GraphLayout layout = graph ? layoutGraph(sizes, edges) : layoutLayered(sizes, edges);
    size_t e = 0;
    for (int i = 0; i < boxes.size(); ++i) {
        boxes[i].centre = QPointF(layout.centres[size_t(i)].x, layout.centres[size_t(i)].y);
        boxes[i].inputPaths.clear();
        for (qsizetype k = 0; graph && k < boxes[i].inputs.size(); ++k, ++e) {
            QPolygonF path;
            for (const LayoutPoint& p : layout.edges[e])
                path << QPointF(p.x, p.y);
            boxes[i].inputPaths.append(path);
        }
    }
}

void showArchitecture(LoadedModel& model)
{
    const QList<ArchitectureBox>& boxes = model.boxes;
    const QList<ArchitectureGroup>& groups = model.groups;
    // Each box's outermost collapsed group (a group's parent comes before it, as built).
    QList<int> outermost(groups.size(), -1);
    for (int g = 0; g < groups.size(); ++g) {
        const int p = groups[g].parent;
        outermost[g] = p >= 0 && p < g && outermost[p] >= 0 ? outermost[p] : groups[g].collapsed ? g : -1;
    }
    QList<int> hiddenIn(boxes.size(), -1);
    for (int g = 0; g < groups.size(); ++g)
        if (outermost[g] == g)
            for (int b : groups[g].members)
                if (b >= 0 && b < boxes.size())
                    hiddenIn[b] = g;

    QList<ArchitectureBox> shown;
    QList<int> from, shownOf(boxes.size(), -1);
    std::map<int, int> groupShown;
    for (int i = 0; i < boxes.size(); ++i) {
        const int g = hiddenIn[i];
        if (g < 0) {
            shownOf[i] = int(shown.size());
            shown.append(boxes[i]);
            shown.back().inputs.clear();
            from.append(i);
            continue;
        }
        auto [it, added] = groupShown.emplace(g, int(shown.size()));
        if (added) {
            ArchitectureBox proxy;
            proxy.name = groups[g].name;
            proxy.type = groups[g].type;
            proxy.outputShape = QCoreApplication::translate("ws::ui::ArchitecturePanel", "double-click to expand");
            shown.append(proxy);
            from.append(-1 - g);
        }
        shownOf[i] = it->second;
        shown[it->second].params += boxes[i].params;
        shown[it->second].tensors += boxes[i].tensors;
    }
    // Arrows: a box's inputs through what stands for them; none inside a collapsed group.
    for (int i = 0; i < boxes.size(); ++i)
        for (int input : boxes[i].inputs) {
            if (input < 0 || input >= boxes.size())
                continue;
            QList<int>& inputs = shown[shownOf[i]].inputs;
            const int source = shownOf[input];
            const bool plain = hiddenIn[i] < 0 && hiddenIn[input] < 0; // as the file has it, twice if twice
            if (source != shownOf[i] && (plain || !inputs.contains(source)))
                inputs.append(source);
        }
    layOutArchitecture(shown);
    model.shown = std::move(shown);
    model.shownFrom = std::move(from);
}

namespace {

// Groups from name prefixes (`members`: each prefix's boxes, sorted so that a prefix comes before
// the longer ones it starts), each inside the nearest group whose prefix starts it. ONNX paths
// keep a group only for two boxes or more, and not when it holds exactly its parent's boxes; a
// Keras nested model is a group whatever it holds.
QList<ArchitectureGroup> groupsOfPrefixes(const std::map<QString, QList<int>>& members, qsizetype boxes, bool onnxPaths)
{
    QList<ArchitectureGroup> groups;
    std::map<QString, int> index;
    for (const auto& [prefix, list] : members) {
        if (onnxPaths && list.size() < 2)
            continue;
        int parent = -1; // the nearest kept group around this one
        for (qsizetype cut = prefix.lastIndexOf(QLatin1Char('/')); cut > 0 && parent < 0; cut = prefix.lastIndexOf(QLatin1Char('/'), cut - 1)) {
            const auto it = index.find(prefix.left(cut));
            if (it != index.end())
                parent = it->second;
        }
        if (onnxPaths && parent >= 0 && groups[parent].members == list)
            continue; // "/a/b" holding all of "/a": one group is enough
        ArchitectureGroup g;
        g.name = prefix;
        g.type = onnxPaths
            ? QCoreApplication::translate("ws::ui::InspectorWorker", "Group of %n node(s)", nullptr, int(list.size()))
            : QCoreApplication::translate("ws::ui::InspectorWorker", "Model of %n layer(s)", nullptr, int(list.size()));
        g.members = list;
        g.parent = parent;
        g.collapsed = parent < 0 && boxes > kCollapseAbove;
        index.emplace(prefix, int(groups.size()));
        groups.append(g);
    }
    return groups;
}

} // namespace

QList<ArchitectureGroup> prefixGroups(const QList<ArchitectureBox>& boxes)
{
    constexpr int kMaxDepth = 6; // deeper prefixes are not worth a group; bounds the work per name
    std::map<QString, QList<int>> members; // sorted: a prefix before the longer ones it starts
    for (int i = 0; i < boxes.size(); ++i) {
        const QStringList parts = boxes[i].name.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (!boxes[i].name.startsWith(QLatin1Char('/')))
            continue; // torch.onnx writes "/layer1/layer1.0/conv1/Conv"; other names are not paths
        QString prefix;
        for (int d = 0; d + 1 < parts.size() && d < kMaxDepth; ++d) {
            prefix += QLatin1Char('/') + parts[d];
            members[prefix].append(i);
        }
    }
    return groupsOfPrefixes(members, boxes.size(), true);
}

QList<ArchitectureGroup> nestedModelGroups(const QList<ArchitectureBox>& boxes)
{
    constexpr int kMaxDepth = 16; // as deep as the Keras reader inlines
    std::map<QString, QList<int>> members; // sorted: a model before the models inside it
    for (int i = 0; i < boxes.size(); ++i) {
        const QStringList parts = boxes[i].name.split(QLatin1Char('/'));
        if (boxes[i].name.startsWith(QLatin1Char('/')) || parts.contains(QString()))
            continue; // not a nested model's path
        QString prefix;
        for (int d = 0; d + 1 < parts.size() && d < kMaxDepth; ++d) {
            prefix += (d ? QStringLiteral("/") : QString()) + parts[d];
            members[prefix].append(i);
        }
    }
    return groupsOfPrefixes(members, boxes.size(), false);
}

} // namespace ws::ui
