// SPDX-License-Identifier: GPL-3.0-or-later
#include "MetadataPanel.h"

#include "common/Format.h"
#include "TokenizerPanel.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace ws::ui {

namespace {

constexpr int kMaxChildren = 2000; // a JSON array of token ids would flood the tree

void addJson(QTreeWidgetItem* parent, const QString& key, const nlohmann::json& value)
{
    auto* item = new QTreeWidgetItem(parent, { key });
    if (value.is_object() || value.is_array()) {
        item->setText(1, value.is_object() ? QCoreApplication::translate("ws::ui::MetadataPanel", "{%n key(s)}", nullptr, int(value.size()))
                                           : QCoreApplication::translate("ws::ui::MetadataPanel", "[%n item(s)]", nullptr, int(value.size())));
        int n = 0;
        if (value.is_object()) {
            for (auto it = value.begin(); it != value.end() && n < kMaxChildren; ++it, ++n)
                addJson(item, QString::fromStdString(it.key()), it.value());
        } else {
            for (const auto& v : value) {
                if (n == kMaxChildren)
                    break;
                addJson(item, QString::number(n++), v);
            }
        }
        if (int(value.size()) > kMaxChildren)
            new QTreeWidgetItem(item, { QStringLiteral("…"),
                QCoreApplication::translate("ws::ui::MetadataPanel", "%n more", nullptr, int(value.size()) - kMaxChildren) });
        return;
    }
    const QString text = value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString::fromStdString(value.dump());
    item->setText(1, text);
    item->setToolTip(1, text.left(4000));
}

void expandSubtree(QTreeWidgetItem* item, int depth)
{
    item->setExpanded(true);
    if (depth > 0)
        for (int i = 0; i < item->childCount(); ++i)
            expandSubtree(item->child(i), depth - 1);
}

} // namespace

MetadataPanel::MetadataPanel(QWidget* parent) : QWidget(parent)
{
    tree_ = new QTreeWidget;
    tree_->setHeaderLabels({ tr("Key"), tr("Value") });
    tree_->setUniformRowHeights(true);
    tree_->setIndentation(14);
    tree_->header()->setStretchLastSection(true);
    tokenizer_ = new TokenizerPanel;
    // A tab widget is as tall as its tallest page's minimum, shown or not: the tokenizer's search
    // row, caption and two tables (about 250 px) made the Metadata dock, tabbed with the
    // architecture, squeeze the model tree above it to three rows for every file.
    tokenizer_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    tabs_ = new QTabWidget;
    tabs_->setDocumentMode(true);
    tabs_->addTab(tree_, tr("Keys"));
    tabs_->addTab(tokenizer_, tr("Tokenizer"));
    tabs_->setTabVisible(1, false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(tabs_);
}

void MetadataPanel::clear()
{
    tree_->clear();
    tokenizer_->setTokenizer(nullptr);
    tabs_->setTabVisible(1, false);
}

void MetadataPanel::showTokenizer()
{
    if (tabs_->isTabVisible(1))
        tabs_->setCurrentIndex(1);
}

void MetadataPanel::setModel(const LoadedModel& model)
{
    clear();
    const WeightFile& file = *model.file;
    auto* info = new QTreeWidgetItem(tree_, { tr("File") });
    new QTreeWidgetItem(info, { tr("Format"), QString::fromStdString(file.format()) });
    new QTreeWidgetItem(info, { tr("Path"), QString::fromStdString(file.path()) });
    new QTreeWidgetItem(info, { tr("Tensors"), formatCount(qint64(file.tensors().size())) });
    new QTreeWidgetItem(info, { tr("Parameters"), formatCount(model.params) });
    new QTreeWidgetItem(info, { tr("Bytes"), formatBytes(model.bytes) });
    if (!model.architectureNote.isEmpty())
        new QTreeWidgetItem(info, { tr("Architecture"), model.architectureNote });
    auto* meta = new QTreeWidgetItem(tree_, { tr("Metadata") });
    const nlohmann::json& json = file.metadata();
    if (json.is_object()) {
        for (auto it = json.begin(); it != json.end(); ++it)
            addJson(meta, QString::fromStdString(it.key()), it.value());
    } else {
        addJson(meta, tr("value"), json);
    }
    tree_->expandToDepth(1);
    // A PyTorch model's module tree (#17) is what people open such a file for: its modules are
    // shown unfolded (module -> children -> module -> attributes), the rest stays folded.
    for (int i = 0; i < meta->childCount(); ++i)
        if (meta->child(i)->text(0) == QStringLiteral("modules"))
            expandSubtree(meta->child(i), 8);
    tokenizer_->setTokenizer(model.tokenizer, model.tokenizerError);
    const bool tokens = model.tokenizer || !model.tokenizerError.isEmpty();
    tabs_->setTabVisible(1, tokens);
    tabs_->setTabText(1, model.tokenizer ? tr("Tokenizer (%1)").arg(formatCount(qint64(model.tokenizer->tokens.size()))) : tr("Tokenizer"));
    if (!tokens)
        tabs_->setCurrentIndex(0);
    tree_->resizeColumnToContents(0);
    // Deep trees (a module tree) make long keys: keep half of the panel for the values.
    tree_->setColumnWidth(0, std::min(tree_->columnWidth(0), std::max(160, width() / 2)));
}

} // namespace ws::ui
