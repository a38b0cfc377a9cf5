// SPDX-License-Identifier: GPL-3.0-or-later
#include "playground/NetworkSettings.h"
#include "common/EnumText.h"

#include "common/Layouts.h"
#include "playground/PlaygroundTypes.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>

#include <algorithm>

namespace ws::ui {

namespace {

struct FeatureChoice {
    PlaygroundFeature bit;
    const char* name; // translated in featureNames()
};
constexpr FeatureChoice kFeatures[] = {
    { FeatureX1, QT_TRANSLATE_NOOP("ws::ui::NetworkSettings", "x₁") },
    { FeatureX2, QT_TRANSLATE_NOOP("ws::ui::NetworkSettings", "x₂") },
    { FeatureX1Squared, QT_TRANSLATE_NOOP("ws::ui::NetworkSettings", "x₁²") },
    { FeatureX2Squared, QT_TRANSLATE_NOOP("ws::ui::NetworkSettings", "x₂²") },
    { FeatureX1X2, QT_TRANSLATE_NOOP("ws::ui::NetworkSettings", "x₁x₂") },
    { FeatureSinX1, QT_TRANSLATE_NOOP("ws::ui::NetworkSettings", "sin x₁") },
    { FeatureSinX2, QT_TRANSLATE_NOOP("ws::ui::NetworkSettings", "sin x₂") },
};

QPushButton* smallButton(const QString& text, const QString& tip)
{
    auto* b = new QPushButton(text);
    b->setToolTip(tip);
    b->setFixedWidth(28);
    return b;
}

} // namespace

NetworkSettings::NetworkSettings(QWidget* parent) : QGroupBox(tr("Network"), parent)
{
    auto* featureBox = new QWidget;
    auto* featureGrid = new QGridLayout(featureBox);
    featureGrid->setContentsMargins(0, 0, 0, 0);
    featureGrid->setHorizontalSpacing(6);
    featureGrid->setVerticalSpacing(0);
    for (const FeatureChoice& f : kFeatures) {
        auto* box = new QCheckBox(tr(f.name));
        box->setToolTip(tr("Feed this feature to the network as an input"));
        box->setChecked(f.bit == FeatureX1 || f.bit == FeatureX2);
        const auto i = int(features_.size());
        featureGrid->addWidget(box, i / 3, i % 3);
        features_.append(box);
        connect(box, &QCheckBox::toggled, this, [this, box](bool on) {
            // At least one input: the last checked feature cannot be unchecked.
            if (!on && std::none_of(features_.begin(), features_.end(), [](QCheckBox* b) { return b->isChecked(); })) {
                const QSignalBlocker block(box);
                box->setChecked(true);
                return;
            }
            emit featuresChanged();
        });
    }

    auto* layerBox = new QWidget;
    layerEditor_ = new QGridLayout(layerBox);
    layerEditor_->setContentsMargins(0, 0, 0, 0);
    layerEditor_->setVerticalSpacing(1);

    activation_ = new QComboBox;
    activation_->setToolTip(tr("The activation function of the hidden neurons"));
    addEnumItems(activation_, { ActivationKind::Tanh, ActivationKind::ReLU, ActivationKind::Sigmoid, ActivationKind::Linear });
    connect(activation_, &QComboBox::currentIndexChanged, this, &NetworkSettings::activationChanged);

    auto* networkForm = new QFormLayout(this);
    networkForm->addRow(tr("Features:"), featureBox);
    networkForm->addRow(layerBox);
    networkForm->addRow(tr("Activation:"), activation_);
    rebuildLayerEditor();
}

unsigned NetworkSettings::features() const
{
    unsigned mask = 0;
    for (qsizetype i = 0; i < features_.size(); ++i)
        if (features_[i]->isChecked())
            mask |= kFeatures[i].bit;
    return mask;
}

QStringList NetworkSettings::featureNames() const
{
    QStringList names;
    for (qsizetype i = 0; i < features_.size(); ++i)
        if (features_[i]->isChecked())
            names.append(tr(kFeatures[i].name));
    return names;
}

bool NetworkSettings::setFeatures(unsigned featureMask)
{
    if ((featureMask & 0x7fu) == 0)
        return false;
    for (qsizetype i = 0; i < features_.size(); ++i) {
        const QSignalBlocker block(features_[i]);
        features_[i]->setChecked(featureMask & kFeatures[i].bit);
    }
    return true;
}

bool NetworkSettings::setHiddenLayers(const std::vector<int>& hidden)
{
    std::vector<int> h;
    for (const int n : hidden)
        if (int(h.size()) < kMaxHiddenLayers)
            h.push_back(std::clamp(n, 1, kMaxNeurons));
    if (h == hidden_)
        return false;
    hidden_ = h;
    // The buttons that called this are deleted by the rebuild: let their signal finish first.
    QMetaObject::invokeMethod(this, &NetworkSettings::rebuildLayerEditor, Qt::QueuedConnection);
    return true;
}

void NetworkSettings::editHiddenLayers(const std::vector<int>& hidden)
{
    if (setHiddenLayers(hidden))
        emit hiddenLayersChanged();
}

ActivationKind NetworkSettings::activation() const { return ActivationKind(activation_->currentData().toInt()); }

void NetworkSettings::setActivation(ActivationKind kind)
{
    const QSignalBlocker block(activation_);
    activation_->setCurrentIndex(std::max(0, activation_->findData(int(kind))));
}

// One row per hidden layer with its neuron count and -/+ buttons, and -/+ for the layer count,
// as the buttons above TensorFlow Playground's network columns.
void NetworkSettings::rebuildLayerEditor()
{
    clearLayout(layerEditor_);
    auto* title = new QLabel(tr("Hidden layers: %1").arg(hidden_.size()));
    auto* fewer = smallButton(QStringLiteral("−"), tr("Remove the last hidden layer"));
    auto* more = smallButton(QStringLiteral("+"), tr("Add a hidden layer (at most %1)").arg(kMaxHiddenLayers));
    fewer->setEnabled(!hidden_.empty());
    more->setEnabled(int(hidden_.size()) < kMaxHiddenLayers);
    layerEditor_->addWidget(title, 0, 0);
    layerEditor_->addWidget(fewer, 0, 1);
    layerEditor_->addWidget(more, 0, 2);
    connect(fewer, &QPushButton::clicked, this, [this] {
        auto h = hidden_;
        h.pop_back();
        editHiddenLayers(h);
    });
    connect(more, &QPushButton::clicked, this, [this] {
        auto h = hidden_;
        h.push_back(h.empty() ? 4 : h.back());
        editHiddenLayers(h);
    });
    for (size_t i = 0; i < hidden_.size(); ++i) {
        const int row = int(i) + 1;
        auto* label = new QLabel(tr("  Layer %1: %n neuron(s)", nullptr, hidden_[i]).arg(i + 1));
        auto* minus = smallButton(QStringLiteral("−"), tr("One neuron fewer"));
        auto* plus = smallButton(QStringLiteral("+"), tr("One neuron more (at most %1)").arg(kMaxNeurons));
        minus->setEnabled(hidden_[i] > 1);
        plus->setEnabled(hidden_[i] < kMaxNeurons);
        layerEditor_->addWidget(label, row, 0);
        layerEditor_->addWidget(minus, row, 1);
        layerEditor_->addWidget(plus, row, 2);
        connect(minus, &QPushButton::clicked, this, [this, i] {
            auto h = hidden_;
            --h[i];
            editHiddenLayers(h);
        });
        connect(plus, &QPushButton::clicked, this, [this, i] {
            auto h = hidden_;
            ++h[i];
            editHiddenLayers(h);
        });
    }
}

} // namespace ws::ui
