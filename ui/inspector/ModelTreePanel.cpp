// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelTreePanel.h"

#include "common/Format.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QIcon>
#include <QPixmap>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace ws::ui {

ModelTreePanel::ModelTreePanel(QWidget* parent) : QWidget(parent)
{
    filter_ = new QLineEdit;
    filter_->setPlaceholderText(tr("Filter tensors by name"));
    filter_->setClearButtonEnabled(true);
    filter_->setToolTip(tr("Show only the tensors whose name contains this text"));
    regex_ = new QCheckBox(tr("Regex"));
    regex_->setToolTip(tr("Treat the filter as a regular expression"));
    connect(filter_, &QLineEdit::textChanged, this, &ModelTreePanel::applyFilter);
    connect(regex_, &QCheckBox::toggled, this, &ModelTreePanel::applyFilter);

    tree_ = new QTreeWidget;
    tree_->setHeaderLabels({ tr("Name"), tr("Type"), tr("Shape"), tr("Parameters"), tr("Bytes") });
    tree_->setUniformRowHeights(true);
    tree_->setAlternatingRowColors(true);
    tree_->header()->setStretchLastSection(false);
    connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item && item->data(NameColumn, kTensorRole).toInt() >= 0)
            emit tensorSelected(item->data(NameColumn, kTensorRole).toInt());
    });

    totals_ = new QLabel;
    totals_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(filter_, 1);
    filterRow->addWidget(regex_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(filterRow);
    layout->addWidget(tree_, 1);
    layout->addWidget(totals_);
}

QTreeWidgetItem* ModelTreePanel::addNode(QTreeWidgetItem* parent, const NameNode& node, const WeightFile& file)
{
    auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree_);
    item->setText(NameColumn, QString::fromStdString(node.label));
    item->setToolTip(NameColumn, QString::fromStdString(node.path));
    item->setData(NameColumn, kTensorRole, int(node.tensor));
    item->setText(ParamsColumn, formatCount(node.params));
    item->setText(BytesColumn, formatBytes(node.bytes));
    item->setTextAlignment(ParamsColumn, Qt::AlignRight | Qt::AlignVCenter);
    item->setTextAlignment(BytesColumn, Qt::AlignRight | Qt::AlignVCenter);
    if (node.tensor >= 0) {
        const TensorInfo& info = file.tensors()[size_t(node.tensor)];
        item->setText(DTypeColumn, storageText(info));
        if (!info.storage.empty())
            item->setToolTip(DTypeColumn, tr("Stored as %1 (%2 bits per weight, block scales included); read as %3")
                                              .arg(QString::fromStdString(info.storage))
                                              .arg(info.bitsPerWeight, 0, 'g', 4)
                                              .arg(QString::fromStdString(dtypeName(info.dtype))));
        item->setText(ShapeColumn, formatShape(info.shape));
        item->setToolTip(ShapeColumn, formatShape(info.shape));
        item->setToolTip(NameColumn, QString::fromStdString(info.name));
        item->setData(NameColumn, kNameRole, QString::fromStdString(info.name));
        // torch.onnx's "onnx::Conv_193": by the node that reads it, the file's name in the tooltip.
        if (const auto label = readerLabels_.find(int(node.tensor)); label != readerLabels_.end()) {
            item->setText(NameColumn, *label);
            item->setToolTip(NameColumn, tr("%1\nNamed in the file: %2").arg(*label, QString::fromStdString(info.name)));
        }
        tensorItems_[int(node.tensor)] = item;
    } else {
        item->setText(DTypeColumn, tr("%n tensor(s)", nullptr, int(node.tensorCount)));
    }
    for (const NameNode& child : node.children)
        addNode(item, child, file);
    return item;
}

QString ModelTreePanel::storageText(const TensorInfo& info)
{
    // A quantised GGUF tensor is read as F32, but what the file holds is Q4_K at 4.5 bits.
    if (info.storage.empty())
        return QString::fromStdString(dtypeName(info.dtype));
    if (info.bitsPerWeight > 0)
        return tr("%1 · %2 b/w").arg(QString::fromStdString(info.storage)).arg(info.bitsPerWeight, 0, 'g', 4);
    return QString::fromStdString(info.storage);
}

void ModelTreePanel::setModel(const LoadedModel& model)
{
    clear();
    const WeightFile& file = *model.file;
    tensorItems_ = QList<QTreeWidgetItem*>(qsizetype(file.tensors().size()), nullptr);
    readerLabels_ = model.readerLabels;
    tree_->setUpdatesEnabled(false);
    for (const NameNode& child : model.tree->children)
        addNode(nullptr, child, file);
    // Open the first levels so that a layer's tensors are one click away.
    tree_->expandToDepth(1);
    tree_->setUpdatesEnabled(true);
    tree_->resizeColumnToContents(NameColumn);
    tree_->setColumnWidth(NameColumn, std::clamp(tree_->columnWidth(NameColumn), 120, 320));
    tree_->resizeColumnToContents(DTypeColumn);
    tree_->resizeColumnToContents(ShapeColumn);
    tree_->resizeColumnToContents(ParamsColumn);
    tree_->resizeColumnToContents(BytesColumn);
    totals_->setText(tr("%1 tensors · %2 parameters · %3")
                         .arg(formatCount(qint64(file.tensors().size())), formatCount(model.params), formatBytes(model.bytes)));
    applyFilter();
}

void ModelTreePanel::clear()
{
    tree_->clear();
    tensorItems_.clear();
    readerLabels_.clear();
    totals_->clear();
}

void ModelTreePanel::setTensorColours(const QHash<int, QColor>& colours)
{
    const int side = tree_->fontMetrics().height() - 4;
    for (int i = 0; i < tensorItems_.size(); ++i) {
        QTreeWidgetItem* item = tensorItems_[i];
        if (!item)
            continue;
        const auto it = colours.find(i);
        if (it == colours.end()) {
            item->setIcon(NameColumn, QIcon());
            continue;
        }
        QPixmap swatch(side, side);
        swatch.fill(*it);
        item->setIcon(NameColumn, QIcon(swatch));
    }
}

int ModelTreePanel::currentTensor() const
{
    const QTreeWidgetItem* item = tree_->currentItem();
    return item ? item->data(NameColumn, kTensorRole).toInt() : -1;
}

void ModelTreePanel::selectTensors(const QList<int>& indices, bool quiet)
{
    const QSignalBlocker blocker(quiet ? tree_ : nullptr);
    tree_->clearSelection();
    QTreeWidgetItem* first = nullptr;
    for (int i : indices) {
        QTreeWidgetItem* item = tensorItems_.value(i, nullptr);
        if (!item)
            continue;
        for (QTreeWidgetItem* p = item->parent(); p; p = p->parent())
            p->setExpanded(true);
        if (!first)
            first = item;
        item->setSelected(true);
    }
    if (first) {
        tree_->setCurrentItem(first, NameColumn, QItemSelectionModel::NoUpdate);
        tree_->scrollToItem(first);
    }
}

void ModelTreePanel::clearFilter() { filter_->clear(); }

void ModelTreePanel::setFilter(const QString& text, bool regex)
{
    regex_->setChecked(regex);
    filter_->setText(text);
}

void ModelTreePanel::applyFilter()
{
    const QString text = filter_->text();
    QRegularExpression re;
    if (regex_->isChecked()) {
        re.setPattern(text);
        re.setPatternOptions(QRegularExpression::CaseInsensitiveOption);
        // A pattern being typed is often invalid for a moment: show everything until it parses.
        filter_->setStyleSheet(re.isValid() ? QString() : QStringLiteral("color: #b2182b"));
    } else {
        filter_->setStyleSheet(QString());
    }
    const bool useRegex = regex_->isChecked() && re.isValid() && !text.isEmpty();
    // Tensors are matched on their full names, and on the reading node's where the tree shows
    // that instead; a group shows when any tensor below it does.
    const auto matches = [&](const QString& name) {
        return useRegex ? re.match(name).hasMatch() : name.contains(text, Qt::CaseInsensitive);
    };
    std::function<bool(QTreeWidgetItem*)> visit = [&](QTreeWidgetItem* item) {
        bool any = false;
        for (int c = 0; c < item->childCount(); ++c)
            any = visit(item->child(c)) || any;
        if (const int tensor = item->data(NameColumn, kTensorRole).toInt(); tensor >= 0) {
            const bool match = text.isEmpty() || matches(item->data(NameColumn, kNameRole).toString())
                || (readerLabels_.contains(tensor) && matches(readerLabels_.value(tensor)))
                || (regex_->isChecked() && !re.isValid());
            any = any || match;
        }
        item->setHidden(!any);
        if (any && !text.isEmpty() && item->childCount() > 0)
            item->setExpanded(true);
        return any;
    };
    for (int i = 0; i < tree_->topLevelItemCount(); ++i)
        visit(tree_->topLevelItem(i));
}

} // namespace ws::ui
