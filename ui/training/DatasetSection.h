// SPDX-License-Identifier: GPL-3.0-or-later
// The Training panel's "Data" box: which dataset (a built-in one, or a CSV/IDX/HDF5/NumPy file
// with its labels), how much of it, the validation split, and the preview the worker sends back
// (a few samples and the class balance), with a busy bar and Cancel while it loads.
// The section asks for a preview by signal; TrainingPanel sends the request to its worker.
#pragma once

#include "training/TrainingTypes.h"

#include <QGroupBox>

class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace ws::ui {

class DatasetSection : public QGroupBox {
    Q_OBJECT
public:
    explicit DatasetSection(QWidget* parent = nullptr);

    DatasetSource source(uint64_t seed) const; // `seed` shuffles the data (the Training box's seed)
    double validationSplit() const;
    void apply(const Experiment& e); // the dataset and its split; emits nothing

    void showLoading();   // "Loading…" and the busy bar
    void showCancelled(); // the busy bar gone, "Loading cancelled."
    bool isLoading() const;
    void showPreview(const DatasetPreview& preview); // the samples and the class balance, or the error
    void setLocked(bool locked); // no other dataset while a run uses this one

signals:
    void changed();         // another dataset or sample limit: a new preview is wanted
    void cancelRequested(); // Cancel while loading

private:
    void chooseFile();
    void chooseArrays(const QString& path); // HDF5/.npz: which arrays are features and labels
    QString balanceHtml(const DatasetPreview& preview) const;

    QComboBox* dataset_ = nullptr;
    QString filePath_, labelsPath_;
    QString featuresName_; // HDF5/.npz: the features array (labelsPath_ names the labels array)
    QSpinBox* trainLimit_ = nullptr;
    QDoubleSpinBox* validationSplit_ = nullptr;
    QGridLayout* previewGrid_ = nullptr;
    QLabel* dataInfo_ = nullptr;
    QWidget* loadingRow_ = nullptr; // busy bar and Cancel while a dataset loads
    QProgressBar* loadingBar_ = nullptr;
    QPushButton* cancelLoading_ = nullptr;
};

} // namespace ws::ui
