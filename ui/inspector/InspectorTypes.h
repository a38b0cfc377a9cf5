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
#include "analysis/Spectrum.h"
#include "analysis/TensorDiff.h"
#include "analysis/TensorStats.h"
#include "analysis/TensorView.h"
#include "io/WeightFile.h"

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

struct LoadedModel {
    std::shared_ptr<const WeightFile> file;
    std::shared_ptr<const NameNode> tree;
    QList<ArchitectureBox> boxes;
    bool hasModel = false;      // boxes are the model's layers (else: name groups)
    QString architectureNote;   // why there is no model view, when there is none
    qint64 params = 0;
    quint64 bytes = 0;
};

struct TensorRequest {
    quint64 ticket = 0;
    std::shared_ptr<const WeightFile> file;
    int index = -1;
    std::shared_ptr<const WeightFile> other; // when set, the picture is file − other
    int otherIndex = -1;
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

struct CompareResult {
    quint64 ticket = 0;
    QList<DiffRow> rows;
};

} // namespace ws::ui

Q_DECLARE_METATYPE(ws::ui::LoadedModel)
Q_DECLARE_METATYPE(ws::ui::TensorRequest)
Q_DECLARE_METATYPE(ws::ui::TensorPicture)
Q_DECLARE_METATYPE(ws::ui::TensorNumbers)
Q_DECLARE_METATYPE(ws::ui::CompareResult)
Q_DECLARE_METATYPE(ws::ui::SpectrumResult)
Q_DECLARE_METATYPE(ws::DiffStats)
