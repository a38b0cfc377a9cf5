// SPDX-License-Identifier: GPL-3.0-or-later
#include "playground/PlaygroundPanel.h"
#include "common/EnumText.h"

#include "common/DivergenceDialog.h"
#include "common/Format.h"
#include "common/Layouts.h"
#include "common/TransportBar.h"
#include "shell/AppSettings.h"

#include "playground/BoundaryPlot.h"
#include "playground/LossPlot.h"
#include "playground/NetworkSettings.h"
#include "playground/NetworkView.h"
#include "playground/PlaygroundWorker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ws::ui {

namespace {

constexpr int kRedrawMs = 33; // ~30 Hz until setRefreshRate()

// TensorFlow Playground's learning-rate and regularisation-rate menus.
constexpr double kLearningRates[] = { 0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10 };
constexpr double kRegularizationRates[] = { 0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10 };

} // namespace

PlaygroundPanel::PlaygroundPanel(QWidget* parent) : QWidget(parent), thread_(new QThread)
{
    boundary_ = new BoundaryPlot;
    network_ = new NetworkView;
    network_->setGradient(boundary_->gradient());
    loss_ = new LossPlot;
    stats_ = new QLabel;
    stats_->setTextFormat(Qt::RichText);
    stats_->setWordWrap(true);

    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(stats_);
    rightLayout->addWidget(boundary_, 3);
    rightLayout->addWidget(loss_, 1);

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(network_);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 420, 460 });
    splitter->setChildrenCollapsible(false);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(makeControls());
    layout->addWidget(splitter, 1);

    thread_->setObjectName(QStringLiteral("playground-training"));
    auto* worker = new PlaygroundWorker;
    worker->moveToThread(thread_.get());
    connect(thread_.get(), &QThread::finished, worker, &QObject::deleteLater);
    inbox_.connect(worker, &PlaygroundWorker::dataReady, this, &PlaygroundPanel::onData);
    inbox_.connect(worker, &PlaygroundWorker::snapshotReady, this, &PlaygroundPanel::onSnapshot);
    inbox_.connect(worker, &PlaygroundWorker::runEnded, this, &PlaygroundPanel::onRunEnded);
    inbox_.connect(worker, &PlaygroundWorker::diverged, this, &PlaygroundPanel::onDiverged);
    divergence_ = new DivergenceDialog(this);
    connect(divergence_, &DivergenceDialog::lowerLearningRate, this, &PlaygroundPanel::lowerLearningRate);
    connect(divergence_, &DivergenceDialog::resetRequested, this, &PlaygroundPanel::reset);
    // The Playground has no Stop: its run stays paused at the last finite weights, to be looked at.
    connect(divergence_, &DivergenceDialog::stopRequested, this, &PlaygroundPanel::pause);
    connect(network_, &NetworkView::edited, this, &PlaygroundPanel::editWeight);
    worker_ = worker;
    thread_->start();

    redrawTimer_ = new QTimer(this);
    redrawTimer_->setInterval(kRedrawMs);
    connect(redrawTimer_, &QTimer::timeout, this, &PlaygroundPanel::redraw);
    redrawTimer_->start();

    reset();
}

PlaygroundPanel::~PlaygroundPanel() { shutdown(); }

QWidget* PlaygroundPanel::makeControls()
{
    transport_ = new TransportBar(TransportBar::Kind::Loop);
    auto* controls = new QWidget;
    auto* column = new QVBoxLayout(controls);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(makeDataBox());
    networkSettings_ = new NetworkSettings;
    column->addWidget(networkSettings_);
    column->addWidget(makeTrainingBox());
    column->addStretch(1);
    controls->setMaximumWidth(300);

    QWidget* scroll = settingsColumn(controls, controls->sizeHint().width(), 316, transport_);

    network_->setInputNames(networkSettings_->featureNames());
    connectControls();
    return scroll;
}

QWidget* PlaygroundPanel::makeDataBox()
{
    problem_ = new QComboBox;
    problem_->addItem(tr("Classification"), false);
    problem_->addItem(tr("Regression"), true);
    problem_->setToolTip(tr("Whether the network predicts a class or a value"));
    dataset_ = new QComboBox;
    dataset_->setToolTip(tr("The pattern of the points to learn"));
    fillDatasets();
    dataset_->setCurrentIndex(dataset_->findData(int(PlaygroundKind::Spiral)));
    noise_ = new QSpinBox;
    noise_->setRange(0, 50);
    noise_->setToolTip(tr("Noise as in TensorFlow Playground (0 to 50)"));
    trainShare_ = new QSpinBox;
    trainShare_->setRange(10, 90);
    trainShare_->setSingleStep(10);
    trainShare_->setValue(50);
    trainShare_->setSuffix(tr(" %"));
    trainShare_->setToolTip(tr("Share of the points used for training; the rest are test points"));
    showTest_ = new QCheckBox(tr("Test data"));
    showTest_->setToolTip(tr("Show the test points (outlined in black)"));
    discretize_ = new QCheckBox(tr("Discretise"));
    discretize_->setToolTip(tr("Colour the plane by the predicted sign rather than the output's value"));
    regenerateButton_ = new QPushButton(tr("Regenerate"));
    regenerateButton_->setToolTip(tr("New random points, and new weights"));
    batchSize_ = new QSpinBox;
    batchSize_->setRange(1, 30);
    batchSize_->setValue(10);
    batchSize_->setToolTip(tr("Number of points in each training batch"));

    auto* data = new QGroupBox(tr("Data"));
    auto* dataForm = new QFormLayout(data);
    dataForm->addRow(tr("Problem:"), problem_);
    dataForm->addRow(tr("Dataset:"), dataset_);
    dataForm->addRow(tr("Noise:"), noise_);
    dataForm->addRow(tr("Training share:"), trainShare_);
    dataForm->addRow(tr("Batch size:"), batchSize_);
    auto* toggles = new QHBoxLayout;
    toggles->addWidget(showTest_);
    toggles->addWidget(discretize_);
    dataForm->addRow(toggles);
    dataForm->addRow(regenerateButton_);
    return data;
}

QWidget* PlaygroundPanel::makeTrainingBox()
{
    optimizer_ = new QComboBox;
    optimizer_->setToolTip(tr("The algorithm that updates the weights"));
    addEnumItems<OptimizerKind>(optimizer_);
    learningRate_ = new QComboBox;
    learningRate_->setToolTip(tr("How big a step each update of the weights takes"));
    for (const double lr : kLearningRates)
        learningRate_->addItem(QLocale().toString(lr, 'f', QLocale::FloatingPointShortest), lr);
    learningRate_->setCurrentIndex(learningRate_->findData(0.03));
    momentum_ = new QComboBox;
    momentum_->setToolTip(tr("SGD only: the share of the last update kept in the next"));
    for (const double m : { 0.0, 0.5, 0.9, 0.99 })
        momentum_->addItem(QLocale().toString(m, 'f', QLocale::FloatingPointShortest), m);
    const auto sgdOnly = [this] { momentum_->setEnabled(OptimizerKind(optimizer_->currentData().toInt()) == OptimizerKind::SGD); };
    connect(optimizer_, &QComboBox::currentIndexChanged, this, sgdOnly);
    sgdOnly();
    regularization_ = new QComboBox;
    regularization_->setToolTip(tr("The penalty on large weights added to the loss"));
    addEnumItems<Regularization>(regularization_);
    regularizationRate_ = new QComboBox;
    regularizationRate_->setToolTip(tr("How strongly large weights are penalised"));
    for (const double r : kRegularizationRates)
        regularizationRate_->addItem(QLocale().toString(r, 'f', QLocale::FloatingPointShortest), r);
    regularizationRate_->setEnabled(false);
    speed_ = new QComboBox;
    speed_->setToolTip(tr("How many epochs are trained per second"));
    speed_->addItem(tr("Slow (10 epochs/s)"), 10.0);
    speed_->addItem(tr("Playground (60 epochs/s)"), 60.0);
    speed_->addItem(tr("Fast (300 epochs/s)"), 300.0);
    speed_->addItem(tr("Unlimited"), 0.0);
    speed_->setCurrentIndex(2);

    auto* training = new QGroupBox(tr("Training"));
    auto* trainingForm = new QFormLayout(training);
    trainingForm->addRow(tr("Optimizer:"), optimizer_);
    trainingForm->addRow(tr("Learning rate:"), learningRate_);
    trainingForm->addRow(tr("Momentum:"), momentum_);
    trainingForm->addRow(tr("Regularisation:"), regularization_);
    trainingForm->addRow(tr("Rate:"), regularizationRate_);
    trainingForm->addRow(tr("Speed:"), speed_);
    return training;
}

void PlaygroundPanel::connectControls()
{
    transport_->drive(this);
    transport_->addShortcutsTo(this);
    connect(transport_, &TransportBar::stepEpochClicked, this, &PlaygroundPanel::stepEpoch);
    connect(transport_, &TransportBar::resetClicked, this, &PlaygroundPanel::reset);
    connect(regenerateButton_, &QPushButton::clicked, this, &PlaygroundPanel::regenerate);
    connect(problem_, &QComboBox::currentIndexChanged, this, [this] {
        fillDatasets();
        restartKeepingState();
    });
    connect(dataset_, &QComboBox::currentIndexChanged, this, &PlaygroundPanel::restartKeepingState);
    connect(noise_, &QSpinBox::valueChanged, this, &PlaygroundPanel::restartKeepingState);
    connect(trainShare_, &QSpinBox::valueChanged, this, &PlaygroundPanel::restartKeepingState);
    connect(networkSettings_, &NetworkSettings::featuresChanged, this, [this] {
        network_->setInputNames(networkSettings_->featureNames());
        restartKeepingState();
    });
    connect(networkSettings_, &NetworkSettings::hiddenLayersChanged, this, &PlaygroundPanel::restartKeepingState);
    connect(networkSettings_, &NetworkSettings::activationChanged, this, &PlaygroundPanel::restartKeepingState);
    connect(optimizer_, &QComboBox::currentIndexChanged, this, &PlaygroundPanel::restartKeepingState);
    connect(momentum_, &QComboBox::currentIndexChanged, this, &PlaygroundPanel::restartKeepingState);
    connect(regularization_, &QComboBox::currentIndexChanged, this, [this] {
        regularizationRate_->setEnabled(regularization_->currentData().toInt() != int(Regularization::None));
        restartKeepingState();
    });
    connect(regularizationRate_, &QComboBox::currentIndexChanged, this, &PlaygroundPanel::restartKeepingState);
    connect(batchSize_, &QSpinBox::valueChanged, this, &PlaygroundPanel::restartKeepingState);
    connect(speed_, &QComboBox::currentIndexChanged, this, [this] {
        if (worker_)
            worker_->setEpochsPerSecond(speed_->currentData().toDouble());
    });
    connect(learningRate_, &QComboBox::currentIndexChanged, this, [this] {
        if (worker_)
            worker_->setLearningRate(float(learningRate_->currentData().toDouble()));
    });
    connect(showTest_, &QCheckBox::toggled, this, [this](bool on) {
        boundary_->setTestPointsVisible(on);
        dirty_ = true;
    });
    connect(discretize_, &QCheckBox::toggled, this, [this](bool on) {
        boundary_->setDiscretized(on);
        dirty_ = true;
    });
}

void PlaygroundPanel::fillDatasets()
{
    const QSignalBlocker block(dataset_); // the caller restarts once
    const bool regression = problem_->currentData().toBool();
    dataset_->clear();
    if (regression) {
        addEnumItems(dataset_, { PlaygroundKind::Plane, PlaygroundKind::MultiGauss });
    } else {
        addEnumItems(dataset_, { PlaygroundKind::Circle, PlaygroundKind::Xor, PlaygroundKind::Gauss, PlaygroundKind::Spiral });
    }
}

void PlaygroundPanel::setHiddenLayers(const std::vector<int>& hidden)
{
    if (networkSettings_->setHiddenLayers(hidden))
        restartKeepingState();
}

void PlaygroundPanel::setFeatures(unsigned featureMask)
{
    if (!networkSettings_->setFeatures(featureMask))
        return;
    network_->setInputNames(networkSettings_->featureNames());
    restartKeepingState();
}

void PlaygroundPanel::setRegression(bool regression)
{
    problem_->setCurrentIndex(problem_->findData(regression)); // refills the datasets and restarts
}

PlaygroundConfig PlaygroundPanel::config() const
{
    PlaygroundConfig c;
    c.dataset = PlaygroundKind(dataset_->currentData().toInt());
    c.noise = noise_->value() / 100.0;
    c.testShare = 1.0 - trainShare_->value() / 100.0;
    c.features = networkSettings_->features();
    c.hidden = networkSettings_->hiddenLayers();
    c.activation = networkSettings_->activation();
    c.optimizer = OptimizerKind(optimizer_->currentData().toInt());
    c.learningRate = float(learningRate_->currentData().toDouble());
    c.momentum = momentum_->isEnabled() ? float(momentum_->currentData().toDouble()) : 0.0f;
    c.regularization = Regularization(regularization_->currentData().toInt());
    c.regularizationRate = float(regularizationRate_->currentData().toDouble());
    c.batchSize = batchSize_->value();
    c.epochsPerSecond = speed_->currentData().toDouble();
    c.dataSeed = dataSeed_;
    c.modelSeed = modelSeed_;
    c.runsFolder = settings::effectiveRunsFolder().toStdString();
    return c;
}

void PlaygroundPanel::start()
{
    if (!worker_)
        return;
    running_ = true;
    worker_->resume();
    updateButtons();
}

void PlaygroundPanel::pause()
{
    if (!worker_)
        return;
    running_ = false;
    worker_->pause();
    updateButtons();
}

void PlaygroundPanel::step()
{
    if (!worker_)
        return;
    running_ = false;
    worker_->step(1);
    updateButtons();
}

void PlaygroundPanel::stepEpoch()
{
    if (!worker_)
        return;
    running_ = false;
    worker_->step(int(std::clamp<qint64>(batchesPerEpoch_, 1, 1 << 20)));
    updateButtons();
}

void PlaygroundPanel::regenerate()
{
    ++dataSeed_;
    restartKeepingState();
}

void PlaygroundPanel::editWeight(const WeightEdit& edit)
{
    if (worker_)
        worker_->editWeight(edit);
}

void PlaygroundPanel::reset()
{
    running_ = false;
    restartKeepingState();
}

void PlaygroundPanel::restartKeepingState()
{
    if (!worker_)
        return;
    ++modelSeed_;
    const PlaygroundConfig c = config();
    generation_ = worker_->startRun(c, !running_);
    haveSnapshot_ = false;
    loss_->clear();
    boundary_->clearBoundary();
    network_->clear();
    dirty_ = true;
    updateButtons();
}

void PlaygroundPanel::shutdown()
{
    if (!thread_)
        return;
    redrawTimer_->stop();
    if (worker_)
        worker_->stop(); // makes the blocking run() return, so the thread can be joined
    thread_.reset();
    generation_ = 0; // signals still queued for this panel are stale now
    running_ = false;
    updateButtons();
}

void PlaygroundPanel::onData(const PlaygroundData& data)
{
    if (data.generation != generation_)
        return;
    boundary_->setPoints(data);
    batchesPerEpoch_ = data.batchesPerEpoch;
    dirty_ = true;
}

void PlaygroundPanel::onSnapshot(const PlaygroundSnapshot& snapshot)
{
    if (snapshot.generation != generation_)
        return;
    latest_ = snapshot;
    haveSnapshot_ = true;
    loss_->addPoint(snapshot.epoch, snapshot.trainLoss, snapshot.testLoss);
    dirty_ = true;
    emit progressed(snapshot.step);
    emit snapshotArrived(snapshot);
}

void PlaygroundPanel::onRunEnded(quint64 generation, const QString& message)
{
    if (generation != generation_)
        return;
    divergence_->hide();
    running_ = false;
    updateButtons();
    emit statusMessage(message);
}

void PlaygroundPanel::onDiverged(quint64 generation, const QString& message)
{
    if (generation != generation_)
        return;
    running_ = false; // the trainer has paused itself
    updateButtons();
    divergence_->showDivergence(message, learningRate_->currentData().toDouble());
    emit statusMessage(message);
    emit diverged(message);
}

void PlaygroundPanel::lowerLearningRate()
{
    const double target = learningRate_->currentData().toDouble() / 10.0;
    int best = 0; // the listed rates are ascending: the largest at or below a tenth, else the smallest
    for (int i = 0; i < learningRate_->count(); ++i)
        if (learningRate_->itemData(i).toDouble() <= target * 1.0001)
            best = i;
    learningRate_->setCurrentIndex(best); // reaches the worker through currentIndexChanged
    start();
}

void PlaygroundPanel::redraw()
{
    if (!dirty_)
        return;
    dirty_ = false;
    if (haveSnapshot_) {
        boundary_->setBoundary(latest_.boundary);
        network_->setPicture(latest_.network);
        QString text = tr("<b>Epoch</b> %1 &nbsp; <b>Step</b> %2<br>"
                          "<b>Training loss</b> %3 &nbsp; <b>Test loss</b> %4")
                           .arg(QString::number(std::floor(latest_.epoch), 'f', 0))
                           .arg(latest_.step)
                           .arg(formatLoss(latest_.trainLoss), formatLoss(latest_.testLoss));
        if (std::isfinite(latest_.testAccuracy)) // classification only
            text += tr("<br><b>Test accuracy</b> %1 %").arg(100.0 * latest_.testAccuracy, 0, 'f', 1);
        stats_->setText(text);
    }
    loss_->rescale();
    boundary_->replot(QCustomPlot::rpQueuedRefresh);
    loss_->replot(QCustomPlot::rpQueuedRefresh);
}

void PlaygroundPanel::updateButtons()
{
    const bool alive = thread_ != nullptr;
    transport_->setState(alive, true, running_);
    regenerateButton_->setEnabled(alive);
}

void PlaygroundPanel::setRefreshRate(int hz)
{
    redrawTimer_->setInterval(1000 / std::clamp(hz, 1, 1000));
}

} // namespace ws::ui
