// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/ArrayPairDialog.h"

#include "data/Hdf5Dataset.h"
#include "data/NumpyDataset.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>

namespace ws::ui {

ArrayPairDialog::ArrayPairDialog(const QString& path, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Features and labels in %1").arg(QFileInfo(path).fileName()));
    features_ = new QComboBox;
    labels_ = new QComboBox;
    std::vector<ArrayInfo> arrays;
    std::pair<std::string, std::string> chosen;
    try {
        const std::string file = path.toStdString();
        arrays = isHdf5Path(file) ? listHdf5Arrays(file) : listNumpyArrays(file);
        chosen = chooseArrayPair(arrays, {}, {}, file);
    } catch (const std::exception& e) {
        if (arrays.empty())
            error_ = QString::fromStdString(e.what());
    }
    for (const ArrayInfo& a : arrays) {
        QStringList dims;
        for (const int64_t d : a.shape)
            dims.append(QString::number(d));
        const QString text = QStringLiteral("%1  (%2)  %3")
                                 .arg(QString::fromStdString(a.name), dims.join(QStringLiteral(", ")),
                                     QString::fromStdString(a.typeName));
        features_->addItem(text, QString::fromStdString(a.name));
        labels_->addItem(text, QString::fromStdString(a.name));
    }
    if (const int f = features_->findData(QString::fromStdString(chosen.first)); f >= 0)
        features_->setCurrentIndex(f);
    if (const int l = labels_->findData(QString::fromStdString(chosen.second)); l >= 0)
        labels_->setCurrentIndex(l);
    else if (labels_->count() > 1)
        labels_->setCurrentIndex(1);
    features_->setToolTip(tr("The samples: an array (N, …) of numbers; uint8 is read as pixels 0…255"));
    labels_->setToolTip(tr("One class index per sample (N), or one-hot rows (N, K)"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Features:"), features_);
    form->addRow(tr("Labels:"), labels_);
    form->addRow(buttons);
}

QString ArrayPairDialog::features() const { return features_->currentData().toString(); }

QString ArrayPairDialog::labels() const { return labels_->currentData().toString(); }

} // namespace ws::ui
