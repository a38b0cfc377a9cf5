// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/OptimizerSection.h"
#include "common/EnumText.h"

#include <QComboBox>
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
    threads_ = new QSpinBox;
    threads_->setRange(0, 256);
    threads_->setSpecialValueText(tr("all cores"));
    threads_->setToolTip(tr("Number of threads used for training"));

    auto* form = new QFormLayout(this);
    form->addRow(tr("Optimizer:"), optimizer_);
    form->addRow(tr("Learning rate:"), learningRate_);
    form->addRow(tr("Schedule:"), schedule_);
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
}

int OptimizerSection::epochs() const { return epochs_->value(); }

uint64_t OptimizerSection::seed() const { return uint64_t(seed_->value()); }

double OptimizerSection::learningRate() const { return learningRate_->value(); }

void OptimizerSection::setLearningRate(double rate) { learningRate_->setValue(rate); }

} // namespace ws::ui
