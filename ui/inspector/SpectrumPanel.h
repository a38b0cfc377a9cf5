// SPDX-License-Identifier: GPL-3.0-or-later
// The Spectrum dock: the singular values of the selected weight matrix on log-log axes — as the
// empirical spectral density of λ = σ² or as σ by rank — with the power-law fit of the density's
// tail and its exponent α (WeightWatcher's data-free quality metric). The panel computes nothing:
// it asks (computeRequested), shows progress with a Cancel button, and draws the SpectrumResult
// that comes back (core/analysis/Spectrum.h).
#pragma once

#include "InspectorTypes.h"

#include <QWidget>

class QComboBox;
class QCPGraph;
class QCPItemStraightLine;
class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;

namespace ws::ui {

class SpectrumPanel : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Density, Rank };

    explicit SpectrumPanel(QWidget* parent = nullptr);

    void setTensor(const QString& title, const QString& shapeNote); // empty title: none selected
    void setComputing(bool computing);
    void setProgress(double fraction);
    void showResult(const SpectrumResult& result);
    void showMessage(const QString& message); // instead of a plot (no matrix, cancelled, ...)

    void setMode(Mode mode);
    Mode mode() const;
    bool isComputing() const { return computing_; }
    bool hasResult() const { return hasResult_; }
    QCustomPlot* plot() const { return plot_; }
    QString alphaText() const;
    QString alphaToolTip() const;
    QString statusText() const;
    QPushButton* cancelButton() const { return cancel_; }

    // What α says about a layer, as WeightWatcher reads it; no verdict from fewer than
    // kVerdictMinTail tail eigenvalues (the fit's error is about (α − 1)/√n).
    static constexpr int64_t kVerdictMinTail = 50;
    static QString verdict(double alpha, int64_t tail);

signals:
    void computeRequested();
    void cancelRequested();

private:
    void redraw();

    QLabel* title_ = nullptr;
    QLabel* shapeNote_ = nullptr;
    QComboBox* mode_ = nullptr;
    QCustomPlot* plot_ = nullptr;
    QCPGraph* data_ = nullptr;
    QCPGraph* fitLine_ = nullptr;
    QCPItemStraightLine* xminLine_ = nullptr;
    QLabel* alpha_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QPushButton* compute_ = nullptr;

    bool computing_ = false;
    bool hasResult_ = false;
    Spectrum spectrum_;
};

} // namespace ws::ui
