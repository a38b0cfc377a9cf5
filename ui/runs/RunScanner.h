// SPDX-License-Identifier: GPL-3.0-or-later
// Reads run files off the GUI thread: the headers of a whole runs folder (scan) and the
// histories of the runs selected for comparison (load). The owner moves it to a QThread held in
// a ThreadPtr and calls it through queued invocations; answers come back as queued signals
// carrying shared, immutable results, stamped with the request's generation so the owner can
// drop answers to requests it has since replaced. A scan or load stops at its next run when a
// newer one is wanted or the user cancels (#19), and answers with what it has read, marked
// cancelled; progress() says how far it got, a few times a second.
#pragma once

#include "threads/HandOff.h"
#include "run/RunRecord.h"
#include "run/RunScalars.h"

#include <QMetaType>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <atomic>

#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace ws::ui {

struct ScannedRuns {
    quint64 generation = 0;
    QString folder;
    std::vector<RunInfo> runs;
    QStringList errors;
    bool cancelled = false;
    // The Playground sessions saved from these runs (RunInfo::savedSessions, #22) whose file was
    // not there at the scan: looked at here so that the GUI thread does not touch the disk.
    QSet<QString> goneSessions;
};

struct RunCurves {
    RunInfo info;
    RunHistory batch;       // thinned to the load's row budget (core thinHistoryKeepingExtremes)
    RunHistory epoch;       // whole
    size_t batchStride = 1; // 1: every batch row is here
    size_t batchRows = 0;   // rows in the file
    RunScalars scalars;     // a TensorBoard run's every tag, every point (empty for records)
    std::map<std::string, HistogramSeries> histograms; // a TensorBoard run's histogram tags, every step
};

struct LoadedCurves {
    quint64 generation = 0;
    std::vector<RunCurves> runs;
    QStringList errors;
    bool cancelled = false;
};

class RunScanner : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    enum class Job { Scan, Load };

    // Any thread: the scan or load of this generation is the one wanted (call before posting
    // it); an older one in flight stops at its next run.
    void want(Job job, quint64 generation) { (job == Job::Scan ? wantedScan_ : wantedLoad_) = generation; }
    // Any thread: the scan and the load in flight stop at their next run.
    void cancel()
    {
        wantedScan_ = 0;
        wantedLoad_ = 0;
    }

    // Any thread: runs f (scan() or load(), say) on the scanner's thread.
    void post(std::function<void()> f) { inbox_.post(std::move(f)); }

    void scan(const QString& folder, quint64 generation); // on the scanner's thread
    // The histories of these runs. So that hundreds of long runs stay in bounded memory, the
    // batch rows of all of them together are thinned to about kRowBudget (each run keeps at
    // least kMinRows), keeping each block's extremes (core thinHistoryKeepingExtremes: a spike
    // survives); the CSV export reads the files again, whole. TensorBoard runs are kept
    // whole. A frame's cost no longer follows the rows: ComparePlot draws at most four points per
    // pixel column of each curve (#19), so the budget is memory alone (48 bytes a row: 48 MB).
    void load(const QStringList& paths, quint64 generation);
    // Any thread that may touch the disk (the scanner's): the newest of these Playground session
    // files (oldest first, as RunInfo::savedSessions) that still exists; empty: none does.
    static QString newestExistingSession(const QStringList& sessions);
    static constexpr size_t kRowBudget = 1'000'000;
    static constexpr size_t kMinRows = 500;

signals:
    void progress(ws::ui::RunScanner::Job job, quint64 generation, qint64 done, qint64 total);
    void scanned(std::shared_ptr<const ws::ui::ScannedRuns> result);
    void loaded(std::shared_ptr<const ws::ui::LoadedCurves> result);

private:
    // progress(), at most every 100 ms besides the first and the last; true while still wanted.
    bool report(Job job, quint64 generation, size_t done, size_t total);

    std::atomic<quint64> wantedScan_ { 0 }, wantedLoad_ { 0 };
    qint64 lastReportMs_ = -1000;
    // The last scan's headers by path (this thread only): a TensorBoard run keeps the name the
    // scan gave it (its path relative to the folder) and its hparams metrics when loaded.
    std::map<std::string, RunInfo> scannedInfo_;
    HandOff inbox_ { this };
};

} // namespace ws::ui

Q_DECLARE_METATYPE(std::shared_ptr<const ws::ui::ScannedRuns>)
Q_DECLARE_METATYPE(std::shared_ptr<const ws::ui::LoadedCurves>)
