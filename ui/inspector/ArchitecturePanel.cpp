// SPDX-License-Identifier: GPL-3.0-or-later
#include "ArchitecturePanel.h"

#include "ArchitectureGroups.h"
#include "common/Format.h"

#include <QElapsedTimer>
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
#include <memory>
#include <thread>

namespace ws::ui {

namespace {

constexpr double kPad = 7;           // text inset in a box
constexpr double kArrowLength = 8, kArrowHalfWidth = 4;
constexpr double kMinFitZoom = 0.75;  // below this the text is hard to read: show the top instead

// A box that reports clicks to its panel.
class BoxItem : public QGraphicsRectItem {
public:
    BoxItem(const QRectF& rect, std::function<void()> onClick, std::function<void()> onDoubleClick)
        : QGraphicsRectItem(rect), onClick_(std::move(onClick)), onDoubleClick_(std::move(onDoubleClick))
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

    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override
    {
        if (event->button() == Qt::LeftButton)
            onDoubleClick_();
        else
            QGraphicsRectItem::mouseDoubleClickEvent(event);
    }

private:
    std::function<void()> onClick_;
    std::function<void()> onDoubleClick_;
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
    // The health map's legend, shown while the Model Health dock colours the model.
    legendBar_ = new QLabel;
    legend_ = new QLabel;
    legend_->setWordWrap(true);
    auto* legendRow = new QHBoxLayout;
    legendRow->addWidget(legendBar_);
    legendRow->addWidget(legend_, 1);
    legendBar_->hide();
    legend_->hide();
    // While a toggle's layout is computed the old drawing stays, with this note (grey) beside it.
    updating_ = new QLabel(tr("Updating the layout…"));
    updating_->setEnabled(false);
    updating_->hide();
    row->insertWidget(1, updating_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(row);
    layout->addLayout(legendRow);
    layout->addWidget(view_, 1);
}

void ArchitecturePanel::clear()
{
    wanted_ = 0; // a toggle's layout still on its way is for the model going
    updating_->hide();
    scene_->clear();
    model_ = {};
    boxes_.clear();
    rects_.clear();
    items_.clear();
    texts_.clear();
    plainFills_.clear();
    plainTips_.clear();
    caption_->clear();
}

void ArchitecturePanel::clickBox(int i)
{
    if (i >= 0 && i < boxes_.size())
        emit tensorsSelected(boxes_[i].tensors);
}

bool ArchitecturePanel::toggleBox(int i)
{
    if (i < 0 || i >= model_.shownFrom.size())
        return false;
    const int from = model_.shownFrom[i];
    int group = -1;
    if (from < 0) {
        group = -1 - from;
        model_.groups[group].collapsed = false;
    } else { // the innermost group holding the box
        for (int g = 0; g < model_.groups.size(); ++g)
            if (model_.groups[g].members.contains(from)
                && (group < 0 || model_.groups[g].members.size() < model_.groups[group].members.size()))
                group = g;
        if (group < 0)
            return false;
        model_.groups[group].collapsed = true;
    }
    // Only the boxes drawn are laid out (a few hundred at most for a 32-layer model, expanded), but
    // with Graphviz: on the panel's thread, never the GUI's. model_.groups now hold the states
    // wanted; model_.shown stays what is drawn, which the next toggle's index refers to. The job
    // gets copies of its own (a newer toggle or file may change model_ while it runs).
    LoadedModel groupsOnly;
    groupsOnly.boxes = model_.boxes;
    groupsOnly.groups = model_.groups;
    auto post = inbox_.poster();
    wanted_ = layoutJob_.submit([post, model = std::move(groupsOnly), this, group](uint64_t generation) mutable {
        if (!layoutJob_.wanted(generation))
            return; // a newer toggle replaces this one
        QElapsedTimer timer;
        timer.start();
        showArchitecture(model);
        auto layout = std::make_shared<Relayout>();
        layout->ms = double(timer.nsecsElapsed()) / 1e6;
        layout->thread = std::this_thread::get_id();
        layout->shown = std::move(model.shown);
        layout->shownFrom = std::move(model.shownFrom);
        post([this, generation, group, layout = std::shared_ptr<const Relayout>(std::move(layout))] {
            if (generation == wanted_)
                install(*layout, group);
        });
    });
    updating_->show();
    return true;
}

void ArchitecturePanel::install(const Relayout& layout, int group)
{
    wanted_ = 0;
    updating_->hide();
    model_.shown = layout.shown;
    model_.shownFrom = layout.shownFrom;
    lastLayoutMs_ = layout.ms;
    layoutThread_ = layout.thread;
    draw();
    // Keep the group in view: centre on where its first box (or its box, collapsed) now stands.
    const int first = group < model_.groups.size() && !model_.groups[group].members.isEmpty() ? model_.groups[group].members.first() : -1;
    for (int k = 0; k < model_.shownFrom.size() && k < boxes_.size(); ++k)
        if (model_.shownFrom[k] == first || model_.shownFrom[k] == -1 - group) {
            view_->centerOn(boxes_[k].centre);
            break;
        }
    emit layoutInstalled();
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
    model_ = model;
    draw();
    view_->resetTransform();
    fitPending_ = true;
    fitGraph();
}

void ArchitecturePanel::draw()
{
    scene_->clear();
    rects_.clear();
    items_.clear();
    texts_.clear();
    plainFills_.clear();
    plainTips_.clear();
    const LoadedModel& model = model_;
    boxes_ = model.shown.isEmpty() && model.shownFrom.isEmpty() ? model.boxes : model.shown;
    const auto isInput = [&model](const ArchitectureBox& b) {
        return model.hasModel && b.type == QLatin1String("Input") && b.tensors.isEmpty();
    };
    const int layers = int(std::count_if(boxes_.begin(), boxes_.end(), [&isInput](const ArchitectureBox& b) { return !isInput(b); }));
    if (!model.family.isEmpty())
        caption_->setText(tr("%1 (config.json): %n layer(s) of blocks; click a block to select its tensors", nullptr,
            int(model.familyLayers)).arg(model.family));
    else
        caption_->setText(model.hasModel ? tr("%n layer(s); click a layer to select its tensors", nullptr, layers)
                                     : tr("No architecture in this file: %n group(s) of tensors by name", nullptr, int(boxes_.size())));
    const QPalette pal = palette();
    const QColor layerFill(0xd1, 0xe5, 0xf0), weightless(0xec, 0xf1, 0xf5), inputFill(0xdc, 0xef, 0xd9), groupFill(0xe8, 0xe8, 0xe8),
        collapsedFill(0xf3, 0xe6, 0xc8);
    const QColor edge = pal.color(QPalette::Dark);
    QFont bold = font();
    bold.setBold(true);
    const QFontMetricsF plainMetrics(font()), boldMetrics(bold);
    const double textWidth = kArchitectureBoxWidth - 2 * kPad;
    const double lineHeight = std::max(plainMetrics.height(), boldMetrics.height());
    QList<bool> grouped(model.boxes.size(), false); // boxes in a group can collapse it
    for (const ArchitectureGroup& g : model.groups)
        for (int m : g.members)
            if (m >= 0 && m < grouped.size())
                grouped[m] = true;
    for (int i = 0; i < boxes_.size(); ++i) {
        const ArchitectureBox& b = boxes_[i];
        const QRectF rect(b.centre.x() - kArchitectureBoxWidth / 2, b.centre.y() - kArchitectureBoxHeight / 2,
            kArchitectureBoxWidth, kArchitectureBoxHeight);
        rects_.append(rect);
        // The toggle redraws the scene, this box included: later, not inside the box's own event.
        auto* box = new BoxItem(rect, [this, i] { clickBox(i); },
            [this, i] { QMetaObject::invokeMethod(this, [this, i] { toggleBox(i); }, Qt::QueuedConnection); });
        const bool collapsed = i < model.shownFrom.size() && model.shownFrom[i] < 0;
        plainFills_.append(collapsed ? collapsedFill : !model.hasModel ? groupFill : isInput(b) ? inputFill : b.params > 0 ? layerFill : weightless);
        box->setPen(QPen(pal.color(QPalette::Mid), collapsed ? 2.5 : 1)); // a thick border: more inside
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
        // The facts on one line where it fits, else one a line where the box has the room ("19,456
        // parameters · 19 tensor(s)" was cut to "19,456 paramet…" in a group's box).
        const int room = int(kArchitectureBoxHeight / lineHeight);
        if (plainMetrics.horizontalAdvance(facts.join(QStringLiteral(" · "))) > textWidth && lines.size() + facts.size() <= room)
            lines << facts;
        else
            lines << facts.join(QStringLiteral(" · "));
        double y = rect.top() + (kArchitectureBoxHeight - lines.size() * lineHeight) / 2;
        QList<QGraphicsSimpleTextItem*> texts;
        for (int k = 0; k < lines.size(); ++k) {
            const bool title = k == 0;
            const QFontMetricsF& metrics = title ? boldMetrics : plainMetrics;
            auto* item = new QGraphicsSimpleTextItem(metrics.elidedText(lines[k], Qt::ElideMiddle, textWidth), box);
            if (title)
                item->setFont(bold);
            item->setPos(rect.left() + kPad, y);
            texts.append(item);
            y += lineHeight;
        }
        QString tip = b.type.isEmpty() ? b.name : QStringLiteral("%1 · %2").arg(b.type, b.name);
        if (i < model.shownFrom.size() && model.shownFrom[i] >= 0 && grouped[model.shownFrom[i]])
            tip += QLatin1Char('\n') + tr("Double-click to collapse its group");
        if (!facts.isEmpty())
            tip += QLatin1Char('\n') + facts.join(QStringLiteral(" · "));
        plainTips_.append(tip);
        items_.append(box);
        texts_.append(texts);
        scene_->addItem(box);
        for (const QPolygonF& path : b.inputPaths)
            addEdge(scene_, path, edge);
    }
    scene_->setSceneRect(scene_->itemsBoundingRect().adjusted(-12, -12, 12, 12));
    paintMap();
}

void ArchitecturePanel::setHealthMap(const HealthMap& map)
{
    map_ = map;
    paintMap(); // the items stay: the view keeps its zoom and place
}

void ArchitecturePanel::paintMap()
{
    const QColor dark(0x20, 0x20, 0x20), light(0xf4, 0xf4, 0xf4);
    const QColor noValue(0xf7, 0xf7, 0xf7); // paler than any plain fill: "nothing to colour here"
    const std::vector<TensorInfo>* tensors = model_.file ? &model_.file->tensors() : nullptr;
    for (int i = 0; i < items_.size(); ++i) {
        QColor fill = plainFills_[i];
        QString tip = plainTips_[i];
        if (!map_.isEmpty()) {
            int which = -1, count = 0;
            const double v = map_.boxValue(boxes_[i].tensors, &which, &count);
            if (which < 0) {
                fill = noValue;
                tip += QLatin1Char('\n') + tr("%1: no value").arg(map_.metric());
            } else {
                fill = map_.colour(v);
                const QString name = tensors && which < int(tensors->size()) ? QString::fromStdString((*tensors)[size_t(which)].name) : QString();
                tip += QLatin1Char('\n') + (count == 1
                    ? tr("%1: %2 (%3)").arg(map_.metric(), mapValueText(v), name)
                    : tr("%1: %2, the highest of %n tensor(s) with a value (%3)", nullptr, count).arg(map_.metric(), mapValueText(v), name));
            }
        }
        items_[i]->setBrush(fill);
        items_[i]->setToolTip(tip);
        // The map's dark colours (viridis' purple) want light text; the plain fills are all light.
        const QColor text = fill.lightnessF() < 0.5 ? light : dark;
        for (QGraphicsSimpleTextItem* item : texts_[i])
            item->setBrush(text);
    }
    legendBar_->setVisible(!map_.isEmpty());
    legend_->setVisible(!map_.isEmpty());
    if (map_.isEmpty()) {
        legend_->clear();
        return;
    }
    legendBar_->setPixmap(map_.scale(100, legend_->fontMetrics().height()));
    legend_->setText((map_.logScale() ? tr("%1 from %2 (left) to %3 (right), log scale; a box shows the highest of its tensors")
                                      : tr("%1 from %2 (left) to %3 (right); a box shows the highest of its tensors"))
                         .arg(map_.metric(), mapValueText(map_.lo()), mapValueText(map_.hi())));
}

QColor ArchitecturePanel::boxFill(int i) const
{
    return i >= 0 && i < items_.size() ? items_[i]->brush().color() : QColor();
}

QString ArchitecturePanel::boxToolTip(int i) const { return i >= 0 && i < items_.size() ? items_[i]->toolTip() : QString(); }

QStringList ArchitecturePanel::boxLines(int i) const
{
    QStringList lines;
    if (i >= 0 && i < texts_.size())
        for (const QGraphicsSimpleTextItem* text : texts_[i])
            lines << text->text();
    return lines;
}

QString ArchitecturePanel::legendText() const { return map_.isEmpty() ? QString() : legend_->text(); }

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
