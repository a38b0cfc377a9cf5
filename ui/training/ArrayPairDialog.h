// SPDX-License-Identifier: GPL-3.0-or-later
// Asks which arrays of an HDF5 or .npz file hold the features and the labels: every array is
// listed with its shape and type (core's listHdf5Arrays / listNumpyArrays), the default pair
// preselected.
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;

namespace ws::ui {

class ArrayPairDialog : public QDialog {
    Q_OBJECT
public:
    // Lists the arrays of `path`; error() is non-empty when the file cannot be listed.
    explicit ArrayPairDialog(const QString& path, QWidget* parent = nullptr);
    QString error() const { return error_; }
    QString features() const;
    QString labels() const;

private:
    QComboBox* features_ = nullptr;
    QComboBox* labels_ = nullptr;
    QString error_;
};

} // namespace ws::ui
