// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/RunCsv.h"

#include "run/RunParameters.h"
#include "util/CsvQuote.h"

#include <cstdio>
#include <filesystem>
#include <ostream>

namespace ws {

namespace {

void writeHistoryHeader(std::ostream& out, bool epochs)
{
    out << "step,epoch,wall_time,loss,accuracy," << (epochs ? "val_loss,val_accuracy," : "") << "learning_rate\n";
}

// Every row of h, each after `prefix` (the run's own columns, ending in a comma, or empty).
void writeHistoryRows(std::ostream& out, const RunHistory& h, bool epochs, const std::string& prefix)
{
    char buf[32];
    const auto put = [&](double v, bool last = false) {
        std::snprintf(buf, sizeof buf, "%.17g", v);
        out << buf << (last ? "\n" : ",");
    };
    for (size_t i = 0; i < h.size(); ++i) {
        out << prefix << h.step[i] << ",";
        put(h.epoch[i]);
        put(h.wallTime[i]);
        put(h.loss[i]);
        put(h.accuracy[i]);
        if (epochs) {
            put(h.valLoss[i]);
            put(h.valAccuracy[i]);
        }
        put(h.learningRate[i], true);
    }
}

} // namespace

void writeHistoryCsv(std::ostream& out, const RunHistory& h, bool epochs, const std::string& run, bool header)
{
    if (header) {
        out << (run.empty() ? "" : "run,");
        writeHistoryHeader(out, epochs);
    }
    writeHistoryRows(out, h, epochs, run.empty() ? "" : csvQuote(run) + ",");
}

size_t writeRunsHistoryCsv(std::ostream& out, const std::vector<RunInfo>& runs, bool epochs, bool header,
    const RunProgress& progress)
{
    const ParameterTable table = parameterTable(runs);
    std::vector<size_t> columns; // the settings that tell the runs apart
    for (size_t k = 0; k < table.keys.size(); ++k)
        if (table.differs[k] && !table.outcome[k])
            columns.push_back(k);
    if (header) {
        out << "run,file,";
        for (size_t k : columns)
            out << csvQuote(table.keys[k]) << ",";
        writeHistoryHeader(out, epochs);
    }
    size_t rows = 0;
    for (size_t r = 0; r < runs.size(); ++r) {
        if (progress && !progress(r, runs.size()))
            throw RunsCancelled();
        std::string prefix = csvQuote(runs[r].header.name) + "," + csvQuote(std::filesystem::path(runs[r].path).filename().string()) + ",";
        for (size_t k : columns)
            prefix += csvQuote(parameterText(table.values[r][k])) + ",";
        const RunHistory h = readRunHistory(runs[r].path, epochs ? HistoryKind::Epoch : HistoryKind::Batch);
        writeHistoryRows(out, h, epochs, prefix);
        rows += h.size();
    }
    return rows;
}

void writeScalarsCsv(std::ostream& out, const RunScalars& scalars, const std::string& run, bool header)
{
    if (header)
        out << "run,tag,step,wall_time,value\n";
    const std::string name = csvQuote(run) + ",";
    char buf[64];
    for (const auto& [tag, s] : scalars) {
        const std::string prefix = name + csvQuote(tag) + ",";
        for (size_t i = 0; i < s.size(); ++i) {
            std::snprintf(buf, sizeof buf, ",%.17g,%.17g\n", s.wallTime[i], s.value[i]);
            out << prefix << s.step[i] << buf;
        }
    }
}

} // namespace ws
