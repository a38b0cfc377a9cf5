// SPDX-License-Identifier: GPL-3.0-or-later
#include "InspectorWorker.h"

#include "analysis/ActivationGraph.h"
#include "analysis/GraphLayout.h"
#include "formats/WeightFormats.h"
#include "io/NpyWriter.h"
#include "util/Error.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <exception>
#include <unordered_map>

namespace ws::ui {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

// Boxes for the name groups: every node of the tree that holds tensors directly, in tree order.
void collectGroups(const NameNode& node, QList<ArchitectureBox>& boxes)
{
    ArchitectureBox box;
    for (const NameNode& child : node.children)
        if (child.tensor >= 0) {
            box.tensors.append(int(child.tensor));
            box.params += child.params;
        }
    if (!box.tensors.isEmpty()) {
        box.name = node.path.empty() ? QCoreApplication::translate("ws::ui::InspectorWorker", "(top level)") : qs(node.path);
        boxes.append(box);
    }
    for (const NameNode& child : node.children)
        collectGroups(child, boxes);
}

// "(batch, 1, 28, 28)" from an ONNX value's dimensions (integers, symbolic names, null).
QString dimsText(const nlohmann::json& value)
{
    const auto it = value.is_object() ? value.find("shape") : value.end();
    if (it == value.end() || !it->is_array())
        return {};
    QStringList dims;
    for (const nlohmann::json& d : *it)
        dims << (d.is_number_integer() ? QString::number(d.get<long long>()) : d.is_string() ? qs(d.get<std::string>()) : QStringLiteral("?"));
    return QLatin1Char('(') + dims.join(QStringLiteral(", ")) + QLatin1Char(')');
}

ArchitectureBox inputBox(const QString& name, const QString& shape)
{
    ArchitectureBox box;
    box.name = name;
    box.type = QStringLiteral("Input");
    box.outputShape = shape;
    return box;
}

// A graph format (ONNX) is drawn as the file has it, one box per node on the path of
// activations (shape arithmetic folded away), as Netron does, whether or not the engine can run
// it: a node's initializers are its tensors.
void describeGraph(const nlohmann::json& graph, const std::vector<TensorInfo>& tensors, QList<ArchitectureBox>& boxes)
{
    std::unordered_map<std::string, int> byName;
    for (size_t i = 0; i < tensors.size(); ++i)
        byName.emplace(tensors[i].name, int(i));
    const std::vector<GraphNodeIO> io = graphNodes(graph);
    const std::vector<std::string> inputs = graphInputNames(graph);
    const ActivationGraph shown = activationGraph(io, inputs);
    for (size_t j = 0; j < inputs.size(); ++j)
        boxes.append(inputBox(qs(inputs[j]), dimsText(graph["inputs"][j])));
    const int first = int(boxes.size());
    for (size_t k = 0; k < shown.kept.size(); ++k) {
        const nlohmann::json& node = graph["nodes"][size_t(shown.kept[k])];
        ArchitectureBox box;
        box.type = qs(io[size_t(shown.kept[k])].opType);
        const std::string name = node.contains("name") && node["name"].is_string() ? node["name"].get<std::string>() : std::string();
        box.name = name.empty() ? box.type : qs(name);
        for (const std::string& input : io[size_t(shown.kept[k])].inputs) {
            const auto it = byName.find(input);
            if (it != byName.end()) {
                box.tensors.append(it->second);
                box.params += tensors[size_t(it->second)].numel();
            }
        }
        for (int r : shown.reads[k])
            box.inputs.append(r >= 0 ? first + r : -1 - r);
        boxes.append(box);
    }
}

// Positions from Graphviz (core/analysis/GraphLayout), here on the worker's thread: a large
// graph takes a second. Boxes without edges (name groups) stand in one column, as before.
void layOut(QList<ArchitectureBox>& boxes)
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
        for (qsizetype k = 0; graph && k < boxes[i].inputs.size(); ++k, ++e) {
            QPolygonF path;
            for (const LayoutPoint& p : layout.edges[e])
                path << QPointF(p.x, p.y);
            boxes[i].inputPaths.append(path);
        }
    }
}

std::pair<float, float> finiteRange(const std::vector<float>& a, const std::vector<float>& b)
{
    float lo = INFINITY, hi = -INFINITY;
    for (const auto* v : { &a, &b })
        for (float x : *v)
            if (std::isfinite(x)) {
                lo = std::min(lo, x);
                hi = std::max(hi, x);
            }
    if (lo > hi)
        return { 0.0f, 0.0f };
    return { lo, hi };
}

} // namespace

LoadedModel InspectorWorker::describe(std::shared_ptr<const WeightFile> file)
{
    LoadedModel m;
    m.file = file;
    auto tree = std::make_shared<NameNode>(buildNameTree(file->tensors()));
    m.params = tree->params;
    m.bytes = tree->bytes;
    m.tree = tree;
    const auto& tensors = file->tensors();

    const nlohmann::json& meta = file->metadata();
    if (meta.contains("graph") && meta["graph"].is_object() && meta["graph"].contains("nodes")
        && meta["graph"]["nodes"].is_array() && !meta["graph"]["nodes"].empty()) {
        describeGraph(meta["graph"], tensors, m.boxes);
        m.hasModel = true;
        layOut(m.boxes);
        return m;
    }

    std::optional<Sequential> model;
    try {
        model = file->model();
    } catch (const std::exception& e) {
        m.architectureNote = qs(e.what());
    }
    if (model) {
        m.hasModel = true;
        m.boxes.append(inputBox(QCoreApplication::translate("ws::ui::InspectorWorker", "input"),
            qs(shapeToString(model->inputShape()))));
        const std::vector<LayerSummary> summary = model->summary();
        for (size_t l = 0; l < summary.size(); ++l) {
            const LayerSummary& layer = summary[l];
            ArchitectureBox box;
            box.name = qs(layer.name);
            box.type = qs(layer.type);
            box.outputShape = qs(shapeToString(layer.outputShape));
            box.params = layer.params;
            for (size_t i = 0; i < tensors.size(); ++i)
                if (tensors[i].layer == layer.name)
                    box.tensors.append(int(i));
            for (int from : model->inputs(l)) // the input box is 0, layer j is box j + 1
                box.inputs.append(from == Sequential::kModelInput ? 0 : from + 1);
            m.boxes.append(box);
        }
        layOut(m.boxes);
        return m;
    }
    // No runnable model, but the format may still name each tensor's layer (Keras).
    for (size_t i = 0; i < tensors.size(); ++i) {
        if (tensors[i].layer.empty())
            continue;
        const QString layer = qs(tensors[i].layer);
        auto it = std::find_if(m.boxes.begin(), m.boxes.end(), [&layer](const ArchitectureBox& b) { return b.name == layer; });
        if (it == m.boxes.end()) {
            ArchitectureBox box;
            box.name = layer;
            m.boxes.append(box);
            it = m.boxes.end() - 1;
        }
        it->tensors.append(int(i));
        it->params += tensors[i].numel();
    }
    if (m.boxes.isEmpty())
        collectGroups(*tree, m.boxes);
    layOut(m.boxes);
    return m;
}

void InspectorWorker::open(quint64 ticket, const QString& path)
{
    try {
        std::shared_ptr<const WeightFile> file = openWeightFile(path.toStdString());
        LoadedModel model = describe(std::move(file));
        emit opened(ticket, model);
    } catch (const std::exception& e) {
        emit openFailed(ticket, qs(e.what()));
    }
}

void InspectorWorker::openFile(quint64 ticket, std::shared_ptr<const WeightFile> file)
{
    try {
        LoadedModel model = describe(std::move(file));
        emit opened(ticket, model);
    } catch (const std::exception& e) {
        emit openFailed(ticket, qs(e.what()));
    }
}

void InspectorWorker::computeTensor(const TensorRequest& request)
{
    const quint64 ticket = request.ticket;
    if (stale(ticket))
        return;
    const CancelCheck cancel = [this, ticket] { return stale(ticket); };
    const bool difference = request.other != nullptr;
    const TensorInfo& info = request.file->tensors().at(size_t(request.index));
    try {
        const ElementSource source = difference
            ? differenceSource(*request.file, size_t(request.index), *request.other, size_t(request.otherIndex))
            : tensorSource(*request.file, size_t(request.index));

        // The picture first: it is what the user is waiting for.
        TensorPicture picture;
        picture.ticket = ticket;
        picture.index = request.index;
        picture.difference = difference;
        if (request.picture) {
            try {
                if (request.convGrid) {
                    picture.isGrid = true;
                    picture.grid = buildConvGrid(source, info.shape, request.layout, request.inChannel, cancel);
                    std::tie(picture.lo, picture.hi) = finiteRange(picture.grid.pixels, {});
                } else {
                    picture.heatmap = downsample(source, makeView(info.shape, request.slice), request.maxCols, request.maxRows, cancel);
                    std::tie(picture.lo, picture.hi) = finiteRange(picture.heatmap.min, picture.heatmap.max);
                }
            } catch (const Cancelled&) {
                throw;
            } catch (const std::exception& e) {
                picture.error = qs(e.what());
            }
            emit pictureReady(picture);
        }
        if (!request.numbers)
            return;

        // Then the numbers: statistics and percentiles are cached per tensor of the current file.
        TensorNumbers numbers;
        numbers.ticket = ticket;
        numbers.index = request.index;
        numbers.difference = difference;
        const bool cacheable = !difference;
        if (cacheable && cachedFile_ != request.file) {
            cachedFile_ = request.file;
            cache_.clear();
            histogramCache_.clear();
        }
        const auto hit = cacheable ? cache_.find(request.index) : cache_.end();
        if (hit != cache_.end()) {
            std::tie(numbers.stats, numbers.percentiles) = hit->second;
        } else {
            if (difference) {
                numbers.stats = computeSourceStats(source);
            } else {
                numbers.stats = computeTensorStats(*request.file, size_t(request.index));
            }
            if (cancel())
                throw Cancelled();
            numbers.percentiles = computePercentiles(source, kPercentileQs, numbers.stats.min, numbers.stats.max,
                numbers.stats.finite, cancel);
            if (cacheable)
                cache_[request.index] = { numbers.stats, numbers.percentiles };
        }
        // The histogram too (per bin count): selecting a tensor again reads none of it.
        const int bins = std::max(1, request.bins);
        const auto histHit = cacheable ? histogramCache_.find(request.index) : histogramCache_.end();
        if (histHit != histogramCache_.end() && histHit->second.counts.size() == size_t(bins)) {
            numbers.histogram = histHit->second;
        } else {
            const bool any = numbers.stats.finite > 0;
            numbers.histogram = computeHistogram(source, any ? numbers.stats.min : 0.0, any ? numbers.stats.max : 1.0, bins, cancel);
            if (cacheable)
                histogramCache_[request.index] = numbers.histogram;
        }
        emit numbersReady(numbers);
    } catch (const Cancelled&) {
        // A newer request took over; it answers instead.
    } catch (const std::exception& e) {
        TensorNumbers failed;
        failed.ticket = ticket;
        failed.index = request.index;
        failed.error = qs(e.what());
        emit numbersReady(failed);
    }
}

void InspectorWorker::exportTensor(const TensorRequest& request, const QString& path, bool csv)
{
    try {
        const TensorInfo& info = request.file->tensors().at(size_t(request.index));
        const ElementSource source = request.other
            ? differenceSource(*request.file, size_t(request.index), *request.other, size_t(request.otherIndex))
            : tensorSource(*request.file, size_t(request.index));
        if (csv) {
            writeViewCsv(source, makeView(info.shape, request.slice), path.toStdString());
        } else {
            Tensor t(info.shape);
            source.read(0, info.numel(), t.data());
            writeNpy(path.toStdString(), t);
        }
        emit exported(path, {});
    } catch (const std::exception& e) {
        emit exported(path, qs(e.what()));
    }
}

void InspectorWorker::computeSpectrum(const SpectrumRequest& request)
{
    const quint64 ticket = request.ticket;
    if (stale(ticket))
        return;
    SpectrumResult result;
    result.ticket = ticket;
    result.index = request.index;
    const TensorInfo& info = request.file->tensors().at(size_t(request.index));
    double reported = -1;
    try {
        result.spectrum = ws::computeSpectrum(tensorSource(*request.file, size_t(request.index)), info.shape, request.layout,
            [this, ticket] { return stale(ticket); },
            [this, ticket, &reported](double fraction) {
                if (fraction - reported >= 0.01) { // no flood of signals for small blocks
                    reported = fraction;
                    emit spectrumProgress(ticket, fraction);
                }
            });
    } catch (const Cancelled&) {
        return; // cancelled or superseded: nobody waits for this answer
    } catch (const std::exception& e) {
        result.error = qs(info.name) + QStringLiteral(": ") + qs(e.what());
    }
    emit spectrumReady(result);
}

void InspectorWorker::compare(quint64 ticket, std::shared_ptr<const WeightFile> a, std::shared_ptr<const WeightFile> b)
{
    CompareResult result;
    result.ticket = ticket;
    const std::vector<DiffRow> rows = matchTensors(*a, *b);
    result.rows = QList<DiffRow>(rows.begin(), rows.end());
    emit compareMatched(result);
    const CancelCheck cancel = [this, ticket] { return stale(ticket); };
    for (int r = 0; r < result.rows.size(); ++r) {
        const DiffRow& row = result.rows[r];
        if (row.indexA < 0 || row.indexB < 0 || shapeNumel(row.shapeA) != shapeNumel(row.shapeB))
            continue;
        try {
            emit compareRowDone(ticket, r, compareTensors(*a, size_t(row.indexA), *b, size_t(row.indexB), cancel));
        } catch (const Cancelled&) {
            return;
        } catch (const std::exception&) {
            continue; // a read error leaves the row without statistics
        }
    }
    emit compareFinished(ticket);
}

ThreadPtr startInspectorWorker(InspectorWorker*& worker, const char* name)
{
    ThreadPtr thread(new QThread);
    thread->setObjectName(QString::fromLatin1(name));
    worker = new InspectorWorker;
    worker->moveToThread(thread.get());
    QObject::connect(thread.get(), &QThread::finished, worker, &QObject::deleteLater);
    thread->start();
    return thread;
}

} // namespace ws::ui
