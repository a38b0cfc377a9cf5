// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/DatasetSection.h"

#include "common/Layouts.h"
#include "shell/AppSettings.h"
#include "training/ArrayPairDialog.h"

#include "data/Hdf5Dataset.h"
#include "data/Idx.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace ws::ui {

namespace {

constexpr char kFileItem[] = "file";

} // namespace

DatasetSection::DatasetSection(QWidget* parent) : QGroupBox(tr("Data"), parent)
{
    dataset_ = new QComboBox;
    dataset_->setToolTip(tr("The data the model is trained on"));
    dataset_->addItem(tr("Fashion-MNIST"), QStringLiteral("fashion-mnist"));
    dataset_->addItem(tr("Spiral (2-D)"), QStringLiteral("spiral"));
    dataset_->addItem(tr("Circle (2-D)"), QStringLiteral("circle"));
    dataset_->addItem(tr("Exclusive or (2-D)"), QStringLiteral("xor"));
    dataset_->addItem(tr("Gaussian (2-D)"), QStringLiteral("gauss"));
    dataset_->addItem(tr("Plane (2-D regression)"), QStringLiteral("plane"));
    dataset_->addItem(tr("Multi-Gaussian (2-D regression)"), QStringLiteral("multi-gauss"));
    dataset_->addItem(tr("File (CSV, IDX, HDF5, NumPy)…"), QString::fromLatin1(kFileItem));
    if (!QFileInfo::exists(QString::fromStdString(defaultFashionMnistFolder())))
        dataset_->setCurrentIndex(1);
    trainLimit_ = new QSpinBox;
    trainLimit_->setRange(0, 10'000'000);
    trainLimit_->setSingleStep(1000);
    trainLimit_->setSpecialValueText(tr("all"));
    trainLimit_->setToolTip(tr("Train on the first N samples only (quick runs)"));
    validationSplit_ = new QDoubleSpinBox;
    validationSplit_->setRange(0.0, 0.5);
    validationSplit_->setSingleStep(0.05);
    validationSplit_->setValue(0.1);
    validationSplit_->setToolTip(tr("Share of the training data held out for validation"));
    dataInfo_ = new QLabel;
    dataInfo_->setWordWrap(true);
    dataInfo_->setTextFormat(Qt::RichText);
    // While a dataset loads (Fashion-MNIST takes a second or two): a busy bar and Cancel, which
    // drops the answer; the loader itself cannot be interrupted and finishes in the background.
    loadingBar_ = new QProgressBar;
    loadingBar_->setRange(0, 0);
    loadingBar_->setMaximumHeight(12);
    loadingBar_->setTextVisible(false);
    cancelLoading_ = new QPushButton(tr("Cancel"));
    cancelLoading_->setToolTip(tr("Stop waiting for the dataset; choose another one or load it again later"));
    connect(cancelLoading_, &QPushButton::clicked, this, &DatasetSection::cancelRequested);
    loadingRow_ = new QWidget;
    auto* loadingRow = new QHBoxLayout(loadingRow_);
    loadingRow->setContentsMargins(0, 0, 0, 0);
    loadingRow->addWidget(loadingBar_, 1);
    loadingRow->addWidget(cancelLoading_);
    loadingRow_->hide();
    auto* previewBox = new QWidget;
    previewGrid_ = new QGridLayout(previewBox);
    previewGrid_->setContentsMargins(0, 0, 0, 0);
    previewGrid_->setSpacing(2);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Dataset:"), dataset_);
    form->addRow(tr("Training samples:"), trainLimit_);
    form->addRow(tr("Validation split:"), validationSplit_);
    form->addRow(previewBox);
    form->addRow(dataInfo_);
    form->addRow(loadingRow_);

    connect(dataset_, &QComboBox::currentIndexChanged, this, [this] {
        if (dataset_->currentData().toString() == QLatin1String(kFileItem))
            chooseFile();
        emit changed();
    });
    connect(trainLimit_, &QSpinBox::editingFinished, this, &DatasetSection::changed);
}

void DatasetSection::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a dataset"), settings::lastFolder(QStringLiteral("dataset")),
        tr("Datasets (*.csv *.tsv *.txt *.idx *.gz *-ubyte *.h5 *.hdf5 *.npz *.npy);;All files (*)"));
    settings::rememberFolder(QStringLiteral("dataset"), path);
    if (path.isEmpty())
        return;
    filePath_ = path;
    labelsPath_.clear();
    featuresName_.clear();
    const QString lower = path.toLower();
    if (isHdf5Path(path.toStdString()) || lower.endsWith(QLatin1String(".npz")))
        chooseArrays(path);
    else if (lower.endsWith(QLatin1String(".npy")))
        labelsPath_ = QFileDialog::getOpenFileName(this, tr("Open the .npy labels file for %1").arg(QFileInfo(path).fileName()),
            QFileInfo(path).absolutePath(), tr("NumPy arrays (*.npy)"));
    else if (!lower.endsWith(QLatin1String(".csv")) && !lower.endsWith(QLatin1String(".tsv"))
        && !lower.endsWith(QLatin1String(".txt")))
        labelsPath_ = QFileDialog::getOpenFileName(this, tr("Open the IDX labels file for %1").arg(QFileInfo(path).fileName()));
    dataset_->setItemText(dataset_->currentIndex(), tr("File: %1").arg(QFileInfo(path).fileName()));
}

void DatasetSection::chooseArrays(const QString& path)
{
    ArrayPairDialog dialog(path, this);
    if (!dialog.error().isEmpty())
        return; // the preview shows the reader's message
    if (dialog.exec() == QDialog::Accepted) {
        featuresName_ = dialog.features();
        labelsPath_ = dialog.labels();
    }
}

DatasetSource DatasetSection::source(uint64_t seed) const
{
    DatasetSource s;
    const QString name = dataset_->currentData().toString();
    const bool file = name == QLatin1String(kFileItem);
    s.name = (file ? filePath_ : name).toStdString();
    s.labels = file ? labelsPath_.toStdString() : std::string();
    s.features = file ? featuresName_.toStdString() : std::string();
    s.trainLimit = trainLimit_->value();
    s.seed = seed;
    return s;
}

double DatasetSection::validationSplit() const { return validationSplit_->value(); }

void DatasetSection::apply(const Experiment& e)
{
    const QString name = QString::fromStdString(e.dataset.name);
    int index = dataset_->findData(name);
    if (index < 0) {
        index = dataset_->findData(QString::fromLatin1(kFileItem));
        filePath_ = name;
        labelsPath_ = QString::fromStdString(e.dataset.labels);
        featuresName_ = QString::fromStdString(e.dataset.features);
        dataset_->setItemText(index, tr("File: %1").arg(QFileInfo(name).fileName()));
    }
    {
        const QSignalBlocker block(dataset_); // no file dialog; the caller asks for one preview
        dataset_->setCurrentIndex(index);
    }
    trainLimit_->setValue(int(e.dataset.trainLimit));
    validationSplit_->setValue(e.validationSplit);
}

void DatasetSection::showLoading()
{
    dataInfo_->setText(tr("<i>Loading…</i>"));
    loadingRow_->show();
}

void DatasetSection::showCancelled()
{
    loadingRow_->hide();
    dataInfo_->setText(tr("<i>Loading cancelled.</i>"));
}

bool DatasetSection::isLoading() const { return !loadingRow_->isHidden(); }

void DatasetSection::setLocked(bool locked) { dataset_->setEnabled(!locked); }

void DatasetSection::showPreview(const DatasetPreview& preview)
{
    loadingRow_->hide();
    clearLayout(previewGrid_);
    if (!preview.error.isEmpty()) {
        dataInfo_->setText(QStringLiteral("<span style='color:#b00020'>%1</span>").arg(preview.error.toHtmlEscaped()));
        return;
    }
    const bool plane = preview.sampleShape == QList<qint64> { 2 };
    for (qsizetype i = 0; i < preview.images.size(); ++i) {
        auto* cell = new QLabel;
        const int side = plane ? 160 : 56;
        cell->setPixmap(QPixmap::fromImage(preview.images[i].scaled(side, side, Qt::KeepAspectRatio,
            plane ? Qt::SmoothTransformation : Qt::FastTransformation)));
        cell->setToolTip(preview.captions.value(i));
        auto* caption = new QLabel(preview.captions.value(i));
        caption->setAlignment(Qt::AlignHCenter);
        QFont small = caption->font();
        small.setPointSizeF(small.pointSizeF() * 0.8);
        caption->setFont(small);
        auto* box = new QWidget;
        auto* v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(0);
        v->addWidget(cell, 0, Qt::AlignHCenter);
        v->addWidget(caption);
        previewGrid_->addWidget(box, int(i) / 5, int(i) % 5);
    }
    dataInfo_->setText(balanceHtml(preview));
}

// Class balance as bars: a glance tells whether the classes are even.
QString DatasetSection::balanceHtml(const DatasetPreview& preview) const
{
    QString html = preview.description.toHtmlEscaped() + QStringLiteral("<br>");
    if (preview.classCounts.isEmpty())
        return html + tr("Regression: %n target(s) per sample", nullptr, int(preview.targetsPerSample));
    qint64 most = 1;
    for (const qint64 n : preview.classCounts)
        most = std::max(most, n);
    html += QStringLiteral("<table cellspacing=0 cellpadding=0>");
    for (qsizetype c = 0; c < preview.classCounts.size(); ++c) {
        const int width = int(std::lround(100.0 * double(preview.classCounts[c]) / double(most)));
        html += QStringLiteral("<tr><td>%1&nbsp;</td><td align=right>%2&nbsp;</td><td><table cellspacing=0 cellpadding=0>"
                               "<tr><td width=%3 bgcolor='#5b9fd2' height=8></td></tr></table></td></tr>")
                    .arg(preview.classNames.value(c).toHtmlEscaped())
                    .arg(preview.classCounts[c])
                    .arg(std::max(1, width));
    }
    return html + QStringLiteral("</table>");
}

} // namespace ws::ui
