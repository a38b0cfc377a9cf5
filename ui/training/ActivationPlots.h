// SPDX-License-Identifier: GPL-3.0-or-later
// The pictures of the activations view: one layer's output as a grid of feature maps (a
// convolution's (H, W, C): one map per channel) or as bars (a dense layer's units), and the
// class probabilities as labelled bars. Units switched off (ablation) are crossed out; a click
// on a map or bar emits unitClicked so the owner can switch that unit off or on.
#pragma once

#include "analysis/Activations.h"

#include <QImage>
#include <QStringList>
#include <QWidget>

#include <set>
#include <vector>

namespace ws::ui {

class LayerPlot : public QWidget {
    Q_OBJECT
public:
    explicit LayerPlot(QWidget* parent = nullptr);

    void setActivation(const LayerActivation& activation, const std::set<int64_t>& off, bool clickable);
    bool showsMaps() const { return maps_; }
    int unitCount() const { return units_; }
    QRect unitRect(int unit) const; // where a unit is drawn (for tests and tooltips)

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override { return { 400, heightForWidth(400) }; }

signals:
    void unitClicked(int64_t unit);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    int columns(int width) const;
    int unitAt(QPoint p) const;

    bool maps_ = false;
    bool clickable_ = false;
    int units_ = 0;
    int mapSide_ = 0;          // pixels per drawn map
    std::vector<QImage> images_; // one per channel (maps)
    std::vector<float> values_;  // bars: one per unit; maps: the channel's mean
    float scale_ = 1.0f;         // bars: largest |value|
    std::set<int64_t> off_;
};

class ProbabilityBars : public QWidget {
    Q_OBJECT
public:
    explicit ProbabilityBars(QWidget* parent = nullptr);

    void setProbabilities(const std::vector<float>& p, const QStringList& classNames, int predicted, int trueClass);
    int count() const { return int(p_.size()); }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::vector<float> p_;
    QStringList names_;
    int predicted_ = -1, trueClass_ = -1;
};

} // namespace ws::ui
