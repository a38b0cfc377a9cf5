// SPDX-License-Identifier: GPL-3.0-or-later
// The model dock: groups (layers, or name prefixes) → tensors, with dtype, shape, parameters and
// bytes per row and the totals underneath; a filter box (substring, or regular expression) hides
// the tensors whose names do not match. Selecting a tensor emits tensorSelected. A tensor whose
// name an ONNX exporter made up ("onnx::Conv_193") is shown by the node that reads it.
#pragma once

#include "InspectorTypes.h"

#include <QColor>
#include <QHash>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace ws::ui {

class ModelTreePanel : public QWidget {
    Q_OBJECT
public:
    enum Column { NameColumn, DTypeColumn, ShapeColumn, ParamsColumn, BytesColumn };
    static constexpr int kTensorRole = Qt::UserRole + 1; // tensor index; -1 on group rows
    static constexpr int kNameRole = Qt::UserRole + 2;   // the tensor's name in the file (tensor rows)

    explicit ModelTreePanel(QWidget* parent = nullptr);

    void setModel(const LoadedModel& model);
    void clear();
    // The first one becomes current; quiet: without tensorSelected (the view shows it already).
    void selectTensors(const QList<int>& indices, bool quiet = false);
    int currentTensor() const;                     // -1 when none
    QTreeWidget* tree() const { return tree_; }
    void setFilter(const QString& text, bool regex);
    void clearFilter(); // a new file: the last file's filter would hide its tensors
    // The health map: a swatch of its colour before each tensor's name (none for tensors left
    // out); empty: no swatches.
    void setTensorColours(const QHash<int, QColor>& colours);
    // "F32", or for a quantised tensor what the file holds: "Q4_K · 4.5 b/w".
    static QString storageText(const TensorInfo& info);

signals:
    void tensorSelected(int index);

private:
    void applyFilter();
    QTreeWidgetItem* addNode(QTreeWidgetItem* parent, const NameNode& node, const WeightFile& file);

    QTreeWidget* tree_ = nullptr;
    QLineEdit* filter_ = nullptr;
    QCheckBox* regex_ = nullptr;
    QLabel* totals_ = nullptr;
    QList<QTreeWidgetItem*> tensorItems_; // by tensor index
    QHash<int, QString> readerLabels_;    // LoadedModel::readerLabels of the file shown
};

} // namespace ws::ui
