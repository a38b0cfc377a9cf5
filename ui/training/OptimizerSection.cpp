// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/OptimizerSection.h"
#include "common/EnumText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>

#include <algorithm>

namespace ws::ui {

OptimizerSection::OptimizerSection(QWidget* parent) : QGroupBox(tr("Training"), parent)
{
    optimizer_ = new QComboBox;
    optimizer_->setToolTip(tr("The algorithm that updates the weights"));
    addEnumItems(optimizer_, { OptimizerKind::Adam, OptimizerKind::AdamW, OptimizerKind::SGD, OptimizerKind::RMSprop });
    learningRate_ = new QDoubleSpinBox;
    learningRate_->setDecimals(5);
    learningRate_->setRange(0.00001, 10.0);
    learningRate_->setSingleStep(0.0005);
    learningRate_->setValue(0.001);
    learningRate_->setToolTip(tr("Changes while training take effect at the next batch"));
    schedule_ = new QComboBox;
    schedule_->setToolTip(tr("How the learning rate changes over the epochs"));
    addEnumItems<ScheduleKind>(schedule_);
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
    momentum_ = new QDoubleSpinBox;
    momentum_->setRange(0.0, 0.999);
    momentum_->setDecimals(3);
    momentum_->setSingleStep(0.05);
    momentum_->setToolTip(tr("SGD only: the share of the last update kept in the next (0: plain SGD; 0.9 is common)"));
    nesterov_ = new QCheckBox(tr("Nesterov"));
    nesterov_->setToolTip(tr("SGD with momentum only: look ahead along the momentum before taking the gradient"));
    weightDecay_ = new QDoubleSpinBox;
    weightDecay_->setRange(-0.0001, 1.0);
    weightDecay_->setDecimals(4);
    weightDecay_->setSingleStep(0.0001);
    weightDecay_->setSpecialValueText(tr("default"));
    weightDecay_->setValue(-0.0001);
    weightDecay_->setToolTip(tr("Decoupled weight decay; \"default\" is the optimizer's own (0.01 for AdamW, else 0)"));
    const auto penalty = [](const QString& tip) {
        auto* box = new QDoubleSpinBox;
        box->setRange(0.0, 1.0);
        box->setDecimals(5);
        box->setSingleStep(0.0001);
        box->setToolTip(tip);
        return box;
    };
    l1_ = penalty(tr("L1 penalty on the weights, added to the loss (pushes weights to exactly zero)"));
    l2_ = penalty(tr("L2 penalty on the weights, added to the loss"));
    warmup_ = new QSpinBox;
    warmup_->setRange(0, 1'000'000);
    warmup_->setSuffix(tr(" steps"));
    warmup_->setToolTip(tr("The learning rate rises linearly from 0 over this many batches, then follows the schedule"));
    const auto sgdOnly = [this] {
        const bool sgd = OptimizerKind(optimizer_->currentData().toInt()) == OptimizerKind::SGD;
        momentum_->setEnabled(sgd);
        nesterov_->setEnabled(sgd && momentum_->value() > 0);
    };
    connect(optimizer_, &QComboBox::currentIndexChanged, this, sgdOnly);
    connect(momentum_, &QDoubleSpinBox::valueChanged, this, sgdOnly);
    sgdOnly();
    threads_ = new QSpinBox;
    threads_->setRange(0, 256);
    threads_->setSpecialValueText(tr("all cores"));
    threads_->setToolTip(tr("Number of threads used for training"));

    auto* form = new QFormLayout(this);
    form->addRow(tr("Optimizer:"), optimizer_);
    form->addRow(tr("Learning rate:"), learningRate_);
    auto* momentumRow = new QHBoxLayout;
    momentumRow->addWidget(momentum_, 1);
    momentumRow->addWidget(nesterov_);
    form->addRow(tr("Momentum:"), momentumRow);
    form->addRow(tr("Weight decay:"), weightDecay_);
    form->addRow(tr("L1 / L2:"), [&] {
        auto* row = new QHBoxLayout;
        row->addWidget(l1_);
        row->addWidget(l2_);
        return row;
    }());
    form->addRow(tr("Schedule:"), schedule_);
    form->addRow(tr("Warm-up:"), warmup_);
    form->addRow(tr("Batch size:"), batchSize_);
    form->addRow(tr("Epochs:"), epochs_);
    form->addRow(tr("Seed:"), seed_);
    form->addRow(tr("Threads:"), threads_);

    connect(learningRate_, &QDoubleSpinBox::valueChanged, this, &OptimizerSection::learningRateChanged);
}

void OptimizerSection::fill(TrainConfig& train) const
{
    train.epochs = epochs_->value();
    train.batchSize = batchSize_->value();
    train.seed = seed();
    train.threads = threads_->value();
    train.optimizer.kind = OptimizerKind(optimizer_->currentData().toInt());
    train.optimizer.learningRate = float(learningRate_->value());
    train.schedule.kind = ScheduleKind(schedule_->currentData().toInt());
    train.schedule.stepEpochs = std::max(1, epochs_->value() / 3);
    train.schedule.warmupSteps = warmup_->value();
    const bool sgd = train.optimizer.kind == OptimizerKind::SGD;
    train.optimizer.momentum = sgd ? float(momentum_->value()) : 0.0f;
    train.optimizer.nesterov = sgd && nesterov_->isChecked() && momentum_->value() > 0;
    train.optimizer.weightDecay = weightDecay_->value() < 0 ? -1.0f : float(weightDecay_->value());
    train.optimizer.l1 = float(l1_->value());
    train.optimizer.l2 = float(l2_->value());
}

void OptimizerSection::apply(const TrainConfig& train)
{
    epochs_->setValue(train.epochs);
    batchSize_->setValue(int(train.batchSize));
    seed_->setValue(int(train.seed));
    threads_->setValue(train.threads);
    optimizer_->setCurrentIndex(optimizer_->findData(int(train.optimizer.kind)));
    learningRate_->setValue(train.optimizer.learningRate);
    schedule_->setCurrentIndex(schedule_->findData(int(train.schedule.kind)));
    warmup_->setValue(int(std::min<int64_t>(train.schedule.warmupSteps, warmup_->maximum())));
    momentum_->setValue(train.optimizer.momentum);
    nesterov_->setChecked(train.optimizer.nesterov);
    weightDecay_->setValue(train.optimizer.weightDecay < 0 ? weightDecay_->minimum() : train.optimizer.weightDecay);
    l1_->setValue(train.optimizer.l1);
    l2_->setValue(train.optimizer.l2);
}

int OptimizerSection::epochs() const { return epochs_->value(); }

uint64_t OptimizerSection::seed() const { return uint64_t(seed_->value()); }

double OptimizerSection::learningRate() const { return learningRate_->value(); }

void OptimizerSection::setLearningRate(double rate) { learningRate_->setValue(rate); }

} // namespace ws::ui
