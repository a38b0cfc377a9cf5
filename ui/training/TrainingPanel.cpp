#include "training/TrainingPanel.h"

#include "common/Format.h"
#include "shell/AppSettings.h"

#include "training/ArrayPairDialog.h"
#include "training/ConfusionBrowser.h"
#include "common/DivergenceDialog.h"
#include "training/GeneralTrainingWorker.h"
#include "training/TrainingCurves.h"
#include "training/TrainingInsights.h"

#include "data/Hdf5Dataset.h"
#include "data/Idx.h"
#include "nn/LayerFactory.h"
#include "util/Error.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace ws::ui {

namespace {

constexpr int kRedrawMs = 33; // ~30 Hz
constexpr char kFileItem[] = "file";

// The preset's layers and an output layer sized to the data (what buildModel adds to presets),
// one per line, so that the user sees and edits the whole model.
QString templateSpec(const QString& preset, const DatasetPreview& data)
{
    QString spec = QString::fromStdString(modelPresetSpec(preset.toStdString()));
    spec.replace(QStringLiteral(") "), QStringLiteral(")\n"));
    QStringList lines;
    static const QRegularExpression space(QStringLiteral("\\s+(?![^()]*\\))")); // spaces outside parentheses
    for (const QString& layer : spec.split(space, Qt::SkipEmptyParts))
        lines.append(layer);
    const qint64 outputs = data.numClasses > 0 ? data.numClasses : std::max<qint64>(1, data.targetsPerSample);
    lines.append(QStringLiteral("dense(%1)").arg(outputs));
    return lines.join(QLatin1Char('\n'));
}

// A dataset of one zero sample with the preview's shape, for building a model to check it.
Dataset shapeProbe(const DatasetPreview& p)
{
    Dataset d;
    Shape shape { 1 };
    for (const qint64 s : p.sampleShape)
        shape.push_back(s);
    d.x = Tensor(shape);
    d.numClasses = p.numClasses;
    if (p.numClasses > 0)
        d.labels = { 0 };
    else
        d.targets = Tensor({ 1, std::max<int64_t>(1, p.targetsPerSample) });
    return d;
}

} // namespace

TrainingPanel::TrainingPanel(QWidget* parent) : QWidget(parent), thread_(new QThread)
{
    curves_ = new TrainingCurves;
    status_ = new QLabel(tr("Choose data and a model, then Start."));
    status_->setWordWrap(true);
    testConfusion_ = new ConfusionBrowser;

    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(curves_);
    insights_ = new TrainingInsights;
    insights_->insertTab(0, testConfusion_, tr("Test set"));
    connect(testConfusion_->samples(), &QListWidget::itemDoubleClicked, insights_,
        [this](QListWidgetItem* item) { insights_->showSampleActivations(item->data(Qt::UserRole).toLongLong()); });
    insights_->setCurrentIndex(0);
    right->addWidget(insights_);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    right->setChildrenCollapsible(false);

    auto* rightColumn = new QWidget;
    auto* rightLayout = new QVBoxLayout(rightColumn);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(status_);
    rightLayout->addWidget(right, 1);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(makeControls());
    layout->addWidget(rightColumn, 1);

    thread_->setObjectName(QStringLiteral("general-training"));
    auto* worker = new GeneralTrainingWorker;
    worker->moveToThread(thread_.get());
    connect(thread_.get(), &QThread::finished, worker, &QObject::deleteLater);
    inbox_.connect(worker, &GeneralTrainingWorker::previewReady, this, &TrainingPanel::onPreview);
    inbox_.connect(worker, &GeneralTrainingWorker::progress, this, &TrainingPanel::onProgress);
    inbox_.connect(worker, &GeneralTrainingWorker::runEnded, this, &TrainingPanel::onRunEnded);
    inbox_.connect(worker, &GeneralTrainingWorker::snapshotReady, [this](const ModelSnapshot& s) {
        if (s.generation == generation_)
            insights_->addSnapshot(s);
    });
    connect(insights_, &TrainingInsights::snapshotRequested, this, [this] {
        if (worker_ && runActive_)
            worker_->requestSnapshot();
    });
    inbox_.connect(worker, &GeneralTrainingWorker::diverged, this, &TrainingPanel::onDiverged);
    inbox_.connect(worker, &GeneralTrainingWorker::modelInfoReady, this, &TrainingPanel::onModelInfo);
    worker_ = worker;
    thread_->start();

    redrawTimer_ = new QTimer(this);
    redrawTimer_->setInterval(kRedrawMs);
    connect(redrawTimer_, &QTimer::timeout, this, [this] {
        if (std::exchange(dirty_, false))
            curves_->replot();
    });
    redrawTimer_->start();

    updateButtons();
}

void TrainingPanel::ensurePreview()
{
    if (previewRequest_ == 0)
        requestPreview();
}

TrainingPanel::~TrainingPanel() { shutdown(); }

GeneralTrainingWorker* TrainingPanel::worker() const { return worker_; }

QWidget* TrainingPanel::makeControls()
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
    connect(cancelLoading_, &QPushButton::clicked, this, &TrainingPanel::cancelPreview);
    auto* loading = new QWidget;
    auto* loadingRow = new QHBoxLayout(loading);
    loadingRow->setContentsMargins(0, 0, 0, 0);
    loadingRow->addWidget(loadingBar_, 1);
    loadingRow->addWidget(cancelLoading_);
    loadingRow_ = loading;
    loadingRow_->hide();
    auto* previewBox = new QWidget;
    previewGrid_ = new QGridLayout(previewBox);
    previewGrid_->setContentsMargins(0, 0, 0, 0);
    previewGrid_->setSpacing(2);

    modelSource_ = new QComboBox;
    modelSource_->setToolTip(tr("Build a new model from the layers below, or fine-tune the model open in the inspector"));
    modelSource_->addItem(tr("New model (layers below)"));
    modelSource_->addItem(tr("The model open in the inspector"));
    setInspectorModel({});
    divergence_ = new DivergenceDialog(this);
    connect(divergence_, &DivergenceDialog::lowerLearningRate, this, [this] {
        learningRate_->setValue(learningRate_->value() / 10.0); // reaches the worker through valueChanged
        start();
    });
    connect(divergence_, &DivergenceDialog::resetRequested, this, [this] {
        runActive_ = false; // the paused run is superseded by the new one
        start();
    });
    connect(divergence_, &DivergenceDialog::stopRequested, this, &TrainingPanel::stop);
    template_ = new QComboBox;
    template_->setToolTip(tr("Replace the layers with a ready-made model"));
    template_->addItem(tr("MLP"), QStringLiteral("mlp"));
    template_->addItem(tr("Small CNN"), QStringLiteral("cnn"));
    template_->addItem(tr("TensorFlow tutorial CNN"), QStringLiteral("tf-cnn"));
    template_->addItem(tr("Playground (2-D)"), QStringLiteral("playground"));
    spec_ = new QPlainTextEdit;
    spec_->setPlaceholderText(tr("One layer per line, e.g.\nconv2d(32, 3, padding=same)\nrelu\nmaxpool2d(2)\nflatten\ndense(10)"));
    spec_->setToolTip(QString::fromStdString(layerSpecHelp()));
    spec_->setMinimumHeight(90);
    spec_->setMaximumHeight(130); // leave room for the shape check under it
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    spec_->setFont(mono);
    modelInfo_ = new QLabel;
    modelInfo_->setWordWrap(true);
    modelInfo_->setTextFormat(Qt::RichText);

    optimizer_ = new QComboBox;
    optimizer_->setToolTip(tr("The algorithm that updates the weights"));
    for (const OptimizerKind k : { OptimizerKind::Adam, OptimizerKind::AdamW, OptimizerKind::SGD, OptimizerKind::RMSprop })
        optimizer_->addItem(QString::fromStdString(optimizerName(k)), int(k));
    learningRate_ = new QDoubleSpinBox;
    learningRate_->setDecimals(5);
    learningRate_->setRange(0.00001, 10.0);
    learningRate_->setSingleStep(0.0005);
    learningRate_->setValue(0.001);
    learningRate_->setToolTip(tr("Changes while training take effect at the next batch"));
    schedule_ = new QComboBox;
    schedule_->setToolTip(tr("How the learning rate changes over the epochs"));
    for (const ScheduleKind k : { ScheduleKind::Constant, ScheduleKind::Step, ScheduleKind::Cosine })
        schedule_->addItem(QString::fromStdString(scheduleName(k)), int(k));
    batchSize_ = new QSpinBox;
    batchSize_->setRange(1, 4096);
    batchSize_->setValue(32);
    batchSize_->setToolTip(tr("Number of samples in each training batch"));
    epochs_ = new QSpinBox;
    epochs_->setRange(1, 1000);
    epochs_->setValue(5);
    epochs_->setToolTip(tr("How many times the training goes through the data"));
    seed_ = new QSpinBox;
    seed_->setRange(0, 1'000'000);
    seed_->setToolTip(tr("Seed of the random numbers; the same seed repeats a run"));
    threads_ = new QSpinBox;
    threads_->setRange(0, 256);
    threads_->setSpecialValueText(tr("all cores"));
    threads_->setToolTip(tr("Number of threads used for training"));

    startButton_ = new QPushButton(tr("Start"));
    startButton_->setToolTip(tr("Start training, or resume it after a pause"));
    pauseButton_ = new QPushButton(tr("Pause"));
    pauseButton_->setToolTip(tr("Pause the training"));
    stepButton_ = new QPushButton(tr("Step"));
    stepButton_->setToolTip(tr("Train on one batch, then pause"));
    stopButton_ = new QPushButton(tr("Stop"));
    stopButton_->setToolTip(tr("End the run and evaluate the model on the test set"));

    auto* data = new QGroupBox(tr("Data"));
    auto* dataForm = new QFormLayout(data);
    dataForm->addRow(tr("Dataset:"), dataset_);
    dataForm->addRow(tr("Training samples:"), trainLimit_);
    dataForm->addRow(tr("Validation split:"), validationSplit_);
    dataForm->addRow(previewBox);
    dataForm->addRow(dataInfo_);
    dataForm->addRow(loadingRow_);

    auto* model = new QGroupBox(tr("Model"));
    auto* modelForm = new QFormLayout(model);
    modelForm->addRow(tr("Start from:"), modelSource_);
    modelForm->addRow(tr("Template:"), template_);
    modelForm->addRow(spec_);
    modelForm->addRow(modelInfo_);

    auto* training = new QGroupBox(tr("Training"));
    auto* trainingForm = new QFormLayout(training);
    trainingForm->addRow(tr("Optimizer:"), optimizer_);
    trainingForm->addRow(tr("Learning rate:"), learningRate_);
    trainingForm->addRow(tr("Schedule:"), schedule_);
    trainingForm->addRow(tr("Batch size:"), batchSize_);
    trainingForm->addRow(tr("Epochs:"), epochs_);
    trainingForm->addRow(tr("Seed:"), seed_);
    trainingForm->addRow(tr("Threads:"), threads_);

    auto* buttons = new QGridLayout;
    buttons->addWidget(startButton_, 0, 0);
    buttons->addWidget(pauseButton_, 0, 1);
    buttons->addWidget(stepButton_, 1, 0);
    buttons->addWidget(stopButton_, 1, 1);

    auto* controls = new QWidget;
    auto* column = new QVBoxLayout(controls);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(data);
    column->addWidget(model);
    column->addWidget(training);
    column->addLayout(buttons);
    column->addStretch(1);

    auto* scroll = new QScrollArea;
    scroll->setWidget(controls);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(330);
    scroll->setMaximumWidth(380);

    connect(startButton_, &QPushButton::clicked, this, &TrainingPanel::start);
    connect(pauseButton_, &QPushButton::clicked, this, &TrainingPanel::pause);
    connect(stepButton_, &QPushButton::clicked, this, &TrainingPanel::step);
    connect(stopButton_, &QPushButton::clicked, this, &TrainingPanel::stop);
    connect(dataset_, &QComboBox::currentIndexChanged, this, [this] {
        if (dataset_->currentData().toString() == QLatin1String(kFileItem))
            chooseFile();
        requestPreview();
    });
    connect(trainLimit_, &QSpinBox::editingFinished, this, &TrainingPanel::requestPreview);
    connect(template_, &QComboBox::activated, this, &TrainingPanel::applyTemplate);
    connect(modelSource_, &QComboBox::currentIndexChanged, this, [this] { useInspectorModel(modelSource_->currentIndex() == 1); });
    connect(spec_, &QPlainTextEdit::textChanged, this, [this] {
        if (!settingSpec_)
            specFromTemplate_ = false;
        validateModel();
    });
    connect(learningRate_, &QDoubleSpinBox::valueChanged, this, [this](double lr) {
        if (worker_ && runActive_)
            worker_->setLearningRate(float(lr));
    });
    return scroll;
}

void TrainingPanel::chooseFile()
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

void TrainingPanel::chooseArrays(const QString& path)
{
    ArrayPairDialog dialog(path, this);
    if (!dialog.error().isEmpty())
        return; // the preview shows the reader's message
    if (dialog.exec() == QDialog::Accepted) {
        featuresName_ = dialog.features();
        labelsPath_ = dialog.labels();
    }
}

DatasetSource TrainingPanel::datasetSource() const
{
    DatasetSource s;
    const QString name = dataset_->currentData().toString();
    s.name = (name == QLatin1String(kFileItem) ? filePath_ : name).toStdString();
    s.labels = name == QLatin1String(kFileItem) ? labelsPath_.toStdString() : std::string();
    s.features = name == QLatin1String(kFileItem) ? featuresName_.toStdString() : std::string();
    s.trainLimit = trainLimit_->value();
    s.seed = uint64_t(seed_->value());
    return s;
}

Experiment TrainingPanel::experiment() const
{
    Experiment e;
    e.dataset = datasetSource();
    e.model = spec_->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts).join(QLatin1Char(' ')).toStdString();
    if (startsFromInspectorModel())
        e.initFrom = inspectorModel_.toStdString();
    e.validationSplit = validationSplit_->value();
    e.train.epochs = epochs_->value();
    e.train.batchSize = batchSize_->value();
    e.train.seed = uint64_t(seed_->value());
    e.train.threads = threads_->value();
    e.train.optimizer.kind = OptimizerKind(optimizer_->currentData().toInt());
    e.train.optimizer.learningRate = float(learningRate_->value());
    e.train.schedule.kind = ScheduleKind(schedule_->currentData().toInt());
    e.train.schedule.stepEpochs = std::max(1, epochs_->value() / 3);
    return e;
}

void TrainingPanel::applyExperiment(const Experiment& e)
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
        const QSignalBlocker block(dataset_); // no file dialog; one preview below
        dataset_->setCurrentIndex(index);
    }
    trainLimit_->setValue(int(e.dataset.trainLimit));
    validationSplit_->setValue(e.validationSplit);
    epochs_->setValue(e.train.epochs);
    batchSize_->setValue(int(e.train.batchSize));
    seed_->setValue(int(e.train.seed));
    threads_->setValue(e.train.threads);
    optimizer_->setCurrentIndex(optimizer_->findData(int(e.train.optimizer.kind)));
    learningRate_->setValue(e.train.optimizer.learningRate);
    schedule_->setCurrentIndex(schedule_->findData(int(e.train.schedule.kind)));
    if (!e.initFrom.empty())
        setInspectorModel(QString::fromStdString(e.initFrom));
    useInspectorModel(!e.initFrom.empty());
    if (e.model.is_string()) {
        const QString model = QString::fromStdString(e.model.get<std::string>());
        if (isModelPreset(model.toStdString())) {
            // Filled in from the template once the data's preview has told its shape.
            if (const int t = template_->findData(model); t >= 0)
                template_->setCurrentIndex(t);
            settingSpec_ = true;
            spec_->clear();
            settingSpec_ = false;
            specFromTemplate_ = true;
        } else {
            spec_->setPlainText(model);
        }
    }
    requestPreview();
}

void TrainingPanel::requestPreview()
{
    if (!worker_)
        return;
    dataInfo_->setText(tr("<i>Loading…</i>"));
    loadingRow_->show();
    worker_->requestPreview(datasetSource(), ++previewRequest_);
}

bool TrainingPanel::isLoadingPreview() const { return !loadingRow_->isHidden(); }

void TrainingPanel::cancelPreview()
{
    ++previewRequest_; // the answer to the running request is dropped when it comes
    loadingRow_->hide();
    dataInfo_->setText(tr("<i>Loading cancelled.</i>"));
}

void TrainingPanel::onPreview(const DatasetPreview& preview)
{
    if (preview.request != previewRequest_)
        return;
    loadingRow_->hide();
    const bool shapeChanged = preview_.sampleShape != preview.sampleShape || preview_.numClasses != preview.numClasses;
    preview_ = preview;
    while (QLayoutItem* item = previewGrid_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!preview.error.isEmpty()) {
        dataInfo_->setText(QStringLiteral("<span style='color:#b00020'>%1</span>").arg(preview.error.toHtmlEscaped()));
        validateModel();
        emit previewShown(preview);
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
    // Class balance as bars: a glance tells whether the classes are even.
    QString html = preview.description.toHtmlEscaped() + QStringLiteral("<br>");
    qint64 most = 1;
    for (const qint64 n : preview.classCounts)
        most = std::max(most, n);
    if (!preview.classCounts.isEmpty()) {
        html += QStringLiteral("<table cellspacing=0 cellpadding=0>");
        for (qsizetype c = 0; c < preview.classCounts.size(); ++c) {
            const int width = int(std::lround(100.0 * double(preview.classCounts[c]) / double(most)));
            html += QStringLiteral("<tr><td>%1&nbsp;</td><td align=right>%2&nbsp;</td><td><table cellspacing=0 cellpadding=0>"
                                   "<tr><td width=%3 bgcolor='#5b9fd2' height=8></td></tr></table></td></tr>")
                        .arg(preview.classNames.value(c).toHtmlEscaped())
                        .arg(preview.classCounts[c])
                        .arg(std::max(1, width));
        }
        html += QStringLiteral("</table>");
    } else {
        html += tr("Regression: %n target(s) per sample", nullptr, int(preview.targetsPerSample));
    }
    dataInfo_->setText(html);
    // A template that fits the data, unless the user has written (or been given) a model.
    // An empty spec after applyExperiment() named a template: keep that one.
    const bool empty = spec_->toPlainText().trimmed().isEmpty();
    if ((empty && !specFromTemplate_) || (!empty && specFromTemplate_ && shapeChanged)) {
        const QString preset = preview.sampleShape.size() == 3 ? QStringLiteral("cnn")
            : plane                                            ? QStringLiteral("playground")
                                                               : QStringLiteral("mlp");
        template_->setCurrentIndex(template_->findData(preset));
    }
    if (empty || (specFromTemplate_ && shapeChanged))
        applyTemplate();
    validateModel();
    emit previewShown(preview);
}

void TrainingPanel::applyTemplate()
{
    if (!preview_.error.isEmpty() || preview_.sampleShape.isEmpty())
        return;
    settingSpec_ = true;
    spec_->setPlainText(templateSpec(template_->currentData().toString(), preview_));
    settingSpec_ = false;
    specFromTemplate_ = true;
}

void TrainingPanel::validateModel()
{
    modelValid_ = false;
    if (preview_.sampleShape.isEmpty()) {
        modelInfo_->setText(preview_.error.isEmpty() ? tr("<i>Waiting for the data…</i>") : QString());
        updateButtons();
        return;
    }
    if (startsFromInspectorModel()) {
        modelValid_ = validateInspectorModel();
        updateButtons();
        return;
    }
    try {
        const Dataset probe = shapeProbe(preview_);
        Experiment e;
        e.model = experiment().model;
        Sequential model = buildModel(e.model, probe);
        const int64_t outputs = shapeNumel(model.outputShape());
        if (probe.isClassification() && outputs != probe.numClasses && !(outputs == 1 && probe.numClasses == 2))
            throw ShapeError("the model ends with " + std::to_string(outputs) + " outputs but the data has "
                + std::to_string(probe.numClasses) + " classes: end with dense(" + std::to_string(probe.numClasses) + ")");
        QString html = QStringLiteral("<table cellspacing=0 cellpadding=1>");
        html += tr("<tr><td>input</td><td>%1</td><td></td></tr>").arg(formatShape(model.inputShape()));
        for (const LayerSummary& row : model.summary())
            html += QStringLiteral("<tr><td>%1&nbsp;</td><td>%2&nbsp;</td><td align=right>%3</td></tr>")
                        .arg(QString::fromStdString(row.type), formatShape(row.outputShape))
                        .arg(row.params ? QLocale().toString(qlonglong(row.params)) : QString());
        html += QStringLiteral("</table>");
        html += tr("<b>%1 parameters</b>").arg(QLocale().toString(qlonglong(model.paramCount())));
        modelInfo_->setText(html);
        modelValid_ = true;
    } catch (const std::exception& ex) {
        modelInfo_->setText(QStringLiteral("<span style='color:#b00020'>%1</span>").arg(QString::fromStdString(ex.what()).toHtmlEscaped()));
    }
    updateButtons();
}

void TrainingPanel::setInspectorModel(const QString& path)
{
    inspectorModel_ = path;
    modelSource_->setItemText(1, path.isEmpty() ? tr("The model open in the inspector (none open)")
                                                : tr("The model open in the inspector: %1").arg(QFileInfo(path).fileName()));
    modelSource_->setItemData(1, path, Qt::ToolTipRole);
    // Only a file that is open can be chosen (Qt's combo disables an item through its flags).
    if (auto* item = qobject_cast<QStandardItemModel*>(modelSource_->model())->item(1))
        item->setEnabled(!path.isEmpty());
    if (path.isEmpty() && startsFromInspectorModel())
        useInspectorModel(false);
    else if (startsFromInspectorModel())
        useInspectorModel(true); // another file: look at it again
}

bool TrainingPanel::startsFromInspectorModel() const
{
    return modelSource_->currentIndex() == 1 && !inspectorModel_.isEmpty();
}

void TrainingPanel::useInspectorModel(bool use)
{
    use = use && !inspectorModel_.isEmpty();
    {
        const QSignalBlocker block(modelSource_);
        modelSource_->setCurrentIndex(use ? 1 : 0);
    }
    spec_->setEnabled(!use);
    template_->setEnabled(!use);
    if (use && worker_) {
        modelInfo_->setText(tr("<i>Reading the model…</i>"));
        worker_->requestModelInfo(inspectorModel_, ++modelInfoRequest_);
    }
    validateModel();
}

void TrainingPanel::onModelInfo(const ModelInfo& info)
{
    if (info.request != modelInfoRequest_)
        return;
    fineTune_ = info;
    validateModel();
}

// The model to fine-tune must take the data's samples and give one output per class.
bool TrainingPanel::validateInspectorModel()
{
    const auto fail = [this](const QString& message) {
        modelInfo_->setText(QStringLiteral("<span style='color:#b00020'>%1</span>").arg(message.toHtmlEscaped()));
        return false;
    };
    if (fineTune_.request != modelInfoRequest_ || fineTune_.path != inspectorModel_) {
        modelInfo_->setText(tr("<i>Reading the model…</i>"));
        return false;
    }
    if (!fineTune_.error.isEmpty())
        return fail(fineTune_.error);
    const auto shape = [](const QList<qint64>& s) {
        QStringList parts;
        for (const qint64 d : s)
            parts.append(QString::number(d));
        return QStringLiteral("(%1)").arg(parts.join(QStringLiteral(", ")));
    };
    const QString file = QFileInfo(inspectorModel_).fileName();
    if (fineTune_.inputShape != preview_.sampleShape)
        return fail(tr("%1 takes inputs of shape %2 but the data's samples have shape %3: choose data the model "
                       "was made for, or build a new model")
                        .arg(file, shape(fineTune_.inputShape), shape(preview_.sampleShape)));
    const qint64 classes = preview_.numClasses;
    if (classes > 0 && fineTune_.outputs != classes && !(fineTune_.outputs == 1 && classes == 2))
        return fail(tr("%1 ends with %2 outputs but the data has %3 classes").arg(file).arg(fineTune_.outputs).arg(classes));
    QString html = tr("Fine-tuning <b>%1</b>: its layers and weights").arg(file.toHtmlEscaped());
    html += QStringLiteral("<table cellspacing=0 cellpadding=1>");
    html += tr("<tr><td>input</td><td>%1</td><td></td></tr>").arg(shape(fineTune_.inputShape));
    for (const QStringList& row : fineTune_.layers)
        html += QStringLiteral("<tr><td>%1&nbsp;</td><td>%2&nbsp;</td><td align=right>%3</td></tr>")
                    .arg(row.value(0).toHtmlEscaped(), row.value(1), row.value(2));
    html += QStringLiteral("</table>");
    html += tr("<b>%1 parameters</b>").arg(QLocale().toString(fineTune_.params));
    modelInfo_->setText(html);
    return true;
}

QString TrainingPanel::modelCheck() const
{
    QString text = modelInfo_->text();
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    return text.replace(tags, QStringLiteral(" ")).replace(QStringLiteral("&nbsp;"), QStringLiteral(" ")).simplified();
}

void TrainingPanel::start()
{
    if (!worker_)
        return;
    if (runActive_) {
        running_ = true;
        worker_->resume();
    } else {
        if (!modelValid_)
            return;
        clearResults();
        generation_ = worker_->startRun(experiment(), false, settings::effectiveRunsFolder());
        runActive_ = running_ = true;
        status_->setText(tr("Training…"));
    }
    updateButtons();
}

void TrainingPanel::clearResults()
{
    curves_->clear();
    testConfusion_->setCells(nullptr, nullptr, {});
    testConfusion_->setSummary({});
    insights_->reset();
    lastStep_ = 0;
}

void TrainingPanel::pause()
{
    if (!worker_ || !runActive_)
        return;
    running_ = false;
    worker_->pause();
    updateButtons();
}

void TrainingPanel::step()
{
    if (!worker_)
        return;
    if (!runActive_) {
        if (!modelValid_)
            return;
        clearResults();
        generation_ = worker_->startRun(experiment(), true, settings::effectiveRunsFolder());
        runActive_ = true;
    }
    running_ = false;
    worker_->step(1);
    updateButtons();
}

void TrainingPanel::stop()
{
    if (worker_ && runActive_)
        worker_->stop();
}

void TrainingPanel::shutdown()
{
    if (!thread_)
        return;
    redrawTimer_->stop();
    if (worker_)
        worker_->stop();
    thread_.reset();
    generation_ = 0;
    runActive_ = running_ = false;
    updateButtons();
}

void TrainingPanel::onProgress(quint64 generation, const QList<TrainingPoint>& points)
{
    if (generation != generation_ || points.isEmpty())
        return;
    curves_->add(points);
    lastStep_ = points.back().step;
    const TrainingPoint& p = points.back();
    status_->setText(tr("Epoch %1 of %2 · step %3 · loss %4 · learning rate %5")
                         .arg(p.epoch, 0, 'f', 2)
                         .arg(epochs_->value())
                         .arg(p.step)
                         .arg(p.loss, 0, 'f', 4)
                         .arg(double(p.epochEnd ? p.baseLearningRate : p.learningRate), 0, 'g', 3));
    dirty_ = true;
    emit progressed(int(points.size()));
}

void TrainingPanel::onRunEnded(const TrainingOutcome& outcome)
{
    if (outcome.generation != generation_)
        return;
    divergence_->hide(); // a run that ended needs no decision any more
    runActive_ = running_ = false;
    status_->setText(outcome.message);
    if (outcome.evaluated)
        showConfusion(outcome);
    if (outcome.evaluated && worker_) // else the worker still holds an earlier run's model
        insights_->setFinalModel(worker_->lastModel(), worker_->lastTestSet(), outcome.confusion);
    dirty_ = true;
    updateButtons();
    emit statusMessage(outcome.message);
    emit runFinished(outcome);
}

void TrainingPanel::onDiverged(quint64 generation, const QString& message)
{
    if (generation != generation_)
        return;
    running_ = false; // the trainer has paused itself
    status_->setText(message);
    divergence_->showDivergence(message, learningRate_->value());
    dirty_ = true;
    updateButtons();
    emit statusMessage(message);
    emit diverged(message);
}

void TrainingPanel::showConfusion(const TrainingOutcome& outcome)
{
    if (std::isfinite(outcome.testAccuracy))
        testConfusion_->setSummary(tr("<b>Test set</b>: %1 samples, accuracy <b>%2 %</b>, loss %3 &nbsp; "
                                      "(confusion matrix: rows are the true classes, columns the predictions)")
                                       .arg(outcome.testSamples)
                                       .arg(100.0 * outcome.testAccuracy, 0, 'f', 2)
                                       .arg(outcome.testLoss, 0, 'f', 4));
    else
        testConfusion_->setSummary(tr("<b>Test set</b>: %1 samples, loss %2").arg(outcome.testSamples).arg(outcome.testLoss, 0, 'f', 4));
    testConfusion_->setCells(outcome.confusion, worker_ ? worker_->lastTestSet() : nullptr, outcome.classNames);
}

void TrainingPanel::updateButtons()
{
    const bool alive = thread_ != nullptr;
    startButton_->setEnabled(alive && (runActive_ ? !running_ : modelValid_));
    startButton_->setText(runActive_ ? tr("Resume") : tr("Start"));
    pauseButton_->setEnabled(alive && runActive_ && running_);
    stepButton_->setEnabled(alive && (runActive_ || modelValid_));
    stopButton_->setEnabled(alive && runActive_);
    dataset_->setEnabled(!runActive_);
    spec_->setReadOnly(runActive_);
    modelSource_->setEnabled(!runActive_);
}

} // namespace ws::ui
