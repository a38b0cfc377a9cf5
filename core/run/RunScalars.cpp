// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/RunScalars.h"

#include "run/TensorBoardRuns.h"

#include <cmath>

namespace ws {

RunScalars historyScalars(const RunHistory& batch, const RunHistory& epoch, double startTime)
{
    RunScalars out;
    const auto add = [&](const RunHistory& h, const std::string& table, const char* name,
                         const std::vector<double>& column) {
        ScalarSeries s;
        for (size_t i = 0; i < std::min(h.size(), column.size()); ++i) {
            if (std::isnan(column[i]))
                continue;
            s.step.push_back(h.step[i]);
            s.wallTime.push_back(startTime + h.wallTime[i]);
            s.value.push_back(column[i]);
        }
        if (s.size() > 0)
            out[table + "/" + name] = std::move(s);
    };
    for (const auto* h : { &batch, &epoch }) {
        const std::string table = h == &batch ? "batch" : "epoch";
        add(*h, table, "loss", h->loss);
        add(*h, table, "accuracy", h->accuracy);
        add(*h, table, "val_loss", h->valLoss);
        add(*h, table, "val_accuracy", h->valAccuracy);
        add(*h, table, "learning_rate", h->learningRate);
    }
    return out;
}

RunScalars readRunScalars(const std::string& path)
{
    if (isTensorBoardRun(path))
        return readTensorBoardData(path).scalars;
    return historyScalars(readRunHistory(path, HistoryKind::Batch), readRunHistory(path, HistoryKind::Epoch),
        readRunInfo(path).startTime);
}

} // namespace ws
