// SPDX-License-Identifier: GPL-3.0-or-later
// A confusion matrix drawn as a heatmap: true classes down, predicted classes across, the count
// in every cell, class names on both axes. Cells are coloured by the fraction of their row (so
// that a rare class reads as clearly as a common one). A click on a cell emits cellClicked.
#pragma once

#include "analysis/Confusion.h"

#include <QColor>
#include <QList>
#include <QStringList>
#include <QWidget>

#include <memory>

namespace ws::ui {

class ConfusionHeatmap : public QWidget {
    Q_OBJECT
public:
    explicit ConfusionHeatmap(QWidget* parent = nullptr);

    void setCells(std::shared_ptr<const ConfusionCells> cells, const QStringList& classNames);
    // Cells that differ from `reference` get a marker (ablation: what switching units off changed).
    void setReference(std::shared_ptr<const ConfusionCells> reference);
    // A strip in each class's colour beside its row and above its column (the Playground's
    // classes, common/ClassColours.h); empty: none.
    void setClassColours(const QList<QColor>& colours);
    const ConfusionCells* cells() const { return cells_.get(); }
    QRect cellRect(int trueClass, int predicted) const;
    // Whether the cell's count is written in it: only where the number fits the cell whole (the
    // tooltip always gives it). The class names are thinned to every labelStride()-th class when
    // the cells are lower than a line of text.
    bool countShown(int trueClass, int predicted) const;
    int labelStride() const;
    QSize minimumSizeHint() const override { return { 220, 180 }; }

signals:
    void cellClicked(int trueClass, int predicted);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override; // tooltips

private:
    QRect matrixRect() const;
    QString label(int c) const;
    QFont cellFont() const;
    bool cellAt(QPoint p, int& t, int& q) const;

    std::shared_ptr<const ConfusionCells> cells_, reference_;
    QStringList classNames_;
    QList<QColor> classColours_;
};

} // namespace ws::ui
