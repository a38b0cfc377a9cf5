// SPDX-License-Identifier: GPL-3.0-or-later
// The Training panel's "Model" box: start from new layers (a template, or one layer per line) or
// from the model open in the inspector (fine-tuning), and the live shape check against the data
// with the parameter count. The check runs whenever the layers or the data change; the panel
// enables Start when validityChanged(true) says the model fits.
#pragma once

#include "training/TrainingTypes.h"

#include <QGroupBox>

class QComboBox;
class QLabel;
class QPlainTextEdit;

namespace ws::ui {

class ModelSection : public QGroupBox {
    Q_OBJECT
public:
    explicit ModelSection(QWidget* parent = nullptr);

    std::string spec() const;  // the layers, one line each joined by spaces (a preset's name or layers)
    QString initFrom() const;  // the inspector's file when fine-tuning, else empty
    void apply(const Experiment& e); // "Start from" and the model (a spec string or preset)
    bool isValid() const { return valid_; }
    QString modelCheck() const; // what the shape check says, as plain text
    bool startsFromInspectorModel() const;
    void setLocked(bool locked); // no edits while a run uses the model

    // The data the model must fit; picks a template that fits when the layers are a template's.
    void setData(const DatasetPreview& preview, bool shapeChanged);
    void setInspectorModel(const QString& path);
    void useInspectorModel(bool use);
    void setModelInfo(const ModelInfo& info); // the worker's answer to modelInfoWanted

signals:
    void validityChanged(bool valid);
    void modelInfoWanted(const QString& path, quint64 request); // fine-tuning: read this file

private:
    void applyTemplate();
    void validate();
    bool validateNewModel();
    bool validateInspectorModel();
    bool fail(const QString& message); // shows the message in red, returns false

    QComboBox* modelSource_ = nullptr;
    QComboBox* template_ = nullptr;
    QPlainTextEdit* spec_ = nullptr;
    QLabel* modelInfo_ = nullptr;
    QString inspectorModel_; // the inspector's file, offered to fine-tune
    quint64 modelInfoRequest_ = 0;
    ModelInfo fineTune_;     // what the worker found in inspectorModel_
    DatasetPreview data_;    // the data the shape check uses
    bool valid_ = false;
    bool specFromTemplate_ = false; // the spec is a template's, not typed or given: follow the data
    bool settingSpec_ = false;
};

} // namespace ws::ui
