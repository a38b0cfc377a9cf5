// SPDX-License-Identifier: GPL-3.0-or-later
#include "InspectorWorker.h"

#include "ArchitectureGroups.h"

#include "analysis/ActivationGraph.h"
#include "analysis/Comparison.h"
#include "analysis/InitializerReaders.h"
#include "analysis/ModelFamily.h"
#include "formats/WeightFormats.h"
#include "io/GgufReader.h"
#include "io/KerasVariableNames.h"
#include "io/NpyWriter.h"
#include "io/OnnxReader.h"
#include "util/Error.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <exception>
#include <unordered_map>

namespace ws::ui {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

// The block-error map is pooled to at most this many cells a side (the dock shows a few hundred
// pixels); the scatter has this many bins a side, over the central 99.9 % of the values (a few
// outliers would otherwise squeeze the bulk into a handful of bins).
constexpr int64_t kLensCells = 256;
constexpr int kScatterBins = 200;
constexpr double kScatterTail = 0.0005;

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

// "batch×64×56×56" (Netron's style) from an ONNX shape: integers, symbolic names, null.
QString shapeText(const std::vector<nlohmann::json>& shape)
{
    QStringList dims;
    for (const nlohmann::json& d : shape)
        dims << (d.is_number_integer() ? QString::number(d.get<long long>()) : d.is_string() ? qs(d.get<std::string>()) : QStringLiteral("?"));
    return dims.join(QStringLiteral("×"));
}

// The same from a graph input's "shape" in the metadata.
QString dimsText(const nlohmann::json& value)
{
    const auto it = value.is_object() ? value.find("shape") : value.end();
    if (it == value.end() || !it->is_array())
        return {};
    return shapeText(std::vector<nlohmann::json>(it->begin(), it->end()));
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
// it: a node's initializers are its tensors. `shapes` (value name -> ONNX shape, from the
// converter; empty when it refuses the graph) gives each box its first output's shape.
void describeGraph(const nlohmann::json& graph, const std::vector<TensorInfo>& tensors, const OnnxShapes& shapes,
    QList<ArchitectureBox>& boxes)
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
        const std::vector<std::string>& outputs = io[size_t(shown.kept[k])].outputs;
        if (!outputs.empty())
            if (const auto shape = shapes.find(outputs.front()); shape != shapes.end())
                box.outputShape = shapeText(shape->second);
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

// The node reading each tensor whose name an exporter made up (analysis/InitializerReaders.h).
QHash<int, QString> readerLabels(const nlohmann::json& graph, const std::vector<TensorInfo>& tensors)
{
    std::vector<std::string> names;
    for (const TensorInfo& t : tensors)
        if (isGeneratedTensorName(t.name))
            names.push_back(t.name);
    QHash<int, QString> labels;
    if (names.empty())
        return labels;
    const std::map<std::string, InitializerReader> readers = initializerReaders(graph, names);
    for (size_t i = 0; i < tensors.size(); ++i) {
        const auto it = readers.find(tensors[i].name);
        if (it == readers.end())
            continue;
        const InitializerReader& r = it->second;
        const QString role = r.role.empty()
            ? QCoreApplication::translate("ws::ui::InspectorWorker", "input %1").arg(r.input)
            : qs(r.role);
        // torch.onnx.export shares equal initializers: the folded biases of a fresh ResNet are one zero vector.
        const int others = r.readers - 1;
        const QString label = others == 0
            ? QCoreApplication::translate("ws::ui::InspectorWorker", "%1 · %2")
            : QCoreApplication::translate("ws::ui::InspectorWorker", "%1 · %2 (and %n more)", nullptr, others);
        labels.insert(int(i), label.arg(qs(r.node), role));
    }
    return labels;
}

// A .keras file's weights by Keras's own names ("norm/moving_mean" for the store path
// "layers/batch_normalization/vars/2", io/KerasVariableNames.h), by tensor index.
QHash<int, QString> kerasLabels(const std::map<std::string, std::string>& names, const std::vector<TensorInfo>& tensors)
{
    QHash<int, QString> labels;
    for (size_t i = 0; i < tensors.size() && !names.empty(); ++i)
        if (const auto it = names.find(tensors[i].name); it != names.end())
            labels.insert(int(i), qs(it->second));
    return labels;
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

namespace {

// A family's stack of layers ("model.layers.0–31", 32 × block) and each layer inside it; above
// kExpandedLayers layers both start collapsed, so a 32-layer model is a handful of boxes.
constexpr int64_t kExpandedLayers = 4;
// The ONNX boxes' shapes come from the converter, which reads every weight as float32 before the
// tree and the graph are shown: ResNet-18's 11.7 M parameters take about half a second. Above
// 32 M parameters (128 MB as float32: ResNet-50 and the MobileNets are below, BERT-base and any
// LLM above) the boxes are drawn without shapes, so a large file opens as fast as before.
constexpr int64_t kShapeParamBudget = int64_t(32) << 20;

QList<ArchitectureGroup> familyGroups(const FamilyGraph& family)
{
    QList<ArchitectureGroup> groups;
    if (family.layerNames.empty())
        return groups;
    const bool collapse = family.layers > kExpandedLayers;
    const std::string& first = family.layerNames.front();
    const std::string& last = family.layerNames.back();
    ArchitectureGroup stack;
    stack.name = qs(first) + QStringLiteral("–") + qs(last.substr(last.rfind('.') + 1));
    stack.type = QCoreApplication::translate("ws::ui::InspectorWorker", "%n × block", nullptr, int(family.layers));
    stack.collapsed = collapse;
    groups.append(stack);
    for (const std::string& name : family.layerNames) {
        ArchitectureGroup layer;
        layer.name = qs(name);
        layer.type = QCoreApplication::translate("ws::ui::InspectorWorker", "Block");
        layer.parent = 0;
        layer.collapsed = collapse;
        groups.append(layer);
    }
    for (size_t b = 0; b < family.blocks.size(); ++b) {
        const int layer = family.blocks[b].layer;
        if (layer >= 0 && layer < int(family.layerNames.size())) {
            groups[0].members.append(int(b));
            groups[1 + layer].members.append(int(b));
        }
    }
    return groups;
}

// The boxes of a file (and their groups), not yet laid out.
LoadedModel describeBoxes(std::shared_ptr<const WeightFile> file)
{
    LoadedModel m;
    m.file = file;
    // A .keras file's tree groups its weights by Keras's names (norm › norm/moving_mean) rather
    // than by store path (layers › batch_normalization › vars › 2); the rest keep their paths.
    const std::map<std::string, std::string> kerasNames = kerasVariableNames(*file);
    std::vector<TensorInfo> renamed;
    if (!kerasNames.empty()) {
        renamed = file->tensors();
        for (TensorInfo& t : renamed)
            if (const auto it = kerasNames.find(t.name); it != kerasNames.end())
                t.name = it->second;
        m.readerLabels = kerasLabels(kerasNames, file->tensors());
    }
    auto tree = std::make_shared<NameNode>(buildNameTree(kerasNames.empty() ? file->tensors() : renamed));
    m.params = tree->params;
    m.bytes = tree->bytes;
    m.tree = tree;
    const auto& tensors = file->tensors();

    const nlohmann::json& meta = file->metadata();
    if (meta.contains("graph") && meta["graph"].is_object() && meta["graph"].contains("nodes")
        && meta["graph"]["nodes"].is_array() && !meta["graph"]["nodes"].empty()) {
        // The converter's shapes: it reads the weights (ResNet-18's 45 MB: about half a second,
        // io/OnnxModel.h), so here on the worker's thread. A graph it refuses has none.
        OnnxShapes shapes;
        const auto* onnx = m.params <= kShapeParamBudget ? dynamic_cast<const OnnxFile*>(file.get()) : nullptr;
        if (onnx) {
            try {
                shapes = onnx->valueShapes();
            } catch (const std::exception&) {
                shapes.clear(); // the boxes are drawn without shapes rather than not at all
            }
        }
        describeGraph(meta["graph"], tensors, shapes, m.boxes);
        m.readerLabels = readerLabels(meta["graph"], tensors);
        m.hasModel = true;
        m.groups = prefixGroups(m.boxes);
        return m;
    }

    // A Hugging Face folder whose config.json names a known family: that family's block graph
    // rather than name groups (analysis/ModelFamily).
    if (meta.contains("config")) {
        if (std::optional<FamilyGraph> family = familyGraph(meta["config"], tensors)) {
            for (const FamilyBlock& b : family->blocks) {
                ArchitectureBox box;
                box.name = qs(b.name);
                box.type = qs(b.type);
                box.outputShape = qs(b.detail);
                box.params = b.params;
                box.tensors = QList<int>(b.tensors.begin(), b.tensors.end());
                box.inputs = QList<int>(b.inputs.begin(), b.inputs.end());
                m.boxes.append(box);
            }
            m.hasModel = true;
            m.family = qs(family->family);
            m.familyLayers = family->layers;
            m.architectureNote = qs(family->note);
            m.groups = familyGroups(*family);
            return m;
        }
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
        m.groups = nestedModelGroups(m.boxes); // a Keras model's nested models
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
    return m;
}

} // namespace

// Laid out here, on the worker's thread, only what is drawn: a large graph takes a second.
LoadedModel InspectorWorker::describe(std::shared_ptr<const WeightFile> file)
{
    LoadedModel m = describeBoxes(std::move(file));
    showArchitecture(m);
    if (std::none_of(m.groups.begin(), m.groups.end(), [](const ArchitectureGroup& g) { return g.collapsed; }))
        m.boxes = m.shown; // the same boxes, placed
    // The tokenizer is read here, once, so that the GUI's table and lookups never touch the file.
    if (const auto* gguf = dynamic_cast<const GgufFile*>(m.file.get()); gguf && hasGgufTokenizer(*gguf)) {
        try {
            m.tokenizer = std::make_shared<const GgufTokenizer>(readGgufTokenizer(*gguf));
        } catch (const std::exception& e) {
            m.tokenizerError = qs(e.what());
        }
    }
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

namespace {

// What a GGUF tensor that cannot be dequantised holds: its block layout and first bytes.
void describeRawBlocks(const WeightFile& file, size_t index, TensorPicture& picture)
{
    const auto* gguf = dynamic_cast<const GgufFile*>(&file);
    if (!gguf || gguf->ggmlType(index).dequantisable)
        return;
    const GgmlTypeInfo& type = gguf->ggmlType(index);
    const std::vector<uint8_t> bytes = gguf->rawBlocks(index, TensorPicture::kRawBlocks);
    auto& raw = picture.raw;
    raw.type = qs(type.name);
    raw.blockElements = type.blockElements;
    raw.blockBytes = qint64(type.blockBytes);
    raw.fields = qs(ggmlBlockFields(type.type));
    raw.hex = qs(hexBlocks(bytes.data(), bytes.size(), type.blockBytes));
    raw.blocksShown = int((bytes.size() + type.blockBytes - 1) / type.blockBytes);
}

} // namespace

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
            ? pairDifferenceSource(*request.file, size_t(request.index), *request.other, size_t(request.otherIndex), request.otherLayout)
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
                if (!difference)
                    describeRawBlocks(*request.file, size_t(request.index), picture);
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
            ? pairDifferenceSource(*request.file, size_t(request.index), *request.other, size_t(request.otherIndex), request.otherLayout)
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
    // The same run as `weightscope-cli compare` (analysis/Comparison.h): the rows go out first,
    // then each pair's numbers as they come, then the totals.
    CompareProgress progress;
    progress.matched = [this, ticket](const std::vector<DiffRow>& rows) {
        CompareResult result;
        result.ticket = ticket;
        result.rows = QList<DiffRow>(rows.begin(), rows.end());
        emit compareMatched(result);
    };
    progress.rowDone = [this, ticket](size_t row, const DiffStats& stats) { emit compareRowDone(ticket, int(row), stats); };
    CompareResult done;
    done.ticket = ticket;
    try {
        const Comparison c = compareFiles(*a, *b, progress, [this, ticket] { return stale(ticket); });
        done.rows = QList<DiffRow>(c.rows.begin(), c.rows.end());
        done.totals = QList<DiffTotal>(c.totals.begin(), c.totals.end());
    } catch (const Cancelled&) {
        return;
    }
    emit compareFinished(done);
}

void InspectorWorker::computeLens(quint64 ticket, int rowIndex, const DiffRow& row, std::shared_ptr<const WeightFile> a,
    std::shared_ptr<const WeightFile> b)
{
    LensResult result;
    result.ticket = ticket;
    result.row = rowIndex;
    result.tensor = qs(row.name) + (row.nameB.empty() ? QString() : QStringLiteral(" → ") + qs(row.nameB));
    const CancelCheck cancel = [this, ticket] { return stale(ticket); };
    try {
        if (quantizedSide(*a, *b, row)) {
            try {
                result.blocks = blockErrors(*a, *b, row, kLensCells, kLensCells, cancel);
                result.hasBlocks = true;
            } catch (const Cancelled&) {
                throw;
            } catch (const std::exception& e) {
                result.blocksNote = qs(e.what());
            }
        }
        result.scatter = pairScatter(*a, *b, row, kScatterBins, kScatterTail, cancel);
        result.hasScatter = true;
    } catch (const Cancelled&) {
        return;
    } catch (const std::exception& e) {
        result.error = qs(e.what());
    }
    emit lensReady(result);
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
