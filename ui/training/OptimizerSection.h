// SPDX-License-Identifier: GPL-3.0-or-later
// The Training panel's "Training" box: optimizer (momentum, Nesterov, Adam's betas, RMSprop's
// rho, epsilon, weight decay, L1/L2), learning rate, its schedule (step decay's factor, the
// cosine's floor) and warm-up, batch size, epochs, seed and threads. The learning rate may change during a run (learningRateChanged);
// the rest is read when a run starts.
#pragma once

#include "train/Experiment.h"

#include <QGroupBox>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QSpinBox;

namespace ws::ui {

class OptimizerSection : public QGroupBox {
    Q_OBJECT
public:
    explicit OptimizerSection(QWidget* parent = nullptr);

    void fill(TrainConfig& train) const; // epochs, batch, seed, threads, optimizer, schedule
    void apply(const TrainConfig& train);
    int epochs() const;
    uint64_t seed() const;
    double learningRate() const;
    void setLearningRate(double rate); // emits learningRateChanged

signals:
    void learningRateChanged(double rate);

private:
    void showSettingsInUse(); // #22: only the rows of the settings the optimizer and schedule use

    QComboBox* optimizer_ = nullptr;
    QDoubleSpinBox* learningRate_ = nullptr;
    QComboBox* schedule_ = nullptr;
    QDoubleSpinBox* momentum_ = nullptr;
    QCheckBox* nesterov_ = nullptr;
    QDoubleSpinBox* beta1_ = nullptr;   // #22: Adam, AdamW
    QDoubleSpinBox* beta2_ = nullptr;
    QDoubleSpinBox* rho_ = nullptr;     // RMSprop
    QComboBox* epsilon_ = nullptr;      // Adam, AdamW, RMSprop: a list, as a spin box cannot show 1e-8
    QDoubleSpinBox* stepGamma_ = nullptr; // step decay
    QDoubleSpinBox* minLr_ = nullptr;     // cosine
    QFormLayout* form_ = nullptr;
    QDoubleSpinBox* weightDecay_ = nullptr; // its minimum (shown as "default"): the optimizer's own
    QDoubleSpinBox* l1_ = nullptr;
    QDoubleSpinBox* l2_ = nullptr;
    QSpinBox* warmup_ = nullptr;
    QSpinBox* batchSize_ = nullptr;
    QSpinBox* epochs_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QSpinBox* threads_ = nullptr;
};

} // namespace ws::ui
