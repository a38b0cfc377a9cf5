// SPDX-License-Identifier: GPL-3.0-or-later
// The states a training passed through, kept in memory for scrubbing back and going on from
// there (#22, the Playground's time travel): one Trainer state per epoch, held to a stated bound.
//
// The bound: every epoch of the last `window` epochs is kept; older ones are thinned to the
// multiples of a spacing s (1, 2, 4, ...) that doubles whenever more than `window` of them are
// kept. So at most 2 * window states are held, evenly spaced over the whole run, the first state
// (epoch 0) always among them. window is 2,000 epochs, fewer when the states are large: it is cut
// so that 2 * window + 1 states fit in the byte budget (64 MiB). The Playground's default network
// (2-8-8-1, SGD: 420 bytes a state) keeps its 2,000 epochs in at most 1.7 MB; its largest (seven
// features, 8 layers of 16 neurons, 8 classes, Adam: 26,016 bytes) gets a window of 1,289.
//
// Plain bookkeeping for one thread (the training thread of the Playground's worker); states are
// shared, so a caller may keep one while the timeline drops it.
#pragma once

#include "train/Trainer.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

namespace ws {

class TrainingTimeline {
public:
    static constexpr int64_t kWindowEpochs = 2000;
    static constexpr size_t kByteBudget = size_t(64) << 20;

    explicit TrainingTimeline(int64_t windowEpochs = kWindowEpochs, size_t byteBudget = kByteBudget);

    // Keeps the state of epoch state->epoch; states at that epoch or later are dropped first
    // (a run gone back to an earlier epoch writes a new future).
    void add(std::shared_ptr<const TrainerState> state);
    // The latest kept state at or before `epoch`; null when there is none.
    std::shared_ptr<const TrainerState> at(int64_t epoch) const;
    void dropAfter(int64_t epoch); // every state later than `epoch`
    void clear();

    size_t size() const { return old_.size() + recent_.size(); }
    size_t bytes() const { return bytes_; }
    int64_t spacing() const { return spacing_; }   // of the thinned states beyond the window
    int64_t window() const { return window_; }     // the epochs kept one by one (after the budget)
    int64_t firstEpoch() const;                    // -1 when empty
    int64_t lastEpoch() const;                     // -1 when empty
    std::vector<int64_t> epochs() const;           // of the kept states, ascending

private:
    struct Entry {
        int64_t epoch = 0;
        size_t bytes = 0;
        std::shared_ptr<const TrainerState> state;
    };
    void thin(); // doubles the spacing

    int64_t windowEpochs_;
    size_t byteBudget_;
    int64_t window_;          // windowEpochs_, cut to the budget by the first state's size
    int64_t spacing_ = 1;
    size_t bytes_ = 0;
    // Beyond the window, on the spacing (appended as states leave the window, thinned in place
    // only when the spacing doubles), then the window: both ascending, so an add is O(1) but
    // for the doubling, which comes once every `window` adds or less often.
    std::vector<Entry> old_;
    std::deque<Entry> recent_;
};

} // namespace ws
