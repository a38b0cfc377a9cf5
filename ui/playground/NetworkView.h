// SPDX-License-Identifier: GPL-3.0-or-later
// The Playground's centre column: the network drawn as columns of neurons, each a small picture
// of its own output over the plane, joined by links whose colour is the weight's sign and whose
// width is its size. Hovering shows a value; clicking a link or a neuron asks for a new weight
// or bias and emits it (the panel sends it to the PlaygroundWorker). It only draws what the
// worker computed.
#pragma once

#include "playground/PlaygroundTypes.h"

#include <QStringList>
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
    const NetworkPicture& picture() const { return picture_; }

    // What sits under a point of the widget: a neuron (from < 0 means its bias) or a link.
    struct Hit {
        int column = 0;
        int from = -1; // neuron of column - 1 for a link; -1 for a neuron
        int to = 0;    // the neuron (of `column`)
    };
    std::optional<Hit> hitAt(QPointF pos) const;
    QRectF neuronRect(int column, int neuron) const;

signals:
    void edited(const ws::ui::WeightEdit& edit);

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override; // tooltips
    void mouseReleaseEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void layoutColumns();
    QImage neuronImage(int column, int neuron) const;
    std::optional<float> valueOf(const Hit& hit) const;
    QString describe(const Hit& hit) const;
    QColor signColour(float value) const;

    NetworkPicture picture_;
    QStringList inputNames_;
    mutable QCPColorGradient gradient_; // color() fills a lookup table on first use
    double side_ = 32.0;        // neuron square, pixels
    QList<double> columnX_;     // left edge of each column
    QList<double> columnTop_;   // top of each column's first neuron
    double spacing_ = 40.0;     // from one neuron's top to the next
};

} // namespace ws::ui
