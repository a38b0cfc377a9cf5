#include "runs/RunScanner.h"

#include "run/RunStore.h"

namespace ws::ui {

void RunScanner::scan(const QString& folder, quint64 generation)
{
    auto out = std::make_shared<ScannedRuns>();
    out->generation = generation;
    out->folder = folder;
    RunListing list = scanRuns(folder.toStdString());
    out->runs = std::move(list.runs);
    for (const auto& e : list.errors)
        out->errors << QString::fromStdString(e);
    emit scanned(std::move(out));
}

void RunScanner::load(const QStringList& paths, quint64 generation)
{
    auto out = std::make_shared<LoadedCurves>();
    out->generation = generation;
    for (const QString& p : paths) {
        const std::string path = p.toStdString();
        try {
            RunCurves c;
            c.info = readRunInfo(path);
            c.batch = readRunHistory(path, HistoryKind::Batch);
            c.epoch = readRunHistory(path, HistoryKind::Epoch);
            out->runs.push_back(std::move(c));
        } catch (const std::exception& e) {
            out->errors << QString::fromStdString(e.what());
        }
    }
    emit loaded(std::move(out));
}

} // namespace ws::ui
