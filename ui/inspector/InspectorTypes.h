// SPDX-License-Identifier: GPL-3.0-or-later
// What the inspector's GUI and its workers exchange by queued signals: an opened file with its
// name tree and architecture, requests for a tensor's picture and numbers, and the answers. The
// file is shared (shared_ptr to const): the GUI reads names and metadata, the workers read data.
// Every request carries a ticket; a newer ticket makes the worker drop the older request.
#pragma once

#include "analysis/ConvGrid.h"
#include "analysis/Downsample.h"
#include "analysis/Histogram.h"
#include "analysis/NameTree.h"
#include "analysis/PairScatter.h"
#include "analysis/QuantBlockError.h"
#include "analysis/Spectrum.h"
#include "analysis/TensorDiff.h"
#include "analysis/TensorMatch.h"
#include "analysis/TensorStats.h"
#include "analysis/TensorView.h"
#include "io/GgufTokenizer.h"
#include "io/WeightFile.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QPointF>
#include <QPolygonF>
#include <QString>
#include <QStringList>

#include <memory>

namespace ws::ui {

// The size of every box of the architecture view, in scene units: the worker lays out boxes of
// this size, the panel draws them (and elides what does not fit).
inline constexpr double kArchitectureBoxWidth = 210, kArchitectureBoxHeight = 60;

// One box of the architecture view: a layer of the model (or the model's input), or a group of
// tensors by name.
struct ArchitectureBox {
    QString name;
    QString type;        // "Dense", "Conv2D", "Input"; empty for a name group
    QString outputShape; // "(None, 64)" style, empty when unknown
    qint64 params = 0;
    QList<int> tensors;  // indices in WeightFile::tensors()
    QList<int> inputs;   // the boxes it reads (indices in LoadedModel::boxes); none for name groups
    // Placed by the worker (core/analysis/GraphLayout): the box's centre in scene coordinates and,
    // per input, the arrow as cubic Bézier control points (1 + 3k) ending on this box's border.
    QPointF centre;
    QList<QPolygonF> inputPaths;
};

// Boxes drawn as one while collapsed: a Hugging Face model's stack of layers and each layer, or an
// ONNX name prefix ("/layer1/layer1.0"). Double-clicking expands the group, double-clicking a box
// inside collapses the innermost group holding it again (ArchitecturePanel).
struct ArchitectureGroup {
    QString name;          // "model.layers.0–31", "/layer1"
    QString type;          // "32 × block", "Group": the collapsed box's title
    QList<int> members;    // indices in LoadedModel::boxes, every box inside (nested groups too)
    int parent = -1;       // the group it is inside, -1 at the top
    bool collapsed = false;
};

struct LoadedModel {
    std::shared_ptr<const WeightFile> file;
    std::shared_ptr<const NameNode> tree;
    QList<ArchitectureBox> boxes;
    bool hasModel = false;      // boxes are the model's layers (else: name groups)
    QString architectureNote;   // why there is no model view, when there is none
    // Tensors an exporter named ("onnx::Conv_193", analysis/InitializerReaders.h), by index in
    // WeightFile::tensors(): the node reading each and as what, "/layer1/layer1.0/conv1/Conv ·
    // weight". The tree shows this in place of the name, which stays in the tooltip.
    QHash<int, QString> readerLabels;
    QList<ArchitectureGroup> groups;
    // What is drawn (ArchitectureGroups.h): `boxes` with each outermost collapsed group as one box,
    // laid out; shownFrom[i] is the box it stands for, or -1 - g for group g.
    QList<ArchitectureBox> shown;
    QList<int> shownFrom;
    QString family;             // "llama": boxes are a Hugging Face family's blocks (hasModel too)
    qint64 familyLayers = 0;    // transformer layers in those blocks
    qint64 params = 0;
    quint64 bytes = 0;
    // A GGUF file's tokenizer, read whole on the loader thread (#18 item 6), or why it cannot be.
    std::shared_ptr<const GgufTokenizer> tokenizer;
    QString tokenizerError;
};

struct TensorRequest {
    quint64 ticket = 0;
    std::shared_ptr<const WeightFile> file;
    int index = -1;
    std::shared_ptr<const WeightFile> other; // when set, the picture is file − other
    int otherIndex = -1;
    PairLayout otherLayout; // how other's tensor lines up with file's (analysis/TensorMatch.h)
    SliceSpec slice;
    bool convGrid = false; // 4-D kernels as a grid of filters (slice ignored)
    ConvLayout layout = ConvLayout::OIHW;
    qint64 inChannel = 0;
    qint64 maxCols = 512, maxRows = 512;
    int bins = 64;
    bool picture = true; // the heatmap, line or filter grid
    bool numbers = true; // statistics, percentiles and histogram
};

struct TensorPicture {
    quint64 ticket = 0;
    int index = -1;
    bool difference = false;
    bool isGrid = false;
    Heatmap heatmap; // when !isGrid
    ConvGrid grid;   // when isGrid
    float lo = 0, hi = 0; // finite range of what is drawn (all three reductions)
    QString error;
    // A GGUF tensor of a type Weightscope cannot dequantise (IQ2_XXS, TQ1_0, ...): its block
    // layout and the first blocks' bytes, shown instead of an empty view. Empty otherwise.
    struct RawBlocks {
        QString type;            // "IQ2_XXS"
        qint64 blockElements = 0;
        qint64 blockBytes = 0;
        QString fields;          // io/GgmlQuant.h's ggmlBlockFields()
        QString hex;             // hexBlocks() of the first kRawBlocks blocks
        int blocksShown = 0;
    } raw;
    static constexpr int kRawBlocks = 16;
};

inline const std::vector<double> kPercentileQs = { 1, 5, 25, 50, 75, 95, 99 };

struct TensorNumbers {
    quint64 ticket = 0;
    int index = -1;
    bool difference = false;
    TensorStats stats;
    Percentiles percentiles; // of kPercentileQs
    Histogram histogram;
    QString error;
};

// The spectrum of one tensor of the open file (the Spectrum dock); computed only when asked.
struct SpectrumRequest {
    quint64 ticket = 0;
    std::shared_ptr<const WeightFile> file;
    int index = -1;
    ConvLayout layout = ConvLayout::OIHW;
};

struct SpectrumResult {
    quint64 ticket = 0;
    int index = -1;
    Spectrum spectrum;
    QString error; // instead of a spectrum
};

// The quantization lens of one compare row: the error per quantization block (when a side is
// block-quantised) and the original-vs-other 2-D histogram.
struct LensResult {
    quint64 ticket = 0;
    int row = -1;
    QString tensor;       // A's name, and B's when it differs
    bool hasBlocks = false;
    BlockErrorMap blocks;
    QString blocksNote;   // why there is no block map (no quantised side, rows not whole blocks)
    bool hasScatter = false;
    ScatterHistogram scatter;
    QString error;        // the pair could not be read
};

struct CompareResult {
    quint64 ticket = 0;
    QList<DiffRow> rows;
    QList<DiffTotal> totals; // when finished: every block's and the model's
};

} // namespace ws::ui

Q_DECLARE_METATYPE(ws::ui::LoadedModel)
Q_DECLARE_METATYPE(ws::ui::TensorRequest)
Q_DECLARE_METATYPE(ws::ui::TensorPicture)
Q_DECLARE_METATYPE(ws::ui::TensorNumbers)
Q_DECLARE_METATYPE(ws::ui::CompareResult)
Q_DECLARE_METATYPE(ws::ui::SpectrumResult)
Q_DECLARE_METATYPE(ws::ui::LensResult)
Q_DECLARE_METATYPE(ws::DiffStats)
