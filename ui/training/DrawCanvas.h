// SPDX-License-Identifier: GPL-3.0-or-later
// A small grey-scale canvas (e.g. 28×28) the user paints a sample into with the mouse, for the
// activations view. Ink is in [0, 1] per pixel; the analysis worker maps it onto the data's
// value range. Emits changed() while painting (at most ~12 times a second) and on release.
#pragma once

#include <QElapsedTimer>
#include <QWidget>

#include <vector>

namespace ws::ui {

class DrawCanvas : public QWidget {
    Q_OBJECT
public:
    explicit DrawCanvas(QWidget* parent = nullptr);

    void setGrid(int height, int width);
    const std::vector<float>& ink() const { return ink_; } // (H, W) row-major
    bool isEmpty() const;
    QSize sizeHint() const override { return { 168, 168 }; }
    QSize minimumSizeHint() const override { return { 84, 84 }; }

public slots:
    void clear();

signals:
    void changed();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    QRectF gridRect() const;
    void paintAt(QPointF pos, bool erase);

    int h_ = 28, w_ = 28;
    std::vector<float> ink_;
    QElapsedTimer sinceSignal_;
};

} // namespace ws::ui
