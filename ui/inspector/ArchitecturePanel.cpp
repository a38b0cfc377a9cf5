// SPDX-License-Identifier: GPL-3.0-or-later
#include "ArchitecturePanel.h"

#include "common/Format.h"

#include <QFontMetricsF>
#include <QGraphicsPathItem>
#include <QGraphicsPolygonItem>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsSceneMouseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <functional>

namespace ws::ui {

namespace {

constexpr double kPad = 7;           // text inset in a box
constexpr double kArrowLength = 8, kArrowHalfWidth = 4;
constexpr double kMinFitZoom = 0.75;  // below this the text is hard to read: show the top instead

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
    rects_.clear();
    caption_->clear();
}

void ArchitecturePanel::clickBox(int i)
{
    if (i >= 0 && i < boxes_.size())
        emit tensorsSelected(boxes_[i].tensors);
}

QRectF ArchitecturePanel::boxRect(int i) const { return i >= 0 && i < rects_.size() ? rects_[i] : QRectF(); }

double ArchitecturePanel::zoom() const { return view_->transform().m11(); }

namespace {

// The arrow of one edge: Graphviz's cubic Bézier through its control points, and an arrowhead
// at the end pointing along the last piece that has a direction.
void addEdge(QGraphicsScene* scene, const QPolygonF& points, const QColor& colour)
{
    if (points.size() < 4)
        return;
    QPainterPath path(points[0]);
    for (qsizetype k = 1; k + 2 < points.size(); k += 3)
        path.cubicTo(points[k], points[k + 1], points[k + 2]);
    auto* line = scene->addPath(path, QPen(colour, 1.3));
    line->setZValue(-1);
    const QPointF tip = points.back();
    QPointF from = tip;
    for (qsizetype k = points.size() - 2; k >= 0 && from == tip; --k)
        from = points[k];
    const QPointF d = tip - from;
    const double len = std::hypot(d.x(), d.y());
    if (len <= 0)
        return;
    const QPointF u = d / len, n(-u.y(), u.x());
    const QPointF base = tip - u * kArrowLength;
    auto* head = scene->addPolygon(QPolygonF { tip, base + n * kArrowHalfWidth, base - n * kArrowHalfWidth }, QPen(Qt::NoPen), colour);
    head->setZValue(-1);
}

} // namespace

void ArchitecturePanel::setModel(const LoadedModel& model)
{
    clear();
    boxes_ = model.boxes;
    const auto isInput = [&model](const ArchitectureBox& b) {
        return model.hasModel && b.type == QLatin1String("Input") && b.tensors.isEmpty();
    };
    const int layers = int(std::count_if(boxes_.begin(), boxes_.end(), [&isInput](const ArchitectureBox& b) { return !isInput(b); }));
    caption_->setText(model.hasModel ? tr("%n layer(s); click a layer to select its tensors", nullptr, layers)
                                     : tr("No architecture in this file: %n group(s) of tensors by name", nullptr, int(boxes_.size())));
    const QPalette pal = palette();
    const QColor layerFill(0xd1, 0xe5, 0xf0), weightless(0xec, 0xf1, 0xf5), inputFill(0xdc, 0xef, 0xd9), groupFill(0xe8, 0xe8, 0xe8);
    const QColor text(0x20, 0x20, 0x20); // the fills are light in every theme
    const QColor edge = pal.color(QPalette::Dark);
    QFont bold = font();
    bold.setBold(true);
    const QFontMetricsF plainMetrics(font()), boldMetrics(bold);
    const double textWidth = kArchitectureBoxWidth - 2 * kPad;
    const double lineHeight = std::max(plainMetrics.height(), boldMetrics.height());
    for (int i = 0; i < boxes_.size(); ++i) {
        const ArchitectureBox& b = boxes_[i];
        const QRectF rect(b.centre.x() - kArchitectureBoxWidth / 2, b.centre.y() - kArchitectureBoxHeight / 2,
            kArchitectureBoxWidth, kArchitectureBoxHeight);
        rects_.append(rect);
        auto* box = new BoxItem(rect, [this, i] { clickBox(i); });
        box->setBrush(!model.hasModel ? groupFill : isInput(b) ? inputFill : b.params > 0 ? layerFill : weightless);
        box->setPen(QPen(pal.color(QPalette::Mid)));
        // Three lines: the type (bold), the name, then the output shape and parameters.
        QStringList lines;
        if (!b.type.isEmpty())
            lines << b.type;
        lines << b.name;
        QStringList facts;
        if (!b.outputShape.isEmpty())
            facts << b.outputShape;
        if (b.params > 0 || !model.hasModel)
            facts << tr("%1 parameters").arg(formatCount(b.params));
        if (!model.hasModel)
            facts << tr("%n tensor(s)", nullptr, int(b.tensors.size()));
        lines << facts.join(QStringLiteral(" · "));
        double y = rect.top() + (kArchitectureBoxHeight - lines.size() * lineHeight) / 2;
        for (int k = 0; k < lines.size(); ++k) {
            const bool title = k == 0;
            const QFontMetricsF& metrics = title ? boldMetrics : plainMetrics;
            auto* item = new QGraphicsSimpleTextItem(metrics.elidedText(lines[k], Qt::ElideMiddle, textWidth), box);
            if (title)
                item->setFont(bold);
            item->setBrush(text);
            item->setPos(rect.left() + kPad, y);
            y += lineHeight;
        }
        QString tip = b.type.isEmpty() ? b.name : QStringLiteral("%1 · %2").arg(b.type, b.name);
        if (!facts.isEmpty())
            tip += QLatin1Char('\n') + facts.join(QStringLiteral(" · "));
        box->setToolTip(tip);
        scene_->addItem(box);
        for (const QPolygonF& path : b.inputPaths)
            addEdge(scene_, path, edge);
    }
    scene_->setSceneRect(scene_->itemsBoundingRect().adjusted(-12, -12, 12, 12));
    view_->resetTransform();
    fitPending_ = true;
    fitGraph();
}

// The whole graph when it can be read at that size; else a readable zoom at the top (the input),
// which is where reading a model starts.
void ArchitecturePanel::fitGraph()
{
    const QSize viewport = view_->viewport()->size();
    if (!fitPending_ || !isVisible() || viewport.width() < 50 || viewport.height() < 50 || boxes_.isEmpty())
        return;
    fitPending_ = false;
    const QRectF all = scene_->sceneRect();
    const double fit = std::min(viewport.width() / all.width(), viewport.height() / all.height());
    const double zoom = std::clamp(fit, kMinFitZoom, 1.5);
    view_->resetTransform();
    view_->scale(zoom, zoom);
    if (zoom <= fit)
        view_->centerOn(all.center());
    else
        view_->centerOn(QPointF(boxes_.first().centre.x(), all.top() + viewport.height() / zoom / 2));
}

void ArchitecturePanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitGraph();
}

void ArchitecturePanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    fitGraph();
}

} // namespace ws::ui
