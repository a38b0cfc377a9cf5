// SPDX-License-Identifier: GPL-3.0-or-later
#include "ArchitecturePanel.h"

#include "common/Format.h"

#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsSceneMouseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <functional>

namespace ws::ui {

namespace {

constexpr double kBoxWidth = 300, kBoxHeight = 54, kGap = 22;

// A box that reports clicks to its panel.
class BoxItem : public QGraphicsRectItem {
public:
    BoxItem(const QRectF& rect, std::function<void()> onClick) : QGraphicsRectItem(rect), onClick_(std::move(onClick))
    {
        setAcceptHoverEvents(true);
        setCursor(Qt::PointingHandCursor);
    }

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override
    {
        if (event->button() == Qt::LeftButton)
            onClick_();
        QGraphicsRectItem::mousePressEvent(event);
    }

private:
    std::function<void()> onClick_;
};

} // namespace

void ZoomableView::zoomBy(double factor)
{
    const double current = transform().m11();
    if ((factor > 1 && current > 8) || (factor < 1 && current < 0.05))
        return;
    scale(factor, factor);
}

void ZoomableView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        zoomBy(event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15);
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

ArchitecturePanel::ArchitecturePanel(QWidget* parent) : QWidget(parent)
{
    scene_ = new QGraphicsScene(this);
    view_ = new ZoomableView(scene_);
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setDragMode(QGraphicsView::ScrollHandDrag);
    view_->setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    caption_ = new QLabel;
    caption_->setWordWrap(true);
    auto* zoomIn = new QToolButton;
    zoomIn->setText(QStringLiteral("+"));
    zoomIn->setToolTip(tr("Zoom in (Ctrl+wheel)"));
    auto* zoomOut = new QToolButton;
    zoomOut->setText(QStringLiteral("−"));
    zoomOut->setToolTip(tr("Zoom out (Ctrl+wheel)"));
    auto* fit = new QToolButton;
    fit->setText(tr("Fit"));
    fit->setToolTip(tr("Zoom to show the whole architecture"));
    connect(zoomIn, &QToolButton::clicked, this, [this] { view_->zoomBy(1.25); });
    connect(zoomOut, &QToolButton::clicked, this, [this] { view_->zoomBy(0.8); });
    connect(fit, &QToolButton::clicked, this, [this] { view_->fitInView(scene_->itemsBoundingRect(), Qt::KeepAspectRatio); });
    auto* row = new QHBoxLayout;
    row->addWidget(caption_, 1);
    row->addWidget(zoomOut);
    row->addWidget(zoomIn);
    row->addWidget(fit);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(row);
    layout->addWidget(view_, 1);
}

void ArchitecturePanel::clear()
{
    scene_->clear();
    boxes_.clear();
    caption_->clear();
}

void ArchitecturePanel::clickBox(int i)
{
    if (i >= 0 && i < boxes_.size())
        emit tensorsSelected(boxes_[i].tensors);
}

void ArchitecturePanel::setModel(const LoadedModel& model)
{
    clear();
    boxes_ = model.boxes;
    caption_->setText(model.hasModel ? tr("%n layer(s); click a layer to select its tensors", nullptr, int(boxes_.size()))
                                     : tr("No architecture in this file: %n group(s) of tensors by name", nullptr, int(boxes_.size())));
    const QPalette pal = palette();
    const QColor fill = model.hasModel ? QColor(0xd1, 0xe5, 0xf0) : QColor(0xe8, 0xe8, 0xe8);
    for (int i = 0; i < boxes_.size(); ++i) {
        const ArchitectureBox& b = boxes_[i];
        const double y = i * (kBoxHeight + kGap);
        auto* box = new BoxItem(QRectF(0, y, kBoxWidth, kBoxHeight), [this, i] { clickBox(i); });
        box->setBrush(fill);
        box->setPen(QPen(pal.color(QPalette::Mid)));
        QString first = b.type.isEmpty() ? b.name : QStringLiteral("%1  ·  %2").arg(b.type, b.name);
        QString second = tr("%1 parameters").arg(formatCount(b.params));
        if (!b.outputShape.isEmpty())
            second = tr("output %1 · %2").arg(b.outputShape, second);
        if (!model.hasModel)
            second += tr(" · %n tensor(s)", nullptr, int(b.tensors.size()));
        auto* title = new QGraphicsSimpleTextItem(first, box);
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
        title->setPos(8, y + 6);
        auto* detail = new QGraphicsSimpleTextItem(second, box);
        detail->setPos(8, y + 28);
        box->setToolTip(b.name);
        scene_->addItem(box);
        if (i > 0) // an arrow from the previous box
            scene_->addLine(kBoxWidth / 2, y - kGap, kBoxWidth / 2, y, QPen(pal.color(QPalette::Dark), 1.5));
    }
    scene_->setSceneRect(scene_->itemsBoundingRect().adjusted(-10, -10, 10, 10));
    view_->resetTransform();
}

} // namespace ws::ui
