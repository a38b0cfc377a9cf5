// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/BoundedGraph.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ws::ui {

BoundedGraph::BoundedGraph(QCPGraph* graph, int maxPoints) : graph_(graph), maxPoints_(std::max(2, maxPoints)) { }

void BoundedGraph::add(double x, double y)
{
    if (!std::isfinite(y))
        return;
    const bool onStride = offered_++ % stride_ == 0;
    QSharedPointer<QCPGraphDataContainer> data = graph_->data();
    if (tail_) { // the previous newest point was kept only for being the newest: replace it
        auto last = data->end() - 1;
        last->key = x;
        last->value = y;
    } else {
        data->add(QCPGraphData(x, y));
    }
    tail_ = !onStride;
    if (data->size() > maxPoints_)
        thin();
}

// Kept point i (not counting a tail) is the one offered at index i * stride: with the stride
// doubled, the even ones stay. The newest point stays too, as the tail when it is an odd one.
void BoundedGraph::thin()
{
    QSharedPointer<QCPGraphDataContainer> data = graph_->data();
    const int n = data->size();
    const int onStride = tail_ ? n - 1 : n;
    QVector<QCPGraphData> kept;
    kept.reserve(n / 2 + 2);
    auto it = data->constBegin();
    for (int i = 0; i < onStride; i += 2)
        kept.append(*(it + i));
    const bool newestDropped = (onStride - 1) % 2 != 0;
    if (tail_ || newestDropped)
        kept.append(*(it + (n - 1)));
    tail_ = tail_ || newestDropped;
    stride_ *= 2;
    data->set(kept, true);
}

void BoundedGraph::dropAfter(double x)
{
    QSharedPointer<QCPGraphDataContainer> data = graph_->data();
    const int before = data->size();
    data->removeAfter(std::nextafter(x, std::numeric_limits<double>::infinity()));
    const int n = data->size();
    if (n == before)
        return;
    tail_ = false; // the newest point went, and with it any tail; those left are all on the stride
    offered_ = n == 0 ? 0 : qint64(n - 1) * stride_ + 1;
}

void BoundedGraph::clear()
{
    graph_->data()->clear();
    stride_ = 1;
    offered_ = 0;
    tail_ = false;
}

} // namespace ws::ui
