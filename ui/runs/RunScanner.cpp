// SPDX-License-Identifier: GPL-3.0-or-later
#include "runs/RunScanner.h"

#include "run/RunStore.h"
#include "run/Smoothing.h"
#include "run/TensorBoardRuns.h"

#include <QDateTime>
#include <QFileInfo>

#include <algorithm>

namespace ws::ui {

bool RunScanner::report(Job job, quint64 generation, size_t done, size_t total)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (done == 0 || done == total || now - lastReportMs_ >= 100) {
        lastReportMs_ = now;
        emit progress(job, generation, qint64(done), qint64(total));
    }
    return (job == Job::Scan ? wantedScan_ : wantedLoad_) == generation;
}

void RunScanner::scan(const QString& folder, quint64 generation)
{
    auto out = std::make_shared<ScannedRuns>();
    out->generation = generation;
    out->folder = folder;
    RunListing list = scanRuns(folder.toStdString(),
        [&](size_t done, size_t total) { return report(Job::Scan, generation, done, total); });
    out->cancelled = list.cancelled;
    scannedInfo_.clear();
    for (const RunInfo& r : list.runs) {
        scannedInfo_[r.path] = r;
        for (const std::string& s : r.savedSessions)
            if (!QFileInfo::exists(QString::fromStdString(s)))
                out->goneSessions.insert(QString::fromStdString(s));
    }
    out->runs = std::move(list.runs);
    for (const auto& e : list.errors)
        out->errors << QString::fromStdString(e);
    emit scanned(std::move(out));
}

QString RunScanner::newestExistingSession(const QStringList& sessions)
{
    for (qsizetype i = sessions.size() - 1; i >= 0; --i)
        if (QFileInfo(sessions[i]).isFile())
            return sessions[i];
    return {};
}

void RunScanner::load(const QStringList& paths, quint64 generation)
{
    auto out = std::make_shared<LoadedCurves>();
    out->generation = generation;
    const size_t maxRows = std::max(kMinRows, kRowBudget / std::max<size_t>(1, size_t(paths.size())));
    for (const QString& p : paths) {
        if (!report(Job::Load, generation, out->runs.size() + size_t(out->errors.size()), size_t(paths.size()))) {
            out->cancelled = true;
            break;
        }
        const std::string path = p.toStdString();
        try {
            RunCurves c;
            if (isTensorBoardRun(path)) {
                // One read for everything: the event files are parsed whole.
                TensorBoardData data = readTensorBoardData(path);
                const auto scanned = scannedInfo_.find(path);
                c.info = scanned != scannedInfo_.end() ? scanned->second
                                                       : tensorBoardRunInfo(data, path, tensorBoardRunName(path));
                c.batch = tensorBoardHistory(data, HistoryKind::Batch);
                c.batchRows = c.batch.size();
                c.epoch = tensorBoardHistory(data, HistoryKind::Epoch);
                c.scalars = std::move(data.scalars);
                c.histograms = std::move(data.histograms);
                out->runs.push_back(std::move(c));
                continue;
            }
            c.info = readRunInfo(path);
            c.batch = readRunHistory(path, HistoryKind::Batch);
            c.batchRows = c.batch.size();
            c.batchStride = thinHistoryKeepingExtremes(c.batch, maxRows);
            c.batch.step.shrink_to_fit(); // give the thinned-away rows back now, not at the end
            for (auto* col : { &c.batch.epoch, &c.batch.wallTime, &c.batch.loss, &c.batch.accuracy, &c.batch.learningRate })
                col->shrink_to_fit();
            c.epoch = readRunHistory(path, HistoryKind::Epoch);
            out->runs.push_back(std::move(c));
        } catch (const std::exception& e) {
            out->errors << QString::fromStdString(e.what());
        }
    }
    if (!out->cancelled)
        report(Job::Load, generation, size_t(paths.size()), size_t(paths.size()));
    emit loaded(std::move(out));
}

} // namespace ws::ui
