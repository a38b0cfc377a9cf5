// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/TrainingTimeline.h"

#include <algorithm>

namespace ws {

TrainingTimeline::TrainingTimeline(int64_t windowEpochs, size_t byteBudget)
    : windowEpochs_(std::max<int64_t>(1, windowEpochs))
    , byteBudget_(byteBudget)
    , window_(windowEpochs_)
{
}

void TrainingTimeline::clear()
{
    old_.clear();
    recent_.clear();
    bytes_ = 0;
    spacing_ = 1;
    window_ = windowEpochs_;
}

void TrainingTimeline::add(std::shared_ptr<const TrainerState> state)
{
    if (!state)
        return;
    const int64_t epoch = state->epoch;
    dropAfter(epoch - 1);
    if (size() == 0) {
        // (2 * window + 1) states of this size fit in the budget; a state that alone outgrows a
        // third of it still gets a window of one.
        const size_t each = std::max<size_t>(1, state->bytes());
        window_ = std::clamp<int64_t>((int64_t(byteBudget_ / each) - 1) / 2, 1, windowEpochs_);
    }
    const size_t bytes = state->bytes();
    bytes_ += bytes;
    recent_.push_back({ epoch, bytes, std::move(state) });
    // The states that leave the window stay only on the spacing.
    const int64_t boundary = epoch - window_;
    while (!recent_.empty() && recent_.front().epoch <= boundary) {
        Entry& e = recent_.front();
        if (e.epoch % spacing_ == 0)
            old_.push_back(std::move(e));
        else
            bytes_ -= e.bytes;
        recent_.pop_front();
    }
    while (int64_t(old_.size()) > window_)
        thin();
}

void TrainingTimeline::thin()
{
    spacing_ *= 2;
    const auto gone = std::remove_if(old_.begin(), old_.end(), [this](const Entry& e) {
        if (e.epoch % spacing_ == 0)
            return false;
        bytes_ -= e.bytes;
        return true;
    });
    old_.erase(gone, old_.end());
}

void TrainingTimeline::dropAfter(int64_t epoch)
{
    while (!recent_.empty() && recent_.back().epoch > epoch) {
        bytes_ -= recent_.back().bytes;
        recent_.pop_back();
    }
    while (recent_.empty() && !old_.empty() && old_.back().epoch > epoch) {
        bytes_ -= old_.back().bytes;
        old_.pop_back();
    }
    // The window ends at the new last epoch: states once beyond it are inside again (each still on
    // the spacing, which stays: a thinned stretch is not filled in again).
    const int64_t boundary = lastEpoch() - window_;
    while (!old_.empty() && old_.back().epoch > boundary) {
        recent_.push_front(std::move(old_.back()));
        old_.pop_back();
    }
}

std::shared_ptr<const TrainerState> TrainingTimeline::at(int64_t epoch) const
{
    const auto before = [](int64_t e, const Entry& entry) { return e < entry.epoch; };
    if (!recent_.empty() && recent_.front().epoch <= epoch)
        return std::prev(std::upper_bound(recent_.begin(), recent_.end(), epoch, before))->state;
    const auto after = std::upper_bound(old_.begin(), old_.end(), epoch, before);
    if (after == old_.begin())
        return nullptr;
    return std::prev(after)->state;
}

int64_t TrainingTimeline::firstEpoch() const
{
    return !old_.empty() ? old_.front().epoch : recent_.empty() ? -1 : recent_.front().epoch;
}

int64_t TrainingTimeline::lastEpoch() const
{
    return !recent_.empty() ? recent_.back().epoch : old_.empty() ? -1 : old_.back().epoch;
}

std::vector<int64_t> TrainingTimeline::epochs() const
{
    std::vector<int64_t> out;
    out.reserve(size());
    for (const Entry& e : old_)
        out.push_back(e.epoch);
    for (const Entry& e : recent_)
        out.push_back(e.epoch);
    return out;
}

} // namespace ws
