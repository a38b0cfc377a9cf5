// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/GraphLayout.h"

#include "util/Error.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <numeric>
#include <string>

namespace ws {

namespace {

void checkInput(const std::vector<LayoutPoint>& sizes, const std::vector<LayoutEdge>& edges)
{
    for (size_t i = 0; i < edges.size(); ++i) {
        const LayoutEdge& e = edges[i];
        if (e.from < 0 || e.to < 0 || size_t(e.from) >= sizes.size() || size_t(e.to) >= sizes.size())
            throw Error("graph layout: edge " + std::to_string(i) + " (" + std::to_string(e.from) + " -> "
                + std::to_string(e.to) + ") names a node outside 0.." + std::to_string(sizes.size()));
    }
}

// A straight segment as a cubic Bézier (control points at a third and two thirds).
void appendSegment(std::vector<LayoutPoint>& path, LayoutPoint p, LayoutPoint q)
{
    if (path.empty())
        path.push_back(p);
    path.push_back({ p.x + (q.x - p.x) / 3, p.y + (q.y - p.y) / 3 });
    path.push_back({ p.x + 2 * (q.x - p.x) / 3, p.y + 2 * (q.y - p.y) / 3 });
    path.push_back(q);
}

// Graphviz's state is global (see the header): one caller at a time, one context for the
// process (loading the plugin configuration each time would cost more than a small layout).
std::mutex gvMutex;
std::string gvErrors;

int collectError(char* message)
{
    if (gvErrors.size() < 4096)
        gvErrors += message;
    return 0;
}

GVC_t* context()
{
    static GVC_t* gvc = [] {
        agseterrf(collectError);
        agseterr(AGERR); // warnings (e.g. about our tiny labels) are not worth a message
        return gvContext();
    }();
    return gvc;
}

std::string inches(double points)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", points / 72.0);
    return buf;
}

void set(void* object, Agsym_t* sym, const std::string& value) { agxset(object, sym, const_cast<char*>(value.c_str())); }

// Graphviz's dot; false when it cannot (no layout plugin installed, or an error) so that the
// caller falls back.
bool layoutDot(const std::vector<LayoutPoint>& sizes, const std::vector<LayoutEdge>& edges, const GraphLayoutOptions& options,
    GraphLayout& out)
{
    std::lock_guard lock(gvMutex);
    gvErrors.clear();
    GVC_t* gvc = context();
    if (!gvc)
        return false;
    char name[] = "model";
    Agraph_t* g = agopen(name, Agdirected, nullptr);
    if (!g)
        return false;
    const auto attr = [g](int kind, const char* key, const std::string& fallback) {
        return agattr(g, kind, const_cast<char*>(key), const_cast<char*>(fallback.c_str()));
    };
    attr(AGRAPH, "rankdir", "TB");
    attr(AGRAPH, "nodesep", inches(options.nodeSep));
    attr(AGRAPH, "ranksep", inches(options.rankSep));
    // Bound the network-simplex and crossing-minimisation passes: the defaults are unbounded in
    // practice and gain little on model graphs, which are nearly chains.
    attr(AGRAPH, "nslimit", "4");
    attr(AGRAPH, "mclimit", "0.5");
    attr(AGNODE, "shape", "box");
    attr(AGNODE, "fixedsize", "true");
    attr(AGNODE, "label", "");
    Agsym_t* width = attr(AGNODE, "width", "1");
    Agsym_t* height = attr(AGNODE, "height", "0.5");
    attr(AGEDGE, "arrowhead", "none"); // the view draws its own: the spline then ends on the border

    std::vector<Agnode_t*> nodes(sizes.size());
    for (size_t i = 0; i < sizes.size(); ++i) {
        char id[32];
        std::snprintf(id, sizeof id, "n%zu", i);
        nodes[i] = agnode(g, id, 1);
        set(nodes[i], width, inches(sizes[i].x));
        set(nodes[i], height, inches(sizes[i].y));
    }
    std::vector<Agedge_t*> gvEdges(edges.size(), nullptr);
    for (size_t i = 0; i < edges.size(); ++i)
        if (edges[i].from != edges[i].to) // a self-loop has no use in a model's drawing
            gvEdges[i] = agedge(g, nodes[size_t(edges[i].from)], nodes[size_t(edges[i].to)], nullptr, 1);

    bool ok = gvLayout(gvc, g, "dot") == 0;
    if (ok) {
        const boxf bb = GD_bb(g);
        const auto flip = [&bb](pointf p) { return LayoutPoint { p.x - bb.LL.x, bb.UR.y - p.y }; };
        out.width = bb.UR.x - bb.LL.x;
        out.height = bb.UR.y - bb.LL.y;
        out.centres.resize(sizes.size());
        for (size_t i = 0; i < sizes.size(); ++i)
            out.centres[i] = flip(ND_coord(nodes[i]));
        out.edges.assign(edges.size(), {});
        for (size_t i = 0; i < edges.size(); ++i) {
            const splines* spl = gvEdges[i] ? ED_spl(gvEdges[i]) : nullptr;
            if (!spl || spl->size < 1)
                continue;
            const bezier& b = spl->list[0];
            for (int k = 0; k < b.size; ++k)
                out.edges[i].push_back(flip(b.list[k]));
        }
        out.usedDot = true;
        gvFreeLayout(gvc, g);
    }
    agclose(g);
    return ok;
}

} // namespace

GraphLayout layoutLayered(const std::vector<LayoutPoint>& sizes, const std::vector<LayoutEdge>& edges, const GraphLayoutOptions& options)
{
    checkInput(sizes, edges);
    const size_t n = sizes.size();
    GraphLayout out;
    out.centres.resize(n);
    out.edges.assign(edges.size(), {});
    if (n == 0)
        return out;

    // Ranks by longest path, in Kahn's order; a node left in a cycle is taken in index order and
    // its unprocessed incoming edges do not count (they are back edges).
    std::vector<std::vector<size_t>> outgoing(n);
    std::vector<int> indegree(n, 0);
    for (size_t i = 0; i < edges.size(); ++i)
        if (edges[i].from != edges[i].to) {
            outgoing[size_t(edges[i].from)].push_back(i);
            ++indegree[size_t(edges[i].to)];
        }
    std::vector<int> rank(n, 0);
    std::vector<bool> done(n, false);
    std::vector<size_t> ready;
    for (size_t i = n; i-- > 0;)
        if (indegree[i] == 0)
            ready.push_back(i);
    size_t next = 0; // lowest index not yet done, for cycles
    for (size_t processed = 0; processed < n; ++processed) {
        size_t v;
        if (!ready.empty()) {
            v = ready.back();
            ready.pop_back();
        } else {
            while (done[next])
                ++next;
            v = next;
        }
        done[v] = true;
        for (size_t e : outgoing[v]) {
            const size_t w = size_t(edges[e].to);
            if (done[w])
                continue; // a back edge
            rank[w] = std::max(rank[w], rank[v] + 1);
            if (--indegree[w] == 0)
                ready.push_back(w);
        }
    }
    const int ranks = *std::max_element(rank.begin(), rank.end()) + 1;
    const size_t rankCount = size_t(ranks);

    // Slots per rank: the nodes, and one thin dummy per rank an edge passes through (Sugiyama),
    // so that long edges (skip connections) run beside the boxes rather than through them. The
    // dummies are capped so that a pathological file cannot make this quadratic.
    struct Slot {
        int node = -1;        // or -1: a dummy
        double width = 0;
        double key = 0;       // ordering key (barycentre of what it hangs from)
        int pred = -1;        // the dummy's predecessor slot, for the key
        double x = 0;
    };
    std::vector<std::vector<Slot>> slots(rankCount);
    std::vector<std::pair<int, int>> where(n); // node -> (rank, index in rank)
    for (size_t i = 0; i < n; ++i) {
        where[i] = { rank[i], int(slots[size_t(rank[i])].size()) };
        slots[size_t(rank[i])].push_back({ int(i), sizes[i].x, double(i), -1, 0 });
    }
    const double dummyWidth = options.nodeSep;
    size_t dummyBudget = 20 * n + 1000;
    std::vector<std::vector<std::pair<int, int>>> route(edges.size()); // dummies each edge passes
    for (size_t e = 0; e < edges.size(); ++e) {
        const int r0 = rank[size_t(edges[e].from)], r1 = rank[size_t(edges[e].to)];
        if (edges[e].from == edges[e].to || r1 - r0 < 2 || size_t(r1 - r0 - 1) > dummyBudget)
            continue;
        dummyBudget -= size_t(r1 - r0 - 1);
        std::pair<int, int> prev = where[size_t(edges[e].from)];
        for (int r = r0 + 1; r < r1; ++r) {
            slots[size_t(r)].push_back({ -1, dummyWidth, 0, prev.second, 0 });
            route[e].push_back({ r, int(slots[size_t(r)].size()) - 1 });
            prev = route[e].back();
        }
    }
    // Predecessors of each node slot (for the barycentre): the slot each incoming edge arrives from.
    std::vector<std::vector<std::pair<int, int>>> preds(n);
    for (size_t e = 0; e < edges.size(); ++e)
        if (edges[e].from != edges[e].to && rank[size_t(edges[e].from)] < rank[size_t(edges[e].to)])
            preds[size_t(edges[e].to)].push_back(route[e].empty() ? where[size_t(edges[e].from)] : route[e].back());

    // One top-down barycentre pass; order positions are the previous rank's sorted indices.
    std::vector<std::vector<int>> order(rankCount); // order[r][slot] = position
    double y = 0;
    std::vector<double> rankTop(rankCount), rankHeight(rankCount, 0);
    double widest = 0;
    for (int r = 0; r < ranks; ++r) {
        std::vector<Slot>& row = slots[size_t(r)];
        for (Slot& s : row) {
            if (r == 0)
                continue;
            if (s.node < 0) {
                s.key = order[size_t(r - 1)][size_t(s.pred)];
            } else if (!preds[size_t(s.node)].empty()) {
                double sum = 0;
                for (auto [pr, pi] : preds[size_t(s.node)])
                    sum += order[size_t(pr)][size_t(pi)];
                s.key = sum / double(preds[size_t(s.node)].size());
            } else {
                s.key = -1; // a second source starts at the left
            }
        }
        std::vector<int> sorted(row.size());
        std::iota(sorted.begin(), sorted.end(), 0);
        std::stable_sort(sorted.begin(), sorted.end(), [&row](int a, int b) { return row[size_t(a)].key < row[size_t(b)].key; });
        order[size_t(r)].assign(row.size(), 0);
        double total = 0;
        for (size_t k = 0; k < sorted.size(); ++k) {
            order[size_t(r)][size_t(sorted[k])] = int(k);
            total += row[size_t(sorted[k])].width + (k ? options.nodeSep : 0);
        }
        double x = -total / 2; // centred on 0: a chain is one column
        for (int k : sorted) {
            row[size_t(k)].x = x + row[size_t(k)].width / 2;
            x += row[size_t(k)].width + options.nodeSep;
        }
        widest = std::max(widest, total);
        for (const Slot& s : row)
            if (s.node >= 0)
                rankHeight[size_t(r)] = std::max(rankHeight[size_t(r)], sizes[size_t(s.node)].y);
        rankTop[size_t(r)] = y;
        y += rankHeight[size_t(r)] + options.rankSep;
    }
    out.width = widest;
    out.height = y - options.rankSep;
    const double shift = widest / 2;
    for (int r = 0; r < ranks; ++r)
        for (const Slot& s : slots[size_t(r)])
            if (s.node >= 0)
                out.centres[size_t(s.node)] = { s.x + shift, rankTop[size_t(r)] + rankHeight[size_t(r)] / 2 };

    // Edges: from the bottom of `from` through the dummies to the top of `to` (the sides, for an
    // edge within one rank or a back edge).
    for (size_t e = 0; e < edges.size(); ++e) {
        const size_t a = size_t(edges[e].from), b = size_t(edges[e].to);
        if (a == b)
            continue;
        const LayoutPoint ca = out.centres[a], cb = out.centres[b];
        const bool down = rank[a] < rank[b];
        LayoutPoint p = { ca.x, ca.y + (down ? sizes[a].y / 2 : -sizes[a].y / 2) };
        const LayoutPoint end = { cb.x, cb.y + (down ? -sizes[b].y / 2 : sizes[b].y / 2) };
        std::vector<LayoutPoint>& path = out.edges[e];
        for (auto [r, k] : route[e]) {
            const LayoutPoint q = { slots[size_t(r)][size_t(k)].x + shift, rankTop[size_t(r)] + rankHeight[size_t(r)] / 2 };
            appendSegment(path, p, q);
            p = q;
        }
        appendSegment(path, p, end);
    }
    return out;
}

GraphLayout layoutGraph(const std::vector<LayoutPoint>& sizes, const std::vector<LayoutEdge>& edges, const GraphLayoutOptions& options)
{
    checkInput(sizes, edges);
    GraphLayout out;
    if (!sizes.empty() && sizes.size() <= options.dotNodeLimit && layoutDot(sizes, edges, options, out))
        return out;
    return layoutLayered(sizes, edges, options);
}

} // namespace ws
