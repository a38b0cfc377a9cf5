// SPDX-License-Identifier: GPL-3.0-or-later
// The Playground's "Network" box: which input features the network sees, its hidden layers
// (with TensorFlow Playground's -/+ buttons for layers and neurons) and their activation. It
// holds these settings and says when the user changed one; the PlaygroundPanel reads them into
// its PlaygroundConfig and starts a new model.
#pragma once

#include "train/PlaygroundRecipe.h"

#include <QGroupBox>
#include <QList>
#include <QStringList>

#include <vector>

class QCheckBox;
class QComboBox;
class QGridLayout;

namespace ws::ui {

class NetworkSettings : public QGroupBox {
    Q_OBJECT
public:
    explicit NetworkSettings(QWidget* parent = nullptr);

    unsigned features() const;        // PlaygroundFeature bits of the checked inputs
    QStringList featureNames() const; // of the checked features, in the network's input order
    // PlaygroundFeature bits, at least one (else ignored: false); emits nothing.
    bool setFeatures(unsigned featureMask);
    const std::vector<int>& hiddenLayers() const { return hidden_; }
    // Clamped to kMaxHiddenLayers and kMaxNeurons; false when that changes nothing. Emits nothing.
    bool setHiddenLayers(const std::vector<int>& hidden);
    ActivationKind activation() const;
    void setActivation(ActivationKind kind); // emits nothing (an opened session, #22)

signals:
    // Each by the user; the model has to be made anew.
    void featuresChanged();
    void hiddenLayersChanged();
    void activationChanged();

private:
    void rebuildLayerEditor();
    void editHiddenLayers(const std::vector<int>& hidden); // from the -/+ buttons

    QList<QCheckBox*> features_;
    QGridLayout* layerEditor_ = nullptr;
    std::vector<int> hidden_ { 8, 8 }; // two layers of 8: enough for the spiral
    QComboBox* activation_ = nullptr;
};

} // namespace ws::ui
