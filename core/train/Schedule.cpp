// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/Schedule.h"

#include "util/Error.h"
#include "util/JsonNumbers.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ws {

ScheduleKind parseSchedule(const std::string& text) { return parseEnum<ScheduleKind>(text); }

std::string scheduleName(ScheduleKind kind) { return std::string(enumName(kind)); }

float ScheduleConfig::learningRate(float baseLr, int64_t step, int64_t stepsPerEpoch, int64_t totalSteps) const
{
    if (warmupSteps > 0 && step < warmupSteps)
        return baseLr * float(step + 1) / float(warmupSteps);
    switch (kind) {
    case ScheduleKind::Constant:
        return baseLr;
    case ScheduleKind::Step: {
        const int64_t epoch = stepsPerEpoch > 0 ? step / stepsPerEpoch : 0;
        return baseLr * std::pow(gamma, float(epoch / std::max(1, stepEpochs)));
    }
    case ScheduleKind::Cosine: {
        const int64_t span = std::max<int64_t>(1,
            cosineEpochs > 0 ? int64_t(cosineEpochs) * std::max<int64_t>(1, stepsPerEpoch) : totalSteps - warmupSteps);
        const double t = std::clamp(double(step - warmupSteps) / double(span), 0.0, 1.0);
        return float(minLr + (baseLr - minLr) * 0.5 * (1.0 + std::cos(std::numbers::pi * t)));
    }
    }
    return baseLr;
}

nlohmann::json ScheduleConfig::toJson() const
{
    nlohmann::json j = { { "type", scheduleName(kind) }, { "step_epochs", stepEpochs }, { "gamma", gamma },
        { "min_lr", minLr }, { "warmup_steps", warmupSteps } };
    if (cosineEpochs > 0) // written only when set: configs written before it stay as they were
        j["cosine_epochs"] = cosineEpochs;
    return j;
}

ScheduleConfig ScheduleConfig::fromJson(const nlohmann::json& j)
{
    ScheduleConfig s;
    try {
        if (j.contains("type"))
            s.kind = parseSchedule(j.at("type").get<std::string>());
        s.stepEpochs = valueChecked(j, "step_epochs", s.stepEpochs);
        s.gamma = valueChecked(j, "gamma", s.gamma);
        s.minLr = valueChecked(j, "min_lr", s.minLr);
        s.warmupSteps = valueChecked(j, "warmup_steps", s.warmupSteps);
        s.cosineEpochs = valueChecked(j, "cosine_epochs", s.cosineEpochs);
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(std::string("schedule config: ") + e.what());
    }
    if (s.stepEpochs <= 0 || s.warmupSteps < 0 || s.cosineEpochs < 0)
        throw ConfigError("schedule config: step_epochs must be positive, warmup_steps and cosine_epochs not negative");
    return s;
}

} // namespace ws
