// SPDX-License-Identifier: GPL-3.0-or-later
// The metadata dock: the file's format, path and totals, then its metadata JSON as a tree
// (safetensors __metadata__, Keras model and training config, Hugging Face config.json, GGUF
// general.* keys, license — whatever the reader put in WeightFile::metadata()); for a GGUF file
// with a tokenizer, a second tab with its vocabulary and merges (TokenizerPanel), where a Netron
// user looks for what a file holds besides its tensors.
#pragma once

#include "InspectorTypes.h"

#include <QWidget>

class QTabWidget;
class QTreeWidget;

namespace ws::ui {

class TokenizerPanel;

class MetadataPanel : public QWidget {
    Q_OBJECT
public:
    explicit MetadataPanel(QWidget* parent = nullptr);
    void setModel(const LoadedModel& model);
    void clear();
    QTreeWidget* tree() const { return tree_; }
    QTabWidget* tabs() const { return tabs_; }
    TokenizerPanel* tokenizer() const { return tokenizer_; }
    void showTokenizer(); // its tab in front, when the file has one

private:
    QTreeWidget* tree_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    TokenizerPanel* tokenizer_ = nullptr;
};

} // namespace ws::ui
