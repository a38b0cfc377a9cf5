// SPDX-License-Identifier: GPL-3.0-or-later
// The metadata dock: the file's format, path and totals, then its metadata JSON as a tree
// (safetensors __metadata__, Keras model and training config, Hugging Face config.json, GGUF
// general.* keys, license — whatever the reader put in WeightFile::metadata()).
#pragma once

#include "InspectorTypes.h"

#include <QWidget>

class QTreeWidget;

namespace ws::ui {

class MetadataPanel : public QWidget {
    Q_OBJECT
public:
    explicit MetadataPanel(QWidget* parent = nullptr);
    void setModel(const LoadedModel& model);
    void clear();
    QTreeWidget* tree() const { return tree_; }

private:
    QTreeWidget* tree_ = nullptr;
};

} // namespace ws::ui
