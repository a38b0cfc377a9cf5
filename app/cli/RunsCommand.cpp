// SPDX-License-Identifier: GPL-3.0-or-later
// weightscope-cli runs [list|show|export|rerun] and rerun: the recorded runs for scripts.
// Runs are named by a path, or by a file name or run name inside the runs folder. TensorBoard
// logs are runs too (core/run/TensorBoardRuns.h): a log folder lists, shows and exports like the
// runs folder, a run directory or event file like a record.
#include "cli/Args.h"
#include "cli/Commands.h"
#include "cli/Training.h"

#include "run/RunCsv.h"
#include "run/RunStore.h"
#include "run/TensorBoardRuns.h"
#include "train/PlaygroundRecipe.h"
#include "util/AtomicWrite.h"
#include "util/Error.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace ws::cli {

namespace fs = std::filesystem;

namespace {

const std::vector<OptionSpec>& runsOptions()
{
    static const std::vector<OptionSpec> specs = {
        { "runs-dir", "DIR", "the runs folder (default $XDG_DATA_HOME/weightscope/runs)" },
        { "json", "", "list/show: print JSON" },
        { "epochs", "", "export: the per-epoch history instead of the per-batch one" },
        { "scalars", "", "export: every tag in long form (run,tag,step,wall_time,value)" },
        { "out", "FILE", "export: write to FILE instead of standard output" },
        { "help", "", "this help" },
    };
    return specs;
}

std::vector<OptionSpec> rerunOptions()
{
    std::vector<OptionSpec> specs = recordOptionSpecs();
    specs.push_back({ "help", "", "this help" });
    return specs;
}

std::string runsDirOf(const Args& a)
{
    return a.get("runs-dir").value_or(defaultRunsDir());
}

// A path, else a file name (with or without .h5) or a run name in the runs folder.
std::string resolveRun(const std::string& what, const std::string& dir)
{
    std::error_code ec;
    if (fs::is_regular_file(what, ec) || isTensorBoardRun(what))
        return what;
    for (const std::string& name : { what, what + ".h5" })
        if (fs::is_regular_file(fs::path(dir) / name, ec))
            return (fs::path(dir) / name).string();
    std::vector<std::string> matches;
    for (const RunInfo& r : scanRuns(dir).runs)
        if (r.header.name == what)
            matches.push_back(r.path);
    if (matches.size() == 1)
        return matches.front();
    if (matches.empty())
        throw Error(what + ": no such run file, and no run of that name in " + dir);
    throw Error(what + ": " + std::to_string(matches.size()) + " runs have that name in " + dir + "; name the file");
}

std::string number(double v, int precision)
{
    if (!std::isfinite(v))
        return "-";
    std::ostringstream s;
    s << std::fixed << std::setprecision(precision) << v;
    return s.str();
}

double finalValue(const RunInfo& r, const char* key)
{
    return r.final.is_object() && r.final.contains(key) && r.final[key].is_number() ? r.final[key].get<double>() : NAN;
}

nlohmann::json infoJson(const RunInfo& r)
{
    return { { "path", r.path }, { "name", r.header.name }, { "tags", r.header.tags }, { "notes", r.header.notes },
        { "status", runStatusName(r.status) }, { "message", r.message }, { "created", r.created },
        { "duration", r.duration }, { "epochs", r.epochsCompleted }, { "steps", r.steps },
        { "parameters", r.header.parameters }, { "model_summary", r.header.modelSummary },
        { "dataset", r.header.dataset }, { "config", r.header.config }, { "final", r.final },
        { "checkpoints", r.checkpoints }, { "engine_version", r.engineVersion } };
}

int listRuns(const Args& a, const std::string& folder)
{
    const std::string dir = folder.empty() ? runsDirOf(a) : folder;
    const RunListing list = scanRuns(dir);
    for (const std::string& e : list.errors)
        std::cerr << "weightscope-cli: skipped " << e << "\n";
    if (a.has("json")) {
        nlohmann::json out = nlohmann::json::array();
        for (const RunInfo& r : list.runs)
            out.push_back(infoJson(r));
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    if (list.runs.empty()) {
        std::cout << "no runs in " << dir << "\n";
        return 0;
    }
    std::cout << std::left << std::setw(28) << "name" << std::setw(18) << "created (UTC)" << std::setw(16) << "dataset"
              << std::right << std::setw(10) << "params" << std::setw(8) << "epochs" << std::setw(10) << "test loss"
              << std::setw(9) << "test acc" << "  " << std::left << "status\n";
    for (const RunInfo& r : list.runs) {
        std::string created = r.created.size() >= 16 ? r.created.substr(0, 10) + " " + r.created.substr(11, 5) : r.created;
        std::string data = r.header.dataset.value("description", "");
        data = data.substr(0, data.find(':'));
        std::cout << std::left << std::setw(28) << r.header.name.substr(0, 27) << std::setw(18) << created
                  << std::setw(16) << data.substr(0, 15) << std::right << std::setw(10) << r.header.parameters
                  << std::setw(8) << r.epochsCompleted << std::setw(10) << number(finalValue(r, "loss"), 4)
                  << std::setw(9) << number(finalValue(r, "accuracy"), 4) << "  " << runStatusName(r.status) << "\n";
    }
    std::cout << list.runs.size() << " runs in " << dir << "\n";
    return 0;
}

int showRun(const Args& a, const std::string& which)
{
    const RunInfo r = readRunInfo(resolveRun(which, runsDirOf(a)));
    if (a.has("json")) {
        std::cout << infoJson(r).dump(2) << "\n";
        return 0;
    }
    std::cout << "run:         " << r.header.name << "\n"
              << "file:        " << r.path << "\n"
              << "status:      " << runStatusName(r.status) << (r.message.empty() ? "" : " (" + r.message + ")") << "\n"
              << "created:     " << r.created << ", " << number(r.duration, 1) << " s, " << r.epochsCompleted
              << " epochs, " << r.steps << " steps\n"
              << "dataset:     " << r.header.dataset.value("description", "") << "\n"
              << "sha-256:     " << r.header.dataset.value("sha256", "") << "\n"
              << "model:       " << r.header.parameters << " parameters: " << r.header.modelSummary << "\n"
              << "test:        loss " << number(finalValue(r, "loss"), 4) << ", accuracy "
              << number(finalValue(r, "accuracy"), 4) << "\n";
    if (!r.header.tags.empty()) {
        std::cout << "tags:       ";
        for (const auto& t : r.header.tags)
            std::cout << " " << t;
        std::cout << "\n";
    }
    if (!r.header.notes.empty())
        std::cout << "notes:       " << r.header.notes << "\n";
    std::cout << "checkpoints:";
    for (const auto& c : r.checkpoints)
        std::cout << " " << c;
    std::cout << "\nengine:      " << r.engineVersion << "\nconfig:\n" << r.header.config.dump(2) << "\n";
    if (isTensorBoardRun(r.path)) {
        std::cout << "scalars:\n";
        for (const auto& [tag, s] : readRunScalars(r.path))
            std::cout << "  " << tag << ": " << s.size() << " points, steps " << s.step.front() << "-" << s.step.back()
                      << ", last " << s.value.back() << "\n";
    }
    return 0;
}

// One run: its history as it is. Several: one table whose first columns name the run, its file
// and the settings that differ between the runs.
// --scalars: every tag of every run in long form, the run named in each row.
void writeRunsCsv(std::ostream& out, const std::vector<std::string>& paths, bool epochs, bool scalars, size_t& rows)
{
    for (size_t i = 0; i < paths.size(); ++i) {
        if (scalars) {
            const RunScalars s = readRunScalars(paths[i]);
            writeScalarsCsv(out, s, readRunInfo(paths[i]).header.name, i == 0);
            for (const auto& [tag, series] : s)
                rows += series.size();
            continue;
        }
        if (paths.size() > 1) { // one table: run, file and the settings that differ, then the rows
            std::vector<RunInfo> infos;
            for (const std::string& p : paths)
                infos.push_back(readRunInfo(p));
            rows += writeRunsHistoryCsv(out, infos, epochs);
            return;
        }
        const RunHistory h = readRunHistory(paths[i], epochs ? HistoryKind::Epoch : HistoryKind::Batch);
        writeHistoryCsv(out, h, epochs);
        rows += h.size();
    }
}

int exportCsv(const Args& a, const std::vector<std::string>& which)
{
    if (which.empty())
        throw ConfigError("runs export takes one or more runs (run files or runs' names)");
    std::vector<std::string> paths;
    std::error_code ec;
    for (const std::string& w : which) {
        // A TensorBoard log folder that is not itself a run: every run under it.
        if (fs::is_directory(w, ec) && !isTensorBoardRun(w)) {
            const std::vector<std::string> runs = findTensorBoardRuns(w);
            if (runs.empty())
                throw Error(w + ": a folder with no TensorBoard event files (events.out.tfevents.*) at any depth");
            paths.insert(paths.end(), runs.begin(), runs.end());
            continue;
        }
        paths.push_back(resolveRun(w, runsDirOf(a)));
    }
    const bool epochs = a.has("epochs");
    const bool scalars = a.has("scalars");
    size_t rows = 0;
    if (const auto out = a.get("out")) {
        writeStreamAtomically(*out, [&](std::ostream& file) { writeRunsCsv(file, paths, epochs, scalars, rows); });
        std::cerr << "wrote " << rows << " rows to " << *out << "\n";
    } else {
        writeRunsCsv(std::cout, paths, epochs, scalars, rows);
    }
    return 0;
}

} // namespace

std::string runsHelp()
{
    return "usage: weightscope-cli runs [list [FOLDER]] [options]\n"
           "       weightscope-cli runs show RUN [options]\n"
           "       weightscope-cli runs export RUN... [--epochs] [--out FILE]   (also: export-csv)\n"
           "       weightscope-cli runs rerun RUN [recording options]   (also: weightscope-cli rerun RUN)\n\n"
           "Lists, shows, exports and re-runs recorded trainings. RUN is a run file, or a file name or\n"
           "run name in the runs folder. export writes every row (no cap) as CSV; with several runs\n"
           "a first column names the run.\n"
           "TensorBoard logs are runs too: FOLDER (or --runs-dir) may be a log folder, whose every\n"
           "directory holding events.out.tfevents.* files is a run named by its relative path; RUN may\n"
           "be such a directory, one event file, or (for export) a whole log folder.\n\n"
        + Args::help(runsOptions()) + "\nrerun takes these options of train:\n" + Args::help(rerunOptions());
}

int rerunCommand(const std::vector<std::string>& argv)
{
    const Args a(rerunOptions(), argv);
    if (a.has("help")) {
        std::cout << runsHelp();
        return 0;
    }
    if (a.positional().size() != 1)
        throw ConfigError("rerun takes one run (a run file or a run's name)");
    const std::string path = resolveRun(a.positional().front(), a.get("runs-dir").value_or(defaultRunsDir()));
    if (isTensorBoardRun(path))
        throw Error(path + ": a TensorBoard run holds no Weightscope configuration to re-run");
    const RunInfo info = readRunInfo(path);
    RecordOptions record = recordOptionsFrom(a);
    if (record.name.empty())
        record.name = info.header.name;
    if (record.tags.empty())
        record.tags = info.header.tags;
    if (record.notes.empty())
        record.notes = "re-run of " + path;
    record.expectedDatasetSha256 = info.header.dataset.value("sha256", "");
    if (isPlaygroundRunConfig(info.header.config)) {
        std::cout << "re-running " << path << "\n";
        return rerunPlayground(info, record);
    }
    Experiment e;
    try {
        e = Experiment::fromRecord(info.header.config);
    } catch (const ConfigError& ex) {
        throw FormatError(path + ": the recorded config: " + ex.what());
    }
    // The run the way it went: the events replayed, stopped where it stopped. A finished or
    // killed run goes to its configured end.
    const bool whole = info.status == RunStatus::Completed || info.status == RunStatus::Interrupted;
    record.replay = replayPlan(path, whole);
    std::cout << "re-running " << path << "\n";
    return trainExperiment(std::move(e), a.has("quiet"), record, a.get("save"));
}

int runsCommand(const std::vector<std::string>& argv)
{
    if (!argv.empty() && argv.front() == "rerun")
        return rerunCommand({ argv.begin() + 1, argv.end() });
    const Args a(runsOptions(), argv);
    if (a.has("help")) {
        std::cout << runsHelp();
        return 0;
    }
    const auto& pos = a.positional();
    const std::string action = pos.empty() ? "list" : pos.front();
    const auto needRun = [&] {
        if (pos.size() != 2)
            throw ConfigError("runs " + action + " takes one run (a run file or a run's name)");
        return pos[1];
    };
    if (action == "list") {
        if (pos.size() > 2)
            throw ConfigError("runs list takes at most one folder");
        return listRuns(a, pos.size() == 2 ? pos[1] : std::string());
    }
    if (action == "show")
        return showRun(a, needRun());
    if (action == "export" || action == "export-csv") // export-csv: the name of version 0.x
        return exportCsv(a, { pos.begin() + 1, pos.end() });
    throw ConfigError("unknown runs action '" + action + "' (list, show, export, rerun)");
}

} // namespace ws::cli
