// SPDX-License-Identifier: GPL-3.0-or-later
#include "playground/PlaygroundPanel.h"
#include "common/EnumText.h"

#include "common/ClassColours.h"
#include "common/DivergenceDialog.h"
#include "common/Format.h"
#include "common/Layouts.h"
#include "common/OptimizerTips.h"
#include "common/TransportBar.h"
#include "shell/AppSettings.h"

#include "playground/BoundaryPlot.h"
#include "playground/LossPlot.h"
#include "playground/NetworkSettings.h"
#include "playground/NetworkView.h"
#include "playground/OwnDataBox.h"
#include "playground/PlaygroundWorker.h"
#include "playground/RacePanel.h"
#include "training/ConfusionHeatmap.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>
#include <cmath>
#include <limits>

namespace ws::ui {

namespace {

constexpr int kRedrawMs = 33; // ~30 Hz until setRefreshRate()
// A hovered neuron's map, enlarged from kNeuronGridSize: "what this neuron does" at a glance.
constexpr int kHoverMapSide = 80;
// The Playground's epochs last milliseconds and its snapshots come at ~30 Hz: the health check
// (core/train/TrainingHealth.h, three epochs flat at chance) samples the whole training set every
// this many epochs, so that a slow start (the spiral at 0.03 crawls for a hundred epochs) is
// not taken for a dead network.
constexpr double kHealthEpochs = 100.0;

// TensorFlow Playground's regularisation-rate menu (its learning rates: PlaygroundTypes.h).
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
    confusion_ = new ConfusionHeatmap;
    confusion_->setMinimumSize(180, 150);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(loss_, 2);
    bottom->addWidget(confusion_, 1);
    rightLayout->addLayout(bottom, 1);
    rightLayout->addWidget(makeTimeline()); // the whole width: the more room, the finer the scrubbing

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(makeNetworkColumn());
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
    inbox_.connect(worker, &PlaygroundWorker::momentReady, this, &PlaygroundPanel::onMoment);
    inbox_.connect(worker, &PlaygroundWorker::runEnded, this, &PlaygroundPanel::onRunEnded);
    inbox_.connect(worker, &PlaygroundWorker::diverged, this, &PlaygroundPanel::onDiverged);
    inbox_.connect(worker, &PlaygroundWorker::sessionSaved, this, &PlaygroundPanel::onSessionSaved);
    inbox_.connect(worker, &PlaygroundWorker::networkReady, this, &PlaygroundPanel::networkReady);
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
    // No maximum width of its own: the column is as wide as its widest row needs (settingsColumn),
    // so that no combo box is cut short ("Step deca", and longer words in German and French; #22).

    QWidget* scroll = settingsColumn(controls, controls->sizeHint().width(), 316, transport_);

    network_->setInputNames(networkSettings_->featureNames());
    connectControls();
    return scroll;
}

QWidget* PlaygroundPanel::makeNetworkColumn()
{
    // #22, read the network: what the pointer is over, live, and a neuron's map enlarged.
    // Its room is kept while empty: a row that grew under the pointer would move the drawing,
    // and with it what the pointer is over.
    hoverMap_ = new QLabel;
    hoverMap_->setFixedSize(kHoverMapSide, kHoverMapSide);
    hoverLine_ = new QLabel;
    hoverLine_->setWordWrap(true);
    const QString hint = tr("Point at a link or a neuron to read its weight and its gradient; click it to type a new value.");
    hoverLine_->setText(hint);
    connect(network_, &NetworkView::hovered, this, [this, hint](const QString& text, const QImage& map) {
        hoverLine_->setText(text.isEmpty() ? hint : text);
        if (map.isNull())
            hoverMap_->clear();
        else
            hoverMap_->setPixmap(QPixmap::fromImage(map.scaled(kHoverMapSide, kHoverMapSide, Qt::IgnoreAspectRatio, Qt::FastTransformation)));
    });
    auto* column = new QWidget;
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(network_, 1);
    auto* row = new QHBoxLayout;
    row->addWidget(hoverMap_);
    row->addWidget(hoverLine_, 1);
    layout->addLayout(row);
    return column;
}

QWidget* PlaygroundPanel::makeTimeline()
{
    timeline_ = new QSlider(Qt::Horizontal);
    timeline_->setRange(0, 0);
    timeline_->setToolTip(tr("The training so far: drag back to see the network at an earlier epoch "
                             "(every epoch of the last %1 is kept, earlier ones thinned); the right end is live")
                              .arg(TrainingTimeline::kWindowEpochs));
    timelineLabel_ = new QLabel;
    timelineLabel_->setMinimumWidth(timelineLabel_->fontMetrics().horizontalAdvance(tr("Epoch %1").arg(8888888)));
    restartHere_ = new QPushButton(tr("Restart from here"));
    restartHere_->setToolTip(tr("Go on training from the epoch shown; the history after it is dropped"));
    restartHere_->setEnabled(false);
    connect(timeline_, &QSlider::valueChanged, this, &PlaygroundPanel::showEpoch);
    connect(restartHere_, &QPushButton::clicked, this, &PlaygroundPanel::restartFromHere);

    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(timeline_, 1);
    layout->addWidget(timelineLabel_);
    layout->addWidget(restartHere_);
    updateTimeline();
    return row;
}

void PlaygroundPanel::showEpoch(qint64 epoch)
{
    if (!worker_)
        return;
    if (epoch >= timeline_->maximum()) {
        backToLive();
        return;
    }
    if (running_)
        pause(); // looking back holds the training where it is
    viewing_ = std::max<qint64>(0, epoch);
    if (timeline_->value() != viewing_) {
        const QSignalBlocker block(timeline_);
        timeline_->setValue(int(viewing_));
    }
    worker_->showMoment(viewing_);
    updateTimeline();
}

void PlaygroundPanel::backToLive()
{
    viewing_ = -1;
    haveMoment_ = false;
    loss_->setMarker(std::numeric_limits<double>::quiet_NaN());
    dirty_ = true;
    updateTimeline();
}

void PlaygroundPanel::onMoment(const PlaygroundSnapshot& snapshot)
{
    if (snapshot.generation != generation_ || viewing_ < 0)
        return; // a run gone, or back to live meanwhile
    moment_ = snapshot;
    haveMoment_ = true;
    dirty_ = true;
    updateTimeline();
    emit momentArrived(snapshot);
}

void PlaygroundPanel::restartFromHere()
{
    if (!worker_ || viewing_ < 0 || !haveMoment_)
        return;
    const auto from = qint64(std::llround(moment_.epoch));
    PlaygroundConfig c = config();
    c.fromEpoch = from;
    // A run record re-runs from the recipe's first weights (weightscope-cli rerun), which this
    // continuation does not start from: it is not recorded.
    c.runsFolder.clear();
    running_ = false;
    loss_->dropAfter(moment_.epoch);
    network_->clearHistory(); // the sparklines showed a future that is gone
    latest_ = moment_; // what the new run's first snapshot will show again
    latest_.past = false;
    haveSnapshot_ = true;
    nextHealthEpoch_ = (std::floor(moment_.epoch / kHealthEpochs) + 1.0) * kHealthEpochs;
    generation_ = worker_->startRun(c, true);
    backToLive(); // the slider ends at the moment, which is live now
    updateButtons();
    emit statusMessage(tr("Training goes on from epoch %1, paused; the history after it is dropped. "
                          "This continuation is not recorded as a run.")
                           .arg(from));
}

void PlaygroundPanel::updateTimeline()
{
    const bool past = viewing_ >= 0;
    const qint64 live = haveSnapshot_ ? qint64(std::floor(latest_.epoch)) : 0;
    {
        const QSignalBlocker block(timeline_);
        timeline_->setMaximum(int(std::clamp<qint64>(live, 0, std::numeric_limits<int>::max())));
        if (!past)
            timeline_->setValue(timeline_->maximum());
    }
    if (past && haveMoment_)
        timelineLabel_->setText(tr("Epoch %1").arg(qint64(std::llround(moment_.epoch))));
    else if (past)
        timelineLabel_->setText(tr("Epoch %1").arg(viewing_));
    else
        timelineLabel_->setText(tr("Live"));
    restartHere_->setEnabled(past && haveMoment_ && worker_);
}

QWidget* PlaygroundPanel::makeDataBox()
{
    problem_ = new QComboBox;
    problem_->addItem(tr("Classification"), false);
    problem_->addItem(tr("Regression"), true);
    problem_->setToolTip(tr("Whether the network predicts a class or a value"));
    dataset_ = new QComboBox;
    dataset_->setToolTip(tr("The pattern of the points to learn"));
    PlaygroundKind kind = PlaygroundKind::Spiral;
    try { // the dataset of the last session
        kind = parsePlaygroundKind(settings::playgroundDataset.get().toStdString());
    } catch (const std::exception&) {
    }
    problem_->setCurrentIndex(problem_->findData(isRegression(kind)));
    fillDatasets();
    dataset_->setCurrentIndex(std::max(0, dataset_->findData(int(kind))));
    ownData_ = new OwnDataBox;
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
    dataForm->addRow(ownData_);
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
    optimizer_->setToolTip(optimizerTip(OptimizerSetting::Optimizer));
    addEnumItems<OptimizerKind>(optimizer_);
    learningRate_ = new QComboBox;
    learningRate_->setToolTip(tr("How big a step each update of the weights takes"));
    for (const double lr : kPlaygroundLearningRates)
        learningRate_->addItem(QLocale().toString(lr, 'f', QLocale::FloatingPointShortest), lr);
    learningRate_->setCurrentIndex(learningRate_->findData(0.03));
    momentum_ = new QComboBox;
    momentum_->setToolTip(optimizerTip(OptimizerSetting::Momentum));
    for (const double m : kPlaygroundMomenta)
        momentum_->addItem(QLocale().toString(m, 'f', QLocale::FloatingPointShortest), m);
    nesterov_ = new QCheckBox(tr("Nesterov"));
    nesterov_->setToolTip(optimizerTip(OptimizerSetting::Nesterov));
    const auto sgdOnly = [this] {
        const bool sgd = OptimizerKind(optimizer_->currentData().toInt()) == OptimizerKind::SGD;
        momentum_->setEnabled(sgd);
        nesterov_->setEnabled(sgd && momentum_->currentData().toDouble() > 0.0);
    };
    connect(optimizer_, &QComboBox::currentIndexChanged, this, sgdOnly);
    connect(momentum_, &QComboBox::currentIndexChanged, this, sgdOnly);
    sgdOnly();
    // Weight decay and warm-up, as the Training panel offers them (#21: every setting in both).
    weightDecay_ = new QComboBox;
    weightDecay_->setToolTip(optimizerTip(OptimizerSetting::WeightDecay));
    weightDecay_->addItem(tr("default"), -1.0);
    for (const double d : { 0.0, 1e-4, 1e-3, 1e-2, 1e-1 })
        weightDecay_->addItem(QLocale().toString(d, 'g', 3), d);
    warmup_ = new QComboBox;
    warmup_->setToolTip(optimizerTip(OptimizerSetting::Warmup));
    for (const int steps : { 0, 10, 100, 1000 })
        warmup_->addItem(tr("%n step(s)", nullptr, steps), steps);
    makeScheduleControls(); // #22
    makeOptimizerDetails();
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

    sameInitButton_ = new QPushButton(tr("Same initialisation"));
    sameInitButton_->setToolTip(tr("Start again from exactly the weights this network started from (Reset draws new ones)"));
    connect(sameInitButton_, &QPushButton::clicked, this, &PlaygroundPanel::resetSameInitialisation);

    auto* training = new QGroupBox(tr("Training"));
    auto* trainingForm = trainingForm_ = new QFormLayout(training);
    trainingForm->addRow(tr("Optimizer:"), optimizer_);
    trainingForm->addRow(tr("Learning rate:"), learningRate_);
    auto* momentumRow = new QHBoxLayout;
    momentumRow->setContentsMargins(0, 0, 0, 0);
    momentumRow->addWidget(momentum_, 1);
    momentumRow->addWidget(nesterov_);
    trainingForm->addRow(tr("Momentum:"), momentumRow);
    trainingForm->addRow(tr("β1 / β2:"), betaRow_);
    trainingForm->addRow(tr("ρ:"), rho_);
    trainingForm->addRow(tr("ε:"), epsilon_);
    trainingForm->addRow(tr("Weight decay:"), weightDecay_);
    trainingForm->addRow(tr("Warm-up:"), warmup_);
    trainingForm->addRow(tr("Schedule:"), schedule_);
    trainingForm->addRow(tr("Period:"), scheduleEpochs_);
    trainingForm->addRow(tr("Decay factor:"), stepGamma_);
    trainingForm->addRow(tr("Floor:"), cosineMinLr_);
    trainingForm->addRow(tr("Regularisation:"), regularization_);
    trainingForm->addRow(tr("Rate:"), regularizationRate_);
    trainingForm->addRow(tr("Speed:"), speed_);
    trainingForm->addRow(sameInitButton_);
    trainingForm->addRow(raceButton_);
    connect(optimizer_, &QComboBox::currentIndexChanged, this, &PlaygroundPanel::showSettingsInUse);
    connect(schedule_, &QComboBox::currentIndexChanged, this, &PlaygroundPanel::showSettingsInUse);
    showSettingsInUse();
    return training;
}

void PlaygroundPanel::makeOptimizerDetails()
{
    // #22: every setting of the engine's optimizers and schedules (core/train/Optimizer.h,
    // Schedule.h), each offered as a short list around its usual value like the rest of the
    // Playground; a session or record with another value adds it to the list when opened.
    // The recipe's default selected: compared as floats, as the recipe holds them (0.9f is not 0.9).
    const auto list = [](const QString& tip, const auto& values, float current) {
        auto* box = new QComboBox;
        box->setToolTip(tip);
        for (const double v : values) {
            box->addItem(QLocale().toString(v, 'g', QLocale::FloatingPointShortest), v);
            if (float(v) == current)
                box->setCurrentIndex(box->count() - 1);
        }
        return box;
    };
    const PlaygroundRecipe defaults;
    beta1_ = list(optimizerTip(OptimizerSetting::Beta1), kPlaygroundBeta1s, defaults.beta1);
    beta2_ = list(optimizerTip(OptimizerSetting::Beta2), kPlaygroundBeta2s, defaults.beta2);
    betaRow_ = new QWidget;
    auto* betas = new QHBoxLayout(betaRow_);
    betas->setContentsMargins(0, 0, 0, 0);
    betas->addWidget(beta1_, 1);
    betas->addWidget(beta2_, 1);
    rho_ = list(optimizerTip(OptimizerSetting::Rho), kPlaygroundRhos, defaults.rho);
    epsilon_ = list(optimizerTip(OptimizerSetting::Epsilon), kPlaygroundEpsilons, defaults.epsilon);
    stepGamma_ = list(tr("Step decay: what the learning rate is multiplied by every so many epochs"),
        kPlaygroundStepGammas, defaults.stepGamma);
    cosineMinLr_ = list(tr("Cosine: the learning rate the cosine ends at and stays at"), kPlaygroundCosineFloors,
        defaults.cosineMinLr);
    for (QComboBox* box : { beta1_, beta2_, rho_, epsilon_, stepGamma_, cosineMinLr_ })
        connect(box, &QComboBox::currentIndexChanged, this, &PlaygroundPanel::restartKeepingState);
}

void PlaygroundPanel::showSettingsInUse()
{
    const auto kind = OptimizerKind(optimizer_->currentData().toInt());
    const auto schedule = ScheduleKind(schedule_->currentData().toInt());
    trainingForm_->setRowVisible(betaRow_, optimizerUsesBetas(kind));
    trainingForm_->setRowVisible(rho_, optimizerUsesRho(kind));
    trainingForm_->setRowVisible(epsilon_, optimizerUsesEpsilon(kind));
    trainingForm_->setRowVisible(scheduleEpochs_, schedule != ScheduleKind::Constant);
    trainingForm_->setRowVisible(stepGamma_, schedule == ScheduleKind::Step);
    trainingForm_->setRowVisible(cosineMinLr_, schedule == ScheduleKind::Cosine);
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
        datasetChosen();
        restartKeepingState();
    });
    connect(dataset_, &QComboBox::currentIndexChanged, this, [this] {
        datasetChosen();
        restartKeepingState();
    });
    connect(boundary_, &BoundaryPlot::brushAt, ownData_, &OwnDataBox::brushAt);
    connect(boundary_, &BoundaryPlot::strokeFinished, ownData_, &OwnDataBox::finishStroke);
    connect(ownData_, &OwnDataBox::previewChanged, this, &PlaygroundPanel::showOwnPoints);
    connect(ownData_, &OwnDataBox::pointsChanged, this, [this] {
        if (isOwnData())
            restartKeepingState();
    });
    connect(ownData_, &OwnDataBox::statusMessage, this, &PlaygroundPanel::statusMessage);
    datasetChosen();
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
    connect(nesterov_, &QCheckBox::toggled, this, &PlaygroundPanel::restartKeepingState);
    connect(weightDecay_, &QComboBox::currentIndexChanged, this, &PlaygroundPanel::restartKeepingState);
    connect(warmup_, &QComboBox::currentIndexChanged, this, &PlaygroundPanel::restartKeepingState);
    connect(schedule_, &QComboBox::currentIndexChanged, this, &PlaygroundPanel::restartKeepingState);
    connect(scheduleEpochs_, &QComboBox::currentIndexChanged, this, &PlaygroundPanel::restartKeepingState);
    connect(raceButton_, &QPushButton::clicked, this, &PlaygroundPanel::openRace);
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
        addEnumItems(dataset_, { PlaygroundKind::Circle, PlaygroundKind::Xor, PlaygroundKind::Gauss, PlaygroundKind::Spiral,
                                   PlaygroundKind::FourBlobs, PlaygroundKind::Custom });
    }
}

bool PlaygroundPanel::canTrain()
{
    if (!isOwnData() || ownData_->problem().isEmpty())
        return true;
    emit statusMessage(ownData_->problem());
    return false;
}

bool PlaygroundPanel::isOwnData() const
{
    return PlaygroundKind(dataset_->currentData().toInt()) == PlaygroundKind::Custom;
}

void PlaygroundPanel::datasetChosen()
{
    const bool own = isOwnData();
    ownData_->setVisible(own);
    boundary_->setDrawing(own);
    noise_->setEnabled(!own);
    settings::playgroundDataset.set(QString::fromStdString(playgroundName(PlaygroundKind(dataset_->currentData().toInt()))));
}

void PlaygroundPanel::showOwnPoints()
{
    const Dataset& points = *ownData_->points();
    PlaygroundData data;
    data.classes = std::max(2, points.numClasses);
    for (int64_t i = 0; i < points.size(); ++i) {
        data.trainPoints.append(QPointF(points.x[2 * i], points.x[2 * i + 1]));
        data.trainLabels.append(points.labels[size_t(i)]);
    }
    boundary_->setPoints(data);
    dirty_ = true;
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

void PlaygroundPanel::setDataset(PlaygroundKind kind)
{
    problem_->setCurrentIndex(problem_->findData(isRegression(kind))); // refills the list
    dataset_->setCurrentIndex(dataset_->findData(int(kind)));          // restarts when it changed
}

void PlaygroundPanel::setRegression(bool regression)
{
    problem_->setCurrentIndex(problem_->findData(regression)); // refills the datasets and restarts
}

PlaygroundConfig PlaygroundPanel::config() const
{
    PlaygroundConfig c;
    c.dataset = PlaygroundKind(dataset_->currentData().toInt());
    if (c.dataset == PlaygroundKind::Custom)
        c.points = ownData_->points();
    c.noise = noise_->value() / 100.0;
    c.testShare = 1.0 - trainShare_->value() / 100.0;
    c.features = networkSettings_->features();
    c.hidden = networkSettings_->hiddenLayers();
    c.activation = networkSettings_->activation();
    c.optimizer = OptimizerKind(optimizer_->currentData().toInt());
    c.learningRate = float(learningRate_->currentData().toDouble());
    c.momentum = momentum_->isEnabled() ? float(momentum_->currentData().toDouble()) : 0.0f;
    c.nesterov = nesterov_->isEnabled() && nesterov_->isChecked();
    c.weightDecay = float(weightDecay_->currentData().toDouble());
    c.warmupSteps = warmup_->currentData().toInt();
    c.schedule = ScheduleKind(schedule_->currentData().toInt());
    c.scheduleEpochs = scheduleEpochs_->currentData().toInt();
    // #22: all kept, whichever optimizer is chosen (the recipe gives each optimizer only its own).
    c.beta1 = float(beta1_->currentData().toDouble());
    c.beta2 = float(beta2_->currentData().toDouble());
    c.epsilon = float(epsilon_->currentData().toDouble());
    c.rho = float(rho_->currentData().toDouble());
    c.stepGamma = float(stepGamma_->currentData().toDouble());
    c.cosineMinLr = float(cosineMinLr_->currentData().toDouble());
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
    if (!worker_ || !canTrain())
        return;
    backToLive(); // training goes on from the live end
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
    if (!worker_ || !canTrain())
        return;
    backToLive(); // training goes on from the live end
    running_ = false;
    worker_->step(1);
    updateButtons();
}

void PlaygroundPanel::stepEpoch()
{
    if (!worker_ || !canTrain())
        return;
    backToLive(); // training goes on from the live end
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
    if (!worker_)
        return;
    if (viewing_ >= 0) { // the drawing shows the past; the edit would reach the live model unseen
        emit statusMessage(tr("Weights are edited on the live network: drag the timeline to its right end first."));
        return;
    }
    worker_->editWeight(edit);
}

void PlaygroundPanel::reset()
{
    running_ = false;
    restartKeepingState();
}

void PlaygroundPanel::restartKeepingState() { restart(true); }

void PlaygroundPanel::resetSameInitialisation()
{
    running_ = false;
    restart(false);
}

void PlaygroundPanel::restart(bool newWeights)
{
    if (!worker_)
        return;
    if (newWeights || modelSeed_ == 0)
        ++modelSeed_;
    haveSnapshot_ = false;
    loss_->clear();
    boundary_->clearBoundary();
    network_->clear();
    confusion_->setCells(nullptr, {});
    health_ = {};
    nextHealthEpoch_ = kHealthEpochs;
    backToLive();
    dirty_ = true;
    if (isOwnData() && !ownData_->problem().isEmpty()) {
        // Nothing to train on yet: the points drawn so far, and what is missing.
        worker_->stop();
        generation_ = 0; // whatever the stopped run still sends is stale
        running_ = false;
        showOwnPoints();
        stats_->setText(ownData_->problem().toHtmlEscaped());
    } else {
        PlaygroundConfig c = config();
        // #22: an opened session's run is recorded naming the session, which a re-run starts from.
        c.fromState = std::exchange(openedState_, nullptr);
        c.fromSessionPath = std::exchange(openedSessionPath_, {});
        c.fromSessionRun = std::exchange(openedSessionRun_, {});
        generation_ = worker_->startRun(c, !running_);
    }
    updateButtons();
}

void PlaygroundPanel::shutdown()
{
    if (!thread_)
        return;
    redrawTimer_->stop();
    if (race_) { // its window would keep the application alive
        race_->shutdown();
        race_->close();
    }
    if (worker_)
        worker_->stop(); // makes the blocking run() return, so the thread can be joined
    thread_.reset();
    if (sessionReader_.joinable())
        sessionReader_.join(); // a file of at most kMaxPlaygroundSessionBytes: soon read
    generation_ = 0; // signals still queued for this panel are stale now
    running_ = false;
    updateButtons();
}

void PlaygroundPanel::onData(const PlaygroundData& data)
{
    if (data.generation != generation_)
        return;
    boundary_->setPoints(data);
    network_->setOutputClasses(data.classes > 2 ? data.classes : 0);
    loss_->setCrossEntropy(data.classes > 2);
    classNames_ = data.classNames;
    classes_ = data.classes;
    confusion_->setClassColours(classColours(data.classes));
    confusion_->setVisible(data.classes > 0);
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
    network_->addToHistory(snapshot.network);
    checkHealth(snapshot);
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

void PlaygroundPanel::checkHealth(const PlaygroundSnapshot& snapshot)
{
    // The same test and the same dialog as the Training panel's: once per run, only while
    // training (a person stepping by hand is watching already).
    if (snapshot.step == 0) {
        health_.addStart(snapshot.trainLoss);
        return;
    }
    if (snapshot.epoch < nextHealthEpoch_)
        return;
    nextHealthEpoch_ = (std::floor(snapshot.epoch / kHealthEpochs) + 1.0) * kHealthEpochs;
    health_.addEpoch(snapshot.trainLoss, snapshot.trainAccuracy);
    if (!running_)
        return;
    const double rate = learningRate_->currentData().toDouble();
    const std::string problem = health_.warnOnce(classes_, rate);
    if (problem.empty())
        return;
    pause();
    const QString message = tr("Training paused: %1").arg(QString::fromStdString(problem));
    divergence_->showDivergence(message, rate);
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
    // Looking back: the moment drawn for the slider's epoch (the live view until it arrives).
    const bool past = viewing_ >= 0 && haveMoment_;
    const PlaygroundSnapshot& shown = past ? moment_ : latest_;
    if (haveSnapshot_ || past) {
        boundary_->setBoundary(shown.boundary, shown.outputs);
        showConfusion(shown);
        network_->setPicture(shown.network);
        QString text = tr("<b>Epoch</b> %1 &nbsp; <b>Step</b> %2<br>"
                          "<b>Training loss</b> %3 &nbsp; <b>Test loss</b> %4")
                           .arg(QString::number(std::floor(shown.epoch), 'f', 0))
                           .arg(shown.step)
                           .arg(formatLoss(shown.trainLoss), formatLoss(shown.testLoss));
        if (std::isfinite(shown.testAccuracy)) // classification only
            text += tr("<br><b>Test accuracy</b> %1 %").arg(100.0 * shown.testAccuracy, 0, 'f', 1);
        if (past)
            text = tr("<b>Looking back</b> (the live run is at epoch %1)<br>").arg(QString::number(std::floor(latest_.epoch), 'f', 0)) + text;
        stats_->setText(text);
    }
    loss_->setMarker(past ? moment_.epoch : std::numeric_limits<double>::quiet_NaN());
    updateTimeline();
    loss_->rescale();
    boundary_->replot(QCustomPlot::rpQueuedRefresh);
    loss_->replot(QCustomPlot::rpQueuedRefresh);
}

void PlaygroundPanel::showConfusion(const PlaygroundSnapshot& shown)
{
    const auto k = qsizetype(std::llround(std::sqrt(double(shown.confusion.size()))));
    if (k < 2 || k * k != shown.confusion.size())
        return;
    auto cells = std::make_shared<ConfusionCells>();
    cells->numClasses = int(k);
    cells->counts.assign(shown.confusion.begin(), shown.confusion.end());
    for (qsizetype i = 0; i < k; ++i)
        cells->correct += shown.confusion[i * k + i];
    for (const qint64 n : shown.confusion)
        cells->total += n;
    confusion_->setCells(cells, classNames_);
}

void PlaygroundPanel::updateButtons()
{
    const bool alive = thread_ != nullptr;
    transport_->setState(alive, true, running_);
    regenerateButton_->setEnabled(alive);
    sameInitButton_->setEnabled(alive);
}

void PlaygroundPanel::setRefreshRate(int hz)
{
    redrawTimer_->setInterval(1000 / std::clamp(hz, 1, 1000));
}

void PlaygroundPanel::makeScheduleControls()
{
    // #22: the trainer's schedules after the warm-up. The Playground trains without end, so a
    // schedule spans a number of epochs (core/train/Schedule.h, cosine_epochs).
    schedule_ = new QComboBox;
    schedule_->setToolTip(tr("After the warm-up the learning rate stays, falls by a factor every so many epochs "
                             "(step decay), or falls along a cosine to its floor over so many epochs"));
    addEnumItems<ScheduleKind>(schedule_);
    scheduleEpochs_ = new QComboBox;
    scheduleEpochs_->setToolTip(tr("Step decay: epochs between two decays; cosine: epochs to reach the floor"));
    for (const int epochs : { 20, 50, 100, 200, 500 })
        scheduleEpochs_->addItem(tr("%n epoch(s)", nullptr, epochs), epochs);
    scheduleEpochs_->setCurrentIndex(scheduleEpochs_->findData(100)); // shown by showSettingsInUse
    raceButton_ = new QPushButton(tr("Race optimizers…"));
    raceButton_->setToolTip(tr("Train this network with two to four optimizers side by side, from the same initial "
                               "weights on the same batches"));
}

void PlaygroundPanel::openRace()
{
    // #22: the race trains this panel's data and network from its current initial weights; the
    // Playground pauses meanwhile, so the two cores go to the contestants.
    pause();
    if (!race_) {
        race_ = new RacePanel(this);
        race_->setWindowFlag(Qt::Window);
        race_->setWindowTitle(tr("Optimizer race"));
        race_->resize(1400, 900);
        connect(race_, &RacePanel::statusMessage, this, &PlaygroundPanel::statusMessage);
    }
    race_->setBase(config());
    race_->show();
    race_->raise();
    race_->activateWindow();
}

} // namespace ws::ui
