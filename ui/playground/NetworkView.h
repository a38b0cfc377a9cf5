// SPDX-License-Identifier: GPL-3.0-or-later
// The Playground's centre column: the network drawn as columns of neurons, each a small picture
// of its own output over the plane, joined by links whose colour is the weight's sign and whose
// width is its size. Hovering shows a value and its last gradient, live (#22: hovered() carries
// the line the panel shows under the drawing, and a neuron's map enlarged); clicking a link or a neuron asks for a new weight
// or bias and emits it (the panel sends it to the PlaygroundWorker). It only draws what the
// worker computed.
#pragma once

#include "playground/PlaygroundTypes.h"

#include <QStringList>

class QPainter;
#include <QWidget>

#include <qcustomplot.h>

#include <optional>

namespace ws::ui {

class NetworkView : public QWidget {
    Q_OBJECT
public:
    explicit NetworkView(QWidget* parent = nullptr);

    void setPicture(const NetworkPicture& picture); // repaints
    void clear();
    void setInputNames(const QStringList& names);
    void setGradient(const QCPColorGradient& gradient);
    // Beyond two classes the output neurons are softmax probabilities: neuron k is drawn in class
    // k's colour (common/ClassColours.h), as the decision map and the points are. 0: one output.
    void setOutputClasses(int classes);
    const NetworkPicture& picture() const { return picture_; }

    // #22: each neuron's history, a sparkline under its square: the root mean square of the
    // weights into it, at the last kHistory live snapshots (the panel adds them as they come).
    static constexpr int kHistory = 120;
    void addToHistory(const NetworkPicture& live);
    void clearHistory();
    // The history of neuron `neuron` of `column` (>= 1), oldest first.
    QList<float> history(int column, int neuron) const;

    // What sits under a point of the widget: a neuron (from < 0 means its bias) or a link.
    struct Hit {
        int column = 0;
        int from = -1; // neuron of column - 1 for a link; -1 for a neuron
        int to = 0;    // the neuron (of `column`)
    };
    std::optional<Hit> hitAt(QPointF pos) const;
    QRectF neuronRect(int column, int neuron) const;
    // What the pointer is over, as hovered() last said it (empty: nothing).
    const QString& hoverText() const { return hoverText_; }

signals:
    void edited(const ws::ui::WeightEdit& edit);
    // The pointer moved onto something (or the picture under it changed): its name, value and
    // gradient, and for a neuron its output map (kNeuronGridSize pixels square); text empty and
    // map null when the pointer left.
    void hovered(const QString& text, const QImage& map);

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override; // tooltips
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void layoutColumns();
    QImage neuronImage(int column, int neuron) const;
    std::optional<float> valueOf(const Hit& hit) const;
    std::optional<float> gradientOf(const Hit& hit) const; // none before the first step, or for the past
    // The entry of `hit` in per-layer kernels (in, out) and biases (out), as NetworkPicture lays them out.
    std::optional<float> entryOf(const Hit& hit, const QList<QList<float>>& kernels, const QList<QList<float>>& biases) const;
    void hover(std::optional<Hit> hit); // emits hovered()
    QString describe(const Hit& hit) const;
    QColor signColour(float value) const;
    void drawHistory(QPainter& p, int column, int neuron, const QRectF& neuronRect) const;

    NetworkPicture picture_;
    std::optional<Hit> hovered_;
    // history_[c - 1][j]: neuron j of column c, at most kHistory values, oldest first.
    QList<QList<QList<float>>> history_;
    QString hoverText_;
    QStringList inputNames_;
    mutable QCPColorGradient gradient_; // color() fills a lookup table on first use
    int outputClasses_ = 0;
    double side_ = 32.0;        // neuron square, pixels
    QList<double> columnX_;     // left edge of each column
    QList<double> columnTop_;   // top of each column's first neuron
    double spacing_ = 40.0;     // from one neuron's top to the next
};

} // namespace ws::ui
