// SPDX-License-Identifier: GPL-3.0-or-later
// What the Playground's tests (test_playground, test_race) compare a panel's drawing with: the
// same recipe trained in the test's own thread, without any panel (one seed drives the initial
// weights and the batches, core/train/Trainer.h), and weights compared bit for bit.
#pragma once

#include "nn/Dense.h"
#include "playground/PlaygroundTypes.h"
#include "run/PlaygroundRun.h"

#include <cstring>

// The weights and biases of the panel's recipe trained in this thread, without the panel, for
// `epochs` epochs: what the Playground's run must hold at that epoch, bit for bit (one seed
// drives the initial weights and the batches; core/train/Trainer.h).
inline ws::ui::NetworkPicture trainedAlone(const ws::ui::PlaygroundConfig& config, int epochs)
{
    ws::PlaygroundSetup setup(config);
    setup.config.epochs = epochs;
    ws::Trainer trainer(setup.model, setup.data.train, nullptr, setup.config);
    trainer.run();
    ws::ui::NetworkPicture picture;
    for (ws::Dense* d : ws::playgroundDenseLayers(setup.model)) {
        const ws::Tensor& w = d->kernel().value;
        const ws::Tensor& b = d->bias().value;
        picture.kernels.append(QList<float>(w.data(), w.data() + w.size()));
        picture.biases.append(QList<float>(b.data(), b.data() + b.size()));
    }
    return picture;
}

inline bool sameWeights(const ws::ui::NetworkPicture& a, const ws::ui::NetworkPicture& b)
{
    const auto sameBits = [](const QList<QList<float>>& x, const QList<QList<float>>& y) {
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i)
            if (x[i].size() != y[i].size()
                || std::memcmp(x[i].constData(), y[i].constData(), size_t(x[i].size()) * sizeof(float)) != 0)
                return false;
        return true;
    };
    return sameBits(a.kernels, b.kernels) && sameBits(a.biases, b.biases);
}
