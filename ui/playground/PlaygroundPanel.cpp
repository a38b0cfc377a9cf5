#include "playground/PlaygroundPanel.h"

#include "playground/BoundaryPlot.h"
#include "playground/LossPlot.h"
#include "playground/TrainingWorker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace ws::ui {

namespace {

constexpr int kRedrawMs = 33; // ~30 Hz until setRefreshRate()
constexpr int kMaxHiddenLayers = 8;
constexpr int kMaxNeurons = 64;

// TensorFlow Playground's learning-rate menu.
constexpr double kLearningRates[] = { 0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10 };

// "8, 8" -> {8, 8}; values outside 1..kMaxNeurons are clamped, extra layers dropped.
std::vector<int> parseHidden(const QString& text)
{
    std::vector<int> layers;
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    for (const QString& part : text.split(separators, Qt::SkipEmptyParts)) {
        if (int(layers.size()) == kMaxHiddenLayers)
            break;
        layers.push_back(std::clamp(part.toInt(), 1, kMaxNeurons));
    }
    return layers;
}

QString formatLoss(double v) { return std::isfinite(v) ? QString::number(v, 'f', 4) : QStringLiteral("–"); }

} // namespace

PlaygroundPanel::PlaygroundPanel(QWidget* parent) : QWidget(parent), thread_(new QThread)
{
    boundary_ = new BoundaryPlot;
    loss_ = new LossPlot;
    stats_ = new QLabel;
    stats_->setTextFormat(Qt::RichText);
    stats_->setWordWrap(true);

    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(stats_);
    rightLayout->addWidget(loss_, 1);

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(boundary_);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({ 560, 380 }); // the boundary is the picture; the curves are its caption
    splitter->setChildrenCollapsible(false);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(makeControls());
    layout->addWidget(splitter, 1);

    thread_->setObjectName(QStringLiteral("playground-training"));
    auto* worker = new TrainingWorker;
    worker->moveToThread(thread_.get());
    connect(thread_.get(), &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &TrainingWorker::dataReady, this, &PlaygroundPanel::onData);
    connect(worker, &TrainingWorker::snapshotReady, this, &PlaygroundPanel::onSnapshot);
    connect(worker, &TrainingWorker::runEnded, this, &PlaygroundPanel::onRunEnded);
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
    dataset_ = new QComboBox;
    dataset_->addItem(tr("Circle"), int(PlaygroundKind::Circle));
    dataset_->addItem(tr("Exclusive or"), int(PlaygroundKind::Xor));
    dataset_->addItem(tr("Gaussian"), int(PlaygroundKind::Gauss));
    dataset_->addItem(tr("Spiral"), int(PlaygroundKind::Spiral));
    dataset_->setCurrentIndex(dataset_->findData(int(PlaygroundKind::Spiral)));
    noise_ = new QSpinBox;
    noise_->setRange(0, 50);
    noise_->setToolTip(tr("Noise as in TensorFlow Playground (0 to 50)"));
    showTest_ = new QCheckBox(tr("Show test data"));

    hidden_ = new QLineEdit(QStringLiteral("8, 8"));
    hidden_->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9,\\s]*")), hidden_));
    hidden_->setToolTip(tr("Neurons per hidden layer, separated by commas (at most %1 layers of %2)")
                            .arg(kMaxHiddenLayers)
                            .arg(kMaxNeurons));
    activation_ = new QComboBox;
    activation_->addItem(tr("Tanh"), int(ActivationKind::Tanh));
    activation_->addItem(tr("ReLU"), int(ActivationKind::ReLU));
    activation_->addItem(tr("Sigmoid"), int(ActivationKind::Sigmoid));
    activation_->addItem(tr("Linear"), int(ActivationKind::Linear));

    optimizer_ = new QComboBox;
    optimizer_->addItem(tr("SGD"), int(OptimizerKind::SGD));
    optimizer_->addItem(tr("Adam"), int(OptimizerKind::Adam));
    learningRate_ = new QComboBox;
    for (const double lr : kLearningRates)
        learningRate_->addItem(QLocale().toString(lr, 'f', QLocale::FloatingPointShortest), lr);
    learningRate_->setCurrentIndex(learningRate_->findData(0.03));
    batchSize_ = new QSpinBox;
    batchSize_->setRange(1, 30);
    batchSize_->setValue(10);
    speed_ = new QComboBox;
    speed_->addItem(tr("Slow (10 epochs/s)"), 10.0);
    speed_->addItem(tr("Playground (60 epochs/s)"), 60.0);
    speed_->addItem(tr("Fast (300 epochs/s)"), 300.0);
    speed_->addItem(tr("Unlimited"), 0.0);
    speed_->setCurrentIndex(2);

    startButton_ = new QPushButton(tr("Start"));
    pauseButton_ = new QPushButton(tr("Pause"));
    stepButton_ = new QPushButton(tr("Step"));
    stepButton_->setToolTip(tr("Train on one batch, then pause"));
    resetButton_ = new QPushButton(tr("Reset"));
    resetButton_->setToolTip(tr("Start again from new random weights"));

    auto* data = new QGroupBox(tr("Data"));
    auto* dataForm = new QFormLayout(data);
    dataForm->addRow(tr("Dataset:"), dataset_);
    dataForm->addRow(tr("Noise:"), noise_);
    dataForm->addRow(showTest_);

    auto* network = new QGroupBox(tr("Network"));
    auto* networkForm = new QFormLayout(network);
    networkForm->addRow(tr("Features:"), new QLabel(tr("x₁, x₂")));
    networkForm->addRow(tr("Hidden layers:"), hidden_);
    networkForm->addRow(tr("Activation:"), activation_);
    networkForm->addRow(tr("Output:"), new QLabel(tr("1 neuron, tanh")));

    auto* training = new QGroupBox(tr("Training"));
    auto* trainingForm = new QFormLayout(training);
    trainingForm->addRow(tr("Optimizer:"), optimizer_);
    trainingForm->addRow(tr("Learning rate:"), learningRate_);
    trainingForm->addRow(tr("Batch size:"), batchSize_);
    trainingForm->addRow(tr("Loss:"), new QLabel(tr("MSE on ±1")));
    trainingForm->addRow(tr("Speed:"), speed_);

    auto* buttons = new QGridLayout;
    buttons->addWidget(startButton_, 0, 0);
    buttons->addWidget(pauseButton_, 0, 1);
    buttons->addWidget(stepButton_, 1, 0);
    buttons->addWidget(resetButton_, 1, 1);

    auto* controls = new QWidget;
    auto* column = new QVBoxLayout(controls);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(data);
    column->addWidget(network);
    column->addWidget(training);
    column->addLayout(buttons);
    column->addStretch(1);
    controls->setMaximumWidth(280);

    connect(startButton_, &QPushButton::clicked, this, &PlaygroundPanel::start);
    connect(pauseButton_, &QPushButton::clicked, this, &PlaygroundPanel::pause);
    connect(stepButton_, &QPushButton::clicked, this, &PlaygroundPanel::step);
    connect(resetButton_, &QPushButton::clicked, this, &PlaygroundPanel::reset);
    connect(dataset_, &QComboBox::currentIndexChanged, this, &PlaygroundPanel::restartKeepingState);
    connect(noise_, &QSpinBox::valueChanged, this, &PlaygroundPanel::restartKeepingState);
    connect(hidden_, &QLineEdit::editingFinished, this, [this] {
        if (parseHidden(hidden_->text()) != runHidden_)
            restartKeepingState();
    });
    connect(activation_, &QComboBox::currentIndexChanged, this, &PlaygroundPanel::restartKeepingState);
    connect(optimizer_, &QComboBox::currentIndexChanged, this, &PlaygroundPanel::restartKeepingState);
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
    return controls;
}

PlaygroundConfig PlaygroundPanel::config() const
{
    PlaygroundConfig c;
    c.dataset = PlaygroundKind(dataset_->currentData().toInt());
    c.noise = noise_->value() / 100.0;
    c.hidden = parseHidden(hidden_->text());
    c.activation = ActivationKind(activation_->currentData().toInt());
    c.optimizer = OptimizerKind(optimizer_->currentData().toInt());
    c.learningRate = float(learningRate_->currentData().toDouble());
    c.batchSize = batchSize_->value();
    c.epochsPerSecond = speed_->currentData().toDouble();
    c.modelSeed = modelSeed_;
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
    runHidden_ = c.hidden;
    generation_ = worker_->startRun(c, !running_);
    haveSnapshot_ = false;
    loss_->clear();
    boundary_->clearBoundary();
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
}

void PlaygroundPanel::onRunEnded(quint64 generation, const QString& message)
{
    if (generation != generation_)
        return;
    running_ = false;
    updateButtons();
    emit statusMessage(message);
}

void PlaygroundPanel::redraw()
{
    if (!dirty_)
        return;
    dirty_ = false;
    if (haveSnapshot_) {
        boundary_->setBoundary(latest_.boundary);
        stats_->setText(tr("<b>Epoch</b> %1 &nbsp; <b>Step</b> %2<br>"
                           "<b>Training loss</b> %3 &nbsp; <b>Test loss</b> %4<br>"
                           "<b>Test accuracy</b> %5 %")
                            .arg(QString::number(std::floor(latest_.epoch), 'f', 0))
                            .arg(latest_.step)
                            .arg(formatLoss(latest_.trainLoss), formatLoss(latest_.testLoss))
                            .arg(std::isfinite(latest_.testAccuracy) ? QString::number(100.0 * latest_.testAccuracy, 'f', 1)
                                                                     : QStringLiteral("–")));
    }
    loss_->rescale();
    boundary_->replot(QCustomPlot::rpQueuedRefresh);
    loss_->replot(QCustomPlot::rpQueuedRefresh);
}

void PlaygroundPanel::updateButtons()
{
    const bool alive = thread_ != nullptr;
    startButton_->setEnabled(alive && !running_);
    pauseButton_->setEnabled(alive && running_);
    stepButton_->setEnabled(alive);
    resetButton_->setEnabled(alive);
}

void PlaygroundPanel::setRefreshRate(int hz)
{
    redrawTimer_->setInterval(1000 / std::clamp(hz, 1, 1000));
}

} // namespace ws::ui
