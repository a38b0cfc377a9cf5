// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/OptimizerSection.h"
#include "common/EnumText.h"
#include "common/OptimizerTips.h"
#include "train/PlaygroundRecipe.h" // optimizerUses*: which settings an optimizer has

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLocale>
#include <QSpinBox>

#include <algorithm>

namespace ws::ui {

OptimizerSection::OptimizerSection(QWidget* parent) : QGroupBox(tr("Training"), parent)
{
    optimizer_ = new QComboBox;
    optimizer_->setToolTip(optimizerTip(OptimizerSetting::Optimizer));
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
    momentum_->setToolTip(optimizerTip(OptimizerSetting::Momentum));
    nesterov_ = new QCheckBox(tr("Nesterov"));
    nesterov_->setToolTip(optimizerTip(OptimizerSetting::Nesterov));
    weightDecay_ = new QDoubleSpinBox;
    weightDecay_->setRange(-0.0001, 1.0);
    weightDecay_->setDecimals(4);
    weightDecay_->setSingleStep(0.0001);
    weightDecay_->setSpecialValueText(tr("default"));
    weightDecay_->setValue(-0.0001);
    weightDecay_->setToolTip(optimizerTip(OptimizerSetting::WeightDecay));
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
    warmup_->setToolTip(optimizerTip(OptimizerSetting::Warmup));
    const auto sgdOnly = [this] {
        const bool sgd = OptimizerKind(optimizer_->currentData().toInt()) == OptimizerKind::SGD;
        momentum_->setEnabled(sgd);
        nesterov_->setEnabled(sgd && momentum_->value() > 0);
    };
    connect(optimizer_, &QComboBox::currentIndexChanged, this, sgdOnly);
    connect(momentum_, &QDoubleSpinBox::valueChanged, this, sgdOnly);
    sgdOnly();
    // #22: the settings of Adam, AdamW and RMSprop and of the schedules (train/Optimizer.h, Schedule.h).
    const auto fraction = [](double max, int decimals, double value, const QString& tip) {
        auto* box = new QDoubleSpinBox;
        box->setRange(0.0, max);
        box->setDecimals(decimals);
        box->setSingleStep(0.01);
        box->setValue(value);
        box->setToolTip(tip);
        return box;
    };
    const OptimizerConfig optimizerDefaults;
    const ScheduleConfig scheduleDefaults;
    beta1_ = fraction(0.9999, 4, optimizerDefaults.beta1, optimizerTip(OptimizerSetting::Beta1));
    beta2_ = fraction(0.99999, 5, optimizerDefaults.beta2, optimizerTip(OptimizerSetting::Beta2));
    rho_ = fraction(0.9999, 4, optimizerDefaults.rho, optimizerTip(OptimizerSetting::Rho));
    epsilon_ = new QComboBox;
    epsilon_->setToolTip(optimizerTip(OptimizerSetting::Epsilon));
    for (const double eps : { 1e-10, 1e-8, 1e-7, 1e-6, 1e-4, 1e-2 })
        epsilon_->addItem(QLocale().toString(eps, 'g', QLocale::FloatingPointShortest), eps);
    epsilon_->setCurrentIndex(epsilon_->findData(1e-8));
    stepGamma_ = fraction(1.0, 3, scheduleDefaults.gamma,
        tr("Step decay: what the learning rate is multiplied by every third of the epochs"));
    stepGamma_->setMinimum(0.001);
    minLr_ = new QDoubleSpinBox;
    minLr_->setRange(0.0, 10.0);
    minLr_->setDecimals(6);
    minLr_->setSingleStep(0.0001);
    minLr_->setToolTip(tr("Cosine: the learning rate the cosine ends at"));
    threads_ = new QSpinBox;
    threads_->setRange(0, 256);
    threads_->setSpecialValueText(tr("all cores"));
    threads_->setToolTip(tr("Number of threads used for training"));

    auto* form = form_ = new QFormLayout(this);
    form->addRow(tr("Optimizer:"), optimizer_);
    form->addRow(tr("Learning rate:"), learningRate_);
    auto* momentumRow = new QHBoxLayout;
    momentumRow->addWidget(momentum_, 1);
    momentumRow->addWidget(nesterov_);
    form->addRow(tr("Momentum:"), momentumRow);
    form->addRow(tr("β1:"), beta1_);
    form->addRow(tr("β2:"), beta2_);
    form->addRow(tr("ρ:"), rho_);
    form->addRow(tr("ε:"), epsilon_);
    form->addRow(tr("Weight decay:"), weightDecay_);
    form->addRow(tr("L1 / L2:"), [&] {
        auto* row = new QHBoxLayout;
        row->addWidget(l1_);
        row->addWidget(l2_);
        return row;
    }());
    form->addRow(tr("Schedule:"), schedule_);
    form->addRow(tr("Decay factor:"), stepGamma_);
    form->addRow(tr("Floor:"), minLr_);
    form->addRow(tr("Warm-up:"), warmup_);
    form->addRow(tr("Batch size:"), batchSize_);
    form->addRow(tr("Epochs:"), epochs_);
    form->addRow(tr("Seed:"), seed_);
    form->addRow(tr("Threads:"), threads_);

    connect(learningRate_, &QDoubleSpinBox::valueChanged, this, &OptimizerSection::learningRateChanged);
    connect(optimizer_, &QComboBox::currentIndexChanged, this, &OptimizerSection::showSettingsInUse);
    connect(schedule_, &QComboBox::currentIndexChanged, this, &OptimizerSection::showSettingsInUse);
    showSettingsInUse();
}

void OptimizerSection::showSettingsInUse()
{
    const auto kind = OptimizerKind(optimizer_->currentData().toInt());
    const auto schedule = ScheduleKind(schedule_->currentData().toInt());
    form_->setRowVisible(beta1_, optimizerUsesBetas(kind));
    form_->setRowVisible(beta2_, optimizerUsesBetas(kind));
    form_->setRowVisible(rho_, optimizerUsesRho(kind));
    form_->setRowVisible(epsilon_, optimizerUsesEpsilon(kind));
    form_->setRowVisible(stepGamma_, schedule == ScheduleKind::Step);
    form_->setRowVisible(minLr_, schedule == ScheduleKind::Cosine);
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
    // #22: like momentum, only to the optimizer that uses them; the others keep the defaults.
    const OptimizerConfig defaults;
    const bool betas = optimizerUsesBetas(train.optimizer.kind);
    train.optimizer.beta1 = betas ? float(beta1_->value()) : defaults.beta1;
    train.optimizer.beta2 = betas ? float(beta2_->value()) : defaults.beta2;
    train.optimizer.rho = optimizerUsesRho(train.optimizer.kind) ? float(rho_->value()) : defaults.rho;
    train.optimizer.epsilon = optimizerUsesEpsilon(train.optimizer.kind) ? float(epsilon_->currentData().toDouble())
                                                                          : defaults.epsilon;
    train.schedule.gamma = float(stepGamma_->value());
    train.schedule.minLr = float(minLr_->value());
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
    beta1_->setValue(train.optimizer.beta1);
    beta2_->setValue(train.optimizer.beta2);
    rho_->setValue(train.optimizer.rho);
    int eps = epsilon_->findData(double(train.optimizer.epsilon));
    for (int i = 0; i < epsilon_->count() && eps < 0; ++i)
        if (float(epsilon_->itemData(i).toDouble()) == train.optimizer.epsilon)
            eps = i;
    if (eps < 0) { // a config's own value: offered from now on
        epsilon_->addItem(QLocale().toString(double(train.optimizer.epsilon), 'g', 9), double(train.optimizer.epsilon));
        eps = epsilon_->count() - 1;
    }
    epsilon_->setCurrentIndex(eps);
    stepGamma_->setValue(train.schedule.gamma);
    minLr_->setValue(train.schedule.minLr);
}

int OptimizerSection::epochs() const { return epochs_->value(); }

uint64_t OptimizerSection::seed() const { return uint64_t(seed_->value()); }

double OptimizerSection::learningRate() const { return learningRate_->value(); }

void OptimizerSection::setLearningRate(double rate) { learningRate_->setValue(rate); }

} // namespace ws::ui
