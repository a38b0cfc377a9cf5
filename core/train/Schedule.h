// SPDX-License-Identifier: GPL-3.0-or-later
// Learning-rate schedules, evaluated per optimizer step (0-based):
//   constant  lr
//   step      lr * gamma^floor(epoch / step_epochs)
//   cosine    min_lr + (lr - min_lr) (1 + cos(pi t / T)) / 2 over the whole run (T steps), or over
//             cosine_epochs epochs and min_lr after them: a run with no end (the Playground's) has
//             no whole run to span
// Any of them can start with a linear warm-up from lr/warmup_steps to lr over warmup_steps;
// the schedule proper then starts after the warm-up.
#pragma once

#include "util/EnumNames.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

namespace ws {

enum class ScheduleKind { Constant, Step, Cosine };

template <> struct EnumNames<ScheduleKind> {
    static constexpr std::string_view what = "schedule";
    static constexpr EnumEntry<ScheduleKind> entries[] = {
        { ScheduleKind::Constant, "constant", "Constant" },
        { ScheduleKind::Step, "step", "Step decay" },
        { ScheduleKind::Cosine, "cosine", "Cosine" },
    };
};

struct ScheduleConfig {
    ScheduleKind kind = ScheduleKind::Constant;
    int stepEpochs = 10;   // step
    float gamma = 0.1f;    // step
    float minLr = 0.0f;    // cosine
    int cosineEpochs = 0;  // cosine: the epochs it spans after the warm-up; 0: the whole run
    int64_t warmupSteps = 0;

    // step: optimizer steps done so far; stepsPerEpoch and totalSteps describe the run.
    float learningRate(float baseLr, int64_t step, int64_t stepsPerEpoch, int64_t totalSteps) const;

    nlohmann::json toJson() const;
    static ScheduleConfig fromJson(const nlohmann::json& j);
};

ScheduleKind parseSchedule(const std::string& text);
std::string scheduleName(ScheduleKind kind);

} // namespace ws
