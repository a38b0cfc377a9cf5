// SPDX-License-Identifier: GPL-3.0-or-later
// How long the thread's event loop was kept from running (a frozen window): a timer that should
// fire every few milliseconds, and the longest gap between two of its ticks. For the scale tests
// and benchmarks of the GUI (#19: "the dock lists 1,000 runs and draws them without freezing").
#pragma once

#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>

namespace ws::ui {

class StallMeter {
public:
    explicit StallMeter(int intervalMs = 5)
    {
        timer_.setInterval(intervalMs);
        QObject::connect(&timer_, &QTimer::timeout, [this] { tick(); });
        reset();
        timer_.start();
    }

    void reset()
    {
        clock_.start();
        last_ = 0;
        longest_ = 0;
    }
    // The longest gap since reset(), including the one still open.
    double longestMs() const { return std::max(longest_, double(clock_.nsecsElapsed()) / 1e6 - last_); }

private:
    void tick()
    {
        const double now = double(clock_.nsecsElapsed()) / 1e6;
        longest_ = std::max(longest_, now - last_);
        last_ = now;
    }

    QTimer timer_;
    QElapsedTimer clock_;
    double last_ = 0, longest_ = 0;
};

} // namespace ws::ui
