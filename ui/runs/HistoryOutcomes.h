// SPDX-License-Identifier: GPL-3.0-or-later
// A run's outcome from its whole history (#19 item 4): the final value of a tag, or its best
// minimised or maximised (core/run/RunOutcome.h), for the Importance tab and the parallel
// coordinates.
//  - HistoryOutcomes reads the selected runs' scalar histories on a LatestJob thread: the runs
//    table reads headers only, and 1,000 runs' histories are seconds of I/O. Every tag of a run is
//    summed up in one read, so changing the metric or the statistic reads nothing; the sums are
//    kept per run and file stamp (modification time and size: a run still being written is read
//    again when it has grown, a finished one never). Only the newest request's answer is taken.
//  - OutcomeChooser is the outcome's two lists in both tabs: the metric (the header's outcomes,
//    final.loss and the like, then every tag the histories hold) and, for a tag, the statistic.
#pragma once

#include "threads/HandOff.h"
#include "threads/LatestJob.h"

#include "run/RunOutcome.h"

#include <QObject>
#include <QStringList>
#include <QWidget>

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

class QComboBox;
class QLabel;

namespace ws::ui {

using RunOutcomesList = std::vector<std::shared_ptr<const RunOutcomes>>; // per run; null: not read

struct OutcomeAnswer {
    uint64_t generation = 0;
    std::vector<std::string> paths;
    RunOutcomesList outcomes;       // per path
    std::vector<RunFileStamp> stamps;
    size_t read = 0;                // runs read from their files (the rest came from the cache)
    QStringList errors;
    std::thread::id computedOn;     // the thread that did the work (tests)
};

class HistoryOutcomes : public QObject {
    Q_OBJECT
public:
    explicit HistoryOutcomes(QObject* parent = nullptr);

    // GUI thread: the outcomes of these runs are wanted; ready() follows unless a newer request
    // comes first.
    void request(const std::vector<std::string>& paths);
    bool busy() const { return pending_; }
    // The answer to the newest request that has arrived (null before the first).
    std::shared_ptr<const OutcomeAnswer> latest() const { return latest_; }

signals:
    void ready();

private:
    struct Cached {
        RunFileStamp stamp;
        std::shared_ptr<const RunOutcomes> outcomes;
    };
    void onAnswer(const std::shared_ptr<const OutcomeAnswer>& answer);

    std::map<std::string, Cached> cache_; // GUI thread only; a job gets a copy of its runs' entries
    uint64_t generation_ = 0;
    bool pending_ = false;
    std::shared_ptr<const OutcomeAnswer> latest_;
    LatestJob job_;          // before inbox_: joined after the HandOff drops what it posts
    HandOff inbox_ { this }; // last, so destroyed first
};

class OutcomeChooser : public QWidget {
    Q_OBJECT
public:
    explicit OutcomeChooser(const QString& metricToolTip, QWidget* parent = nullptr);

    // The numeric outcomes of `table` (final.loss, final.accuracy, a session's final metrics,
    // steps, ...), then every tag of the runs' histories; the choice is kept when it still exists.
    // Emits nothing: the caller draws with the new choices.
    void setChoices(const ParameterTable& table, const RunOutcomesList& outcomes);
    // "Reading the runs' histories…" beside the lists while they are read.
    void setReading(bool reading);
    // `table` with the chosen history outcome as its last column (unchanged for a header outcome).
    ParameterTable outcomeTable(const ParameterTable& table, const RunOutcomesList& outcomes) const;
    // The chosen outcome's column: "final.accuracy", "epoch_loss (best, min)".
    std::string key() const;

    void setMetric(const QString& keyOrTag); // a header outcome's key or a history tag
    void setStatistic(OutcomeStatistic statistic);
    OutcomeStatistic statistic() const;
    QComboBox* metricBox() const { return metric_; }
    QComboBox* statisticBox() const { return statistic_; }

signals:
    void changed();

private:
    bool historyChosen() const;

    QComboBox* metric_ = nullptr;
    QComboBox* statistic_ = nullptr;
    QLabel* reading_ = nullptr;
    QString wantedMetric_; // the user's last choice (setMetric's too)
    bool wantedHistory_ = false;
};

} // namespace ws::ui
