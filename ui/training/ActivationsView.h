// SPDX-License-Identifier: GPL-3.0-or-later
// The activations view: a test sample (chosen by index, shown with its class) or a drawing, and
// every layer's output for it — feature-map grids for convolutions, bars for dense layers —
// then the class probabilities. It only shows: the owner (TrainingInsights) asks the analysis
// worker for the numbers when inputChanged() is emitted, and switches units off or on when
// unitClicked() is.
#pragma once

#include "training/InsightTypes.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QScrollArea;
class QSpinBox;
class QVBoxLayout;

namespace ws::ui {

class DrawCanvas;
class LayerPlot;
class ProbabilityBars;

class ActivationsView : public QWidget {
    Q_OBJECT
public:
    explicit ActivationsView(QWidget* parent = nullptr);

    // The samples to choose from; drawing is offered for single-channel images up to 64×64.
    void setTestSet(std::shared_ptr<const Dataset> test, const QStringList& classNames);
    void setSample(qint64 index); // leaves drawing mode
    void showResult(const ActivationsResult& result);
    void setStatus(const QString& text);

    // What to compute: a test sample (>= 0), or -1 with drawing() as the input.
    qint64 sampleIndex() const;
    std::vector<float> drawing() const;
    bool isDrawing() const { return drawing_; }

    int layerCount() const { return int(plots_.size()); }
    LayerPlot* layerPlot(int layer) const { return plots_.at(size_t(layer)); }
    ProbabilityBars* probabilities() const { return probabilities_; }

signals:
    void inputChanged();
    void unitClicked(size_t layer, int64_t unit);
    void refreshRequested(); // take a fresh snapshot of the model being trained

private:
    void setDrawing(bool on);
    void showSample();

    std::shared_ptr<const Dataset> test_;
    QStringList classNames_;
    bool drawing_ = false;
    QSpinBox* sample_ = nullptr;
    QPushButton* drawButton_ = nullptr;
    QPushButton* clearButton_ = nullptr;
    QLabel* sampleImage_ = nullptr;
    QLabel* sampleCaption_ = nullptr;
    DrawCanvas* canvas_ = nullptr;
    ProbabilityBars* probabilities_ = nullptr;
    QLabel* status_ = nullptr;
    QScrollArea* scroll_ = nullptr;
    QVBoxLayout* layersLayout_ = nullptr;
    std::vector<LayerPlot*> plots_;
    std::vector<QLabel*> headers_;
};

} // namespace ws::ui
