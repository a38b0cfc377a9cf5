// SPDX-License-Identifier: GPL-3.0-or-later
#include "playground/RacePanel.h"

#include "common/EnumText.h"
#include "common/Format.h"
#include "common/Layouts.h"
#include "common/OptimizerTips.h"
#include "common/TransportBar.h"
#include "playground/BoundaryPlot.h"
#include "playground/PlaygroundWorker.h"
#include "playground/RaceLossPlot.h"
#include "util/Error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <utility>

namespace ws::ui {

namespace {

constexpr int kRedrawMs = 33; // ~30 Hz, as the Playground's own plots

QString number(double value) { return QLocale().toString(value, 'f', QLocale::FloatingPointShortest); }
// A setting held as float (0.03f is 0.0299999993...): six significant digits are all it has.
QString number(float value) { return QLocale().toString(double(value), 'g', 6); }

} // namespace

RacePanel::RacePanel(QWidget* parent) : QWidget(parent)
{
    loss_ = new RaceLossPlot;
    summary_ = new QLabel;
    summary_->setWordWrap(true);
    auto* maps = new QGridLayout;
    for (int i = 0; i < kMaxRaceContestants; ++i)
        maps->addWidget(makeLane(i), i / 2, i % 2);
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(maps, 3);
    rightLayout->addWidget(loss_, 1);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(makeControls());
    layout->addWidget(right, 1);

    // One thread per lane: the contestants train in parallel where there are cores for it, and
    // each PlaygroundWorker runs exactly as the Playground's own (same recipe, same trainer).
    for (int i = 0; i < kMaxRaceContestants; ++i) {
        Lane& lane = lanes_[size_t(i)];
        lane.thread.reset(new QThread);
        lane.thread->setObjectName(QStringLiteral("race-%1").arg(i));
        auto* worker = new PlaygroundWorker;
        worker->moveToThread(lane.thread.get());
        connect(lane.thread.get(), &QThread::finished, worker, &QObject::deleteLater);
        inbox_.connect(worker, &PlaygroundWorker::dataReady, [this, i](const PlaygroundData& d) { onData(i, d); });
        inbox_.connect(worker, &PlaygroundWorker::snapshotReady, [this, i](const PlaygroundSnapshot& s) { onSnapshot(i, s); });
        inbox_.connect(worker, &PlaygroundWorker::runEnded,
            [this, i](quint64 generation, const QString& message) { onRunEnded(i, generation, message); });
        inbox_.connect(worker, &PlaygroundWorker::diverged,
            [this, i](quint64 generation, const QString& message) { onDiverged(i, generation, message); });
        lane.worker = worker;
        lane.thread->start();
    }

    redrawTimer_ = new QTimer(this);
    redrawTimer_->setInterval(kRedrawMs);
    connect(redrawTimer_, &QTimer::timeout, this, &RacePanel::redraw);
    redrawTimer_->start();
    base_.epochsPerSecond = speed_->currentData().toDouble();
    setContestants(defaultRaceContestants());
}

RacePanel::~RacePanel() { shutdown(); }

QWidget* RacePanel::makeControls()
{
    transport_ = new TransportBar(TransportBar::Kind::Loop);
    transport_->drive(this);
    transport_->addShortcutsTo(this);
    connect(transport_, &TransportBar::stepEpochClicked, this, &RacePanel::stepEpoch);
    connect(transport_, &TransportBar::resetClicked, this, &RacePanel::reset);

    auto* contestants = new QGroupBox(tr("Contestants"));
    auto* column = new QVBoxLayout(contestants);
    for (int i = 0; i < kMaxRaceContestants; ++i)
        column->addWidget(makeRow(i));
    auto* note = new QLabel(tr("Every contestant trains the Playground's network from the same initial weights "
                               "on the same batches; only the optimizer, its learning rate and its momentum differ. Data, network, "
                               "Adam's β1 and β2, RMSprop's ρ, ε, schedule, warm-up, weight decay, regularisation and "
                               "batch size are the Playground's."));
    note->setWordWrap(true);

    speed_ = new QComboBox;
    speed_->setToolTip(tr("How many epochs each contestant trains per second"));
    speed_->addItem(tr("Slow (10 epochs/s)"), 10.0);
    speed_->addItem(tr("Playground (60 epochs/s)"), 60.0);
    speed_->addItem(tr("Fast (300 epochs/s)"), 300.0);
    speed_->addItem(tr("Unlimited"), 0.0);
    speed_->setCurrentIndex(2);
    connect(speed_, &QComboBox::currentIndexChanged, this, [this] { setEpochsPerSecond(speed_->currentData().toDouble()); });
    auto* pace = new QFormLayout;
    pace->addRow(tr("Speed:"), speed_);

    auto* controls = new QWidget;
    auto* layout = new QVBoxLayout(controls);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(contestants);
    layout->addLayout(pace);
    layout->addWidget(note);
    layout->addWidget(summary_);
    layout->addStretch(1);
    return settingsColumn(controls, controls->sizeHint().width(), 340, transport_);
}

QWidget* RacePanel::makeRow(int index)
{
    Row& row = rows_[size_t(index)];
    row.enabled = new QCheckBox(tr("Contestant %1").arg(index + 1));
    row.enabled->setToolTip(index < kMinRaceContestants ? tr("A race has at least two contestants")
                                                        : tr("Whether this contestant races"));
    row.enabled->setChecked(true);
    row.enabled->setEnabled(index >= kMinRaceContestants);
    row.optimizer = new QComboBox;
    row.optimizer->setToolTip(tr("The algorithm that updates this contestant's weights"));
    addEnumItems<OptimizerKind>(row.optimizer);
    row.learningRate = new QComboBox;
    row.learningRate->setToolTip(tr("This contestant's learning rate"));
    for (const double lr : kPlaygroundLearningRates)
        row.learningRate->addItem(number(lr), lr);
    row.momentum = new QComboBox;
    row.momentum->setToolTip(optimizerTip(OptimizerSetting::Momentum));
    for (const double m : kPlaygroundMomenta)
        row.momentum->addItem(number(m), m);
    row.nesterov = new QCheckBox(tr("Nesterov"));
    row.nesterov->setToolTip(optimizerTip(OptimizerSetting::Nesterov));

    auto* box = new QWidget;
    auto* form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 6);
    QLabel* swatch = new QLabel;
    swatch->setFixedSize(12, 12);
    swatch->setStyleSheet(QStringLiteral("background: %1").arg(RaceLossPlot::colour(index).name()));
    swatch->setToolTip(tr("This contestant's colour in the loss plot"));
    auto* head = new QHBoxLayout;
    head->addWidget(swatch);
    head->addWidget(row.enabled, 1);
    form->addRow(head);
    form->addRow(tr("Optimizer:"), row.optimizer);
    form->addRow(tr("Learning rate:"), row.learningRate);
    auto* momentumRow = new QHBoxLayout;
    momentumRow->addWidget(row.momentum, 1);
    momentumRow->addWidget(row.nesterov);
    form->addRow(tr("Momentum:"), momentumRow);

    connect(row.enabled, &QCheckBox::toggled, this, &RacePanel::rowsChanged);
    connect(row.optimizer, &QComboBox::currentIndexChanged, this, &RacePanel::rowsChanged);
    connect(row.learningRate, &QComboBox::currentIndexChanged, this, &RacePanel::rowsChanged);
    connect(row.momentum, &QComboBox::currentIndexChanged, this, &RacePanel::rowsChanged);
    connect(row.nesterov, &QCheckBox::toggled, this, &RacePanel::rowsChanged);
    return box;
}

QWidget* RacePanel::makeLane(int index)
{
    Lane& lane = lanes_[size_t(index)];
    lane.title = new QLabel;
    lane.title->setTextFormat(Qt::RichText);
    lane.title->setWordWrap(true);
    lane.plot = new BoundaryPlot;
    lane.plot->setMinimumSize(200, 200);
    lane.box = new QWidget;
    lane.box->setObjectName(QStringLiteral("raceLane%1").arg(index));
    // The frame in the contestant's colour ties the map to its loss curve.
    lane.box->setStyleSheet(QStringLiteral("#raceLane%1 { border: 3px solid %2; }").arg(index).arg(RaceLossPlot::colour(index).name()));
    auto* layout = new QVBoxLayout(lane.box);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(lane.title);
    layout->addWidget(lane.plot, 1);
    return lane.box;
}

std::vector<RaceContestant> RacePanel::contestants() const
{
    std::vector<RaceContestant> out;
    for (const Row& row : rows_) {
        if (!row.enabled->isChecked())
            continue;
        RaceContestant c;
        c.optimizer = OptimizerKind(row.optimizer->currentData().toInt());
        c.learningRate = float(row.learningRate->currentData().toDouble());
        c.momentum = row.momentum->isEnabled() ? float(row.momentum->currentData().toDouble()) : 0.0f;
        c.nesterov = row.nesterov->isEnabled() && row.nesterov->isChecked();
        out.push_back(c);
    }
    return out;
}

void RacePanel::setContestants(const std::vector<RaceContestant>& contestants)
{
    if (contestants.size() < size_t(kMinRaceContestants) || contestants.size() > size_t(kMaxRaceContestants))
        throw ConfigError("an optimizer race needs 2 to 4 contestants");
    for (size_t i = 0; i < rows_.size(); ++i) {
        Row& row = rows_[i];
        const QSignalBlocker blocks[] = { QSignalBlocker(row.enabled), QSignalBlocker(row.optimizer),
            QSignalBlocker(row.learningRate), QSignalBlocker(row.momentum), QSignalBlocker(row.nesterov) };
        row.enabled->setChecked(i < contestants.size());
        if (i >= contestants.size())
            continue;
        const RaceContestant& c = contestants[i];
        row.optimizer->setCurrentIndex(row.optimizer->findData(int(c.optimizer)));
        // The nearest listed rate and momentum (the lists are TensorFlow Playground's).
        const auto nearest = [](QComboBox* box, double value) {
            int best = 0;
            for (int k = 0; k < box->count(); ++k)
                if (std::abs(box->itemData(k).toDouble() - value) < std::abs(box->itemData(best).toDouble() - value))
                    best = k;
            box->setCurrentIndex(best);
        };
        nearest(row.learningRate, c.learningRate);
        nearest(row.momentum, c.momentum);
        row.nesterov->setChecked(c.nesterov);
    }
    rowsChanged();
}

void RacePanel::rowsChanged()
{
    for (Row& row : rows_) {
        const bool on = row.enabled->isChecked();
        const bool sgd = OptimizerKind(row.optimizer->currentData().toInt()) == OptimizerKind::SGD;
        row.optimizer->setEnabled(on);
        row.learningRate->setEnabled(on);
        row.momentum->setEnabled(on && sgd);
        row.nesterov->setEnabled(on && sgd && row.momentum->currentData().toDouble() > 0.0);
    }
    restartSameInitialisation();
}

QString RacePanel::contestantText(const RaceContestant& c) const
{
    QString text = tr("%1 %2").arg(enumText(c.optimizer), number(c.learningRate));
    if (c.optimizer == OptimizerKind::SGD && c.momentum > 0.0f)
        text = c.nesterov ? tr("%1, momentum %2, Nesterov").arg(text, number(c.momentum))
                          : tr("%1, momentum %2").arg(text, number(c.momentum));
    return text;
}

void RacePanel::setBase(const PlaygroundConfig& base)
{
    base_ = base;
    base_.runsFolder.clear(); // four records a race would crowd the Runs list
    base_.fromEpoch = -1;
    base_.epochsPerSecond = speed_->currentData().toDouble();
    seedStep_ = 0;
    running_ = false;
    restart(false);
}

void RacePanel::reset()
{
    running_ = false;
    restart(true);
}

void RacePanel::restartSameInitialisation()
{
    running_ = false;
    restart(false);
}

void RacePanel::restart(bool newWeights)
{
    if (!alive_)
        return;
    if (newWeights)
        ++seedStep_;
    const std::vector<RaceContestant> chosen = contestants();
    std::vector<PlaygroundRecipe> recipes;
    try {
        recipes = raceRecipes(base_, chosen);
    } catch (const std::exception& e) {
        emit statusMessage(QString::fromStdString(e.what()));
        return;
    }
    QStringList names;
    active_ = int(recipes.size());
    for (int i = 0; i < kMaxRaceContestants; ++i) {
        Lane& lane = lanes_[size_t(i)];
        lane.have = false;
        lane.ended.clear();
        lane.latest = {};
        lane.box->setVisible(i < active_);
        lane.plot->clearBoundary();
        if (i >= active_) {
            lane.worker->stop();
            lane.generation = 0; // whatever the stopped run still sends is stale
            continue;
        }
        lane.label = contestantText(chosen[size_t(i)]);
        names.append(lane.label);
        PlaygroundConfig c = base_;
        static_cast<PlaygroundRecipe&>(c) = recipes[size_t(i)];
        c.modelSeed = base_.modelSeed + seedStep_;
        lane.generation = lane.worker->startRun(c, !running_);
        lane.title->setText(lane.label.toHtmlEscaped());
    }
    loss_->setContestants(names);
    lossDirty_ = true;
    updateButtons();
}

void RacePanel::driveLanes(bool running, const std::function<void(PlaygroundWorker&, const Lane&)>& order)
{
    if (!alive_)
        return;
    running_ = running;
    for (int i = 0; i < active_; ++i)
        order(*lanes_[size_t(i)].worker, lanes_[size_t(i)]);
    updateButtons();
}

void RacePanel::start()
{
    driveLanes(true, [](PlaygroundWorker& w, const Lane& lane) {
        if (lane.ended.isEmpty()) // a contestant that diverged stays where it stopped
            w.resume();
    });
}

void RacePanel::pause() { driveLanes(false, [](PlaygroundWorker& w, const Lane&) { w.pause(); }); }

void RacePanel::step() { driveLanes(false, [](PlaygroundWorker& w, const Lane&) { w.step(1); }); }

void RacePanel::stepEpoch()
{
    const int batches = int(std::clamp<qint64>(batchesPerEpoch_, 1, 1 << 20));
    driveLanes(false, [batches](PlaygroundWorker& w, const Lane&) { w.step(batches); });
}

void RacePanel::setEpochsPerSecond(double epochsPerSecond)
{
    base_.epochsPerSecond = epochsPerSecond;
    for (Lane& lane : lanes_)
        if (lane.worker)
            lane.worker->setEpochsPerSecond(epochsPerSecond);
}

void RacePanel::shutdown()
{
    if (!alive_)
        return;
    alive_ = false;
    redrawTimer_->stop();
    for (Lane& lane : lanes_) {
        if (lane.worker)
            lane.worker->stop(); // makes the blocking run() return, so the thread can be joined
        lane.generation = 0;
    }
    for (Lane& lane : lanes_)
        lane.thread.reset();
    running_ = false;
    updateButtons();
}

void RacePanel::onData(int i, const PlaygroundData& data)
{
    Lane& lane = lanes_[size_t(i)];
    if (data.generation != lane.generation)
        return;
    lane.plot->setPoints(data);
    lane.pointsChanged = true;
    loss_->setCrossEntropy(data.classes > 2);
    batchesPerEpoch_ = data.batchesPerEpoch;
    lane.dirty = true;
}

void RacePanel::onSnapshot(int i, const PlaygroundSnapshot& snapshot)
{
    Lane& lane = lanes_[size_t(i)];
    if (snapshot.generation != lane.generation)
        return;
    lane.latest = snapshot;
    lane.have = true;
    lane.dirty = true;
    loss_->addPoint(i, snapshot.epoch, snapshot.trainLoss);
    lossDirty_ = true;
    emit snapshotArrived(i, snapshot);
}

void RacePanel::onRunEnded(int i, quint64 generation, const QString& message)
{
    Lane& lane = lanes_[size_t(i)];
    if (generation != lane.generation)
        return;
    if (lane.ended.isEmpty())
        lane.ended = message;
    lane.dirty = true;
}

void RacePanel::onDiverged(int i, quint64 generation, const QString& message)
{
    Lane& lane = lanes_[size_t(i)];
    if (generation != lane.generation)
        return;
    // The others race on; this one stops where it diverged (its map stays, its curve ends).
    lane.ended = message;
    lane.worker->stop();
    lane.dirty = true;
    emit statusMessage(tr("%1: %2").arg(lane.label, message));
}

void RacePanel::redraw()
{
    bool drew = false;
    QStringList standings;
    for (int i = 0; i < active_; ++i) {
        Lane& lane = lanes_[size_t(i)];
        if (lane.have)
            standings.append(tr("%1: loss %2").arg(lane.label, formatLoss(lane.latest.trainLoss)));
        if (!lane.dirty)
            continue;
        lane.dirty = false;
        drew = true;
        QString text = QStringLiteral("<b>%1</b>").arg(lane.label.toHtmlEscaped());
        if (lane.have) {
            const PlaygroundSnapshot& s = lane.latest;
            text += tr("<br>Epoch %1 &nbsp; training loss %2 &nbsp; test loss %3")
                        .arg(QString::number(std::floor(s.epoch), 'f', 0), formatLoss(s.trainLoss), formatLoss(s.testLoss));
            if (std::isfinite(s.testAccuracy))
                text += tr(" &nbsp; test accuracy %1 %").arg(100.0 * s.testAccuracy, 0, 'f', 1);
            lane.plot->setBoundary(s.boundary, s.outputs);
        }
        if (!lane.ended.isEmpty())
            text += QStringLiteral("<br><i>%1</i>").arg(lane.ended.toHtmlEscaped());
        lane.title->setText(text);
        if (std::exchange(lane.pointsChanged, false))
            lane.plot->replot(QCustomPlot::rpQueuedRefresh);
        else
            lane.plot->replotBoundary(); // only the map is new
    }
    if (lossDirty_) {
        lossDirty_ = false;
        drew = true;
        loss_->rescale();
        loss_->replot(QCustomPlot::rpQueuedRefresh);
        summary_->setText(standings.join(QLatin1Char('\n')));
    }
    if (drew)
        ++frames_;
}

void RacePanel::updateButtons() { transport_->setState(alive_, true, running_); }

} // namespace ws::ui
