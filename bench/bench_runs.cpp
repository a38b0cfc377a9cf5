// SPDX-License-Identifier: GPL-3.0-or-later
// The Runs dock at scale (issue #7, "Scale"): 200 run records of 100 000 batches each, written
// with the real RunWriter into the temporary folder (kept for the next invocation), then timed:
// the folder scan into the dock's table, loading and overlaying 10 / 50 / 200 selected runs in
// the Compare view, and the frame time of panning and zooming that overlay; peak RSS after each
// step. Prints figures (docs/benchmarks.md); asserts nothing. With --mixed (#19, "Scale"): half
// the runs are TensorBoard logs (one SummaryWriter-style event file each, tag "train/loss"), and
// the overlays are 20 runs and every run.
//   QT_QPA_PLATFORM=offscreen build/release/bench/bench_runs [RUNS [STEPS]]
//   QT_QPA_PLATFORM=offscreen build/release/bench/bench_runs --mixed 1000 10000
#include "run/RunRecord.h"
#include "run/RunStore.h"
#include "run/TensorBoardEvents.h"
#include "runs/ComparePlot.h"
#include "runs/RunsModel.h"
#include "runs/RunsPanel.h"
#include "threads/StallMeter.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace ws;
using namespace ws::ui;

namespace {

constexpr int kBatchesPerEpoch = 1000;

double peakRssMb()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0; // kilobytes on Linux
}

double rssMb()
{
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return double(resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

std::string loadAverage()
{
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
}

// A plausible loss: decaying at a rate of the run's own, with noise.
double benchLoss(int index, int64_t s, int64_t steps, double noise)
{
    const double rate = 1.0 + 0.1 * (index % 7);
    return 2.3 * std::exp(-rate * double(s) / double(steps) * 3) + 0.1 + noise;
}

// The same as a TensorBoard log: one event file of "train/loss" (the batch loss) in dir.
void writeTensorBoardRun(const fs::path& dir, int index, int64_t steps)
{
    fs::create_directories(dir);
    std::mt19937 rng { uint32_t(index) };
    std::normal_distribution<double> noise(0.0, 0.05);
    std::vector<float> values(static_cast<size_t>(steps));
    for (int64_t s = 0; s < steps; ++s)
        values[size_t(s)] = float(benchLoss(index, s + 1, steps, noise(rng)));
    std::ofstream(dir / ("events.out.tfevents.1700000000.bench." + std::to_string(index) + ".0"), std::ios::binary)
        << scalarEventFile("train/loss", values, 1.7e9 + index);
}

// A plausible run: loss decaying with noise, accuracy rising, a step schedule for the rate.
void writeRun(const std::string& path, int index, int64_t steps)
{
    RunHeader h;
    h.name = "bench-" + std::to_string(index);
    h.tags = { index % 2 ? "odd" : "even" };
    h.config = { { "model", "mlp" }, { "train", { { "seed", index % 5 }, { "batch_size", 32 },
                                                    { "optimizer", { { "type", "adam" }, { "learning_rate", 0.001 * (1 + index % 4) } } } } } };
    h.dataset = { { "description", "synthetic" }, { "sha256", std::string(64, '0') } };
    h.modelConfig = nlohmann::json::object();
    h.parameters = 1000;
    h.modelSummary = "flatten dense(256) relu dense(10)";
    RunWriter w(path, h);
    std::mt19937 rng { uint32_t(index) };
    std::normal_distribution<double> noise(0.0, 0.05);
    for (int64_t s = 1; s <= steps; ++s) {
        BatchProgress p;
        p.epoch = int((s - 1) / kBatchesPerEpoch);
        p.batch = (s - 1) % kBatchesPerEpoch;
        p.batchesPerEpoch = kBatchesPerEpoch;
        p.step = s;
        p.loss = benchLoss(index, s, steps, noise(rng));
        p.accuracy = 1.0 - p.loss / 2.5;
        p.learningRate = float(0.001 * (p.epoch < 50 ? 1.0 : 0.1));
        w.addBatch(p);
        if (s % kBatchesPerEpoch == 0 || s == steps) {
            EpochProgress e;
            e.epoch = p.epoch;
            e.trainLoss = p.loss;
            e.trainAccuracy = p.accuracy;
            e.hasValidation = true;
            e.validationLoss = p.loss * 1.1;
            e.validationAccuracy = p.accuracy * 0.98;
            w.endEpoch(e);
        }
    }
    w.finish(RunStatus::Completed, nullptr, { { "loss", 0.2 }, { "accuracy", 0.9 } });
}

QString ensureRuns(int runs, int64_t steps, bool mixed)
{
    const fs::path dir = fs::temp_directory_path()
        / ("ws_bench_runs_" + std::string(mixed ? "mixed_" : "") + std::to_string(runs) + "x" + std::to_string(steps));
    const fs::path done = dir / ".complete";
    if (fs::exists(done)) {
        std::printf("reusing %d runs × %lld steps in %s\n", runs, (long long)steps, dir.c_str());
        return QString::fromStdString(dir.string());
    }
    fs::remove_all(dir);
    fs::create_directories(dir);
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < runs; ++i) {
        char name[32];
        if (mixed && i % 2) {
            std::snprintf(name, sizeof name, "tb-%04d", i);
            writeTensorBoardRun(dir / name, i, steps);
            continue;
        }
        std::snprintf(name, sizeof name, "run-%04d.h5", i);
        writeRun((dir / name).string(), i, steps);
    }
    std::ofstream(done) << "ok\n";
    uintmax_t bytes = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        bytes += e.is_regular_file() ? e.file_size() : 0;
    std::printf("wrote %d runs × %lld steps with RunWriter%s in %.1f s (%.0f MB) to %s\n", runs, (long long)steps,
        mixed ? " (every other one as a TensorBoard log)" : "", t.elapsed() / 1000.0, double(bytes) / 1e6, dir.c_str());
    return QString::fromStdString(dir.string());
}

void selectFirst(RunsPanel& panel, int n)
{
    QItemSelection selection;
    selection.select(panel.filter()->index(0, 0), panel.filter()->index(n - 1, RunsModel::ColumnCount - 1));
    panel.table()->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

struct Frames {
    double meanMs = 0, p95Ms = 0, worstMs = 0;
    double cpuMs = 0; // mean CPU time of the GUI thread per frame: what the frame costs when the CPU is ours
    double stallMs = 0; // the GUI thread's longest time away from its event loop, until the last reduction is drawn
};

double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Pans (1 % of the range per frame) and zooms (every fifth frame) with an immediate replot, then
// waits for the last range's reduction (#19: made on the curves' worker) to be drawn.
Frames panAndZoom(ComparePlot* compare, int frames)
{
    QCustomPlot* plot = compare->plot();
    std::vector<double> ms;
    QElapsedTimer t;
    StallMeter stall;
    const double cpu0 = threadCpuMs();
    for (int f = 0; f < frames; ++f) {
        t.start();
        if (f % 5 == 4)
            plot->xAxis->scaleRange(f % 10 == 4 ? 0.8 : 1.25, plot->xAxis->range().center());
        else
            plot->xAxis->moveRange(plot->xAxis->range().size() * 0.01 * (f < frames / 2 ? 1 : -1));
        plot->replot(QCustomPlot::rpImmediateRefresh);
        QCoreApplication::processEvents();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    const double cpu = threadCpuMs() - cpu0;
    while (compare->reducing())
        QTest::qWait(1);
    QTest::qWait(20); // the queued replot
    std::sort(ms.begin(), ms.end());
    Frames out;
    out.stallMs = stall.longestMs();
    out.cpuMs = cpu / frames;
    for (double m : ms)
        out.meanMs += m / double(ms.size());
    out.p95Ms = ms[size_t(double(ms.size() - 1) * 0.95)];
    out.worstMs = ms.back();
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures appear as they are measured, also in a pipe
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("WeightscopeBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_runs"));
    const bool mixed = argc > 1 && std::string(argv[1]) == "--mixed";
    const int first = mixed ? 2 : 1;
    const int runs = argc > first ? std::atoi(argv[first]) : 200;
    const int64_t steps = argc > first + 1 ? std::atoll(argv[first + 1]) : 100000;
    std::printf("load average before: %s\n", loadAverage().c_str());
    const QString dir = ensureRuns(runs, steps, mixed);

    // The scan as core does it, then as the dock does it (thread, model, table).
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer t;
        t.start();
        const RunListing list = scanRuns(dir.toStdString());
        std::printf("scanRuns (core): %zu runs in %.3f s\n", list.runs.size(), t.elapsed() / 1000.0);
    }
    RunsPanel panel;
    panel.resize(1280, 900);
    panel.show();
    if (!QTest::qWaitForWindowExposed(&panel))
        return 1;
    QSignalSpy scanned(&panel, &RunsPanel::scanFinished);
    StallMeter stall; // the GUI thread's longest time away from its event loop
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer t;
        t.start();
        stall.reset();
        const qsizetype before = scanned.size();
        if (i == 0)
            panel.setFolder(dir, false);
        else
            panel.refresh();
        while (scanned.size() == before)
            QTest::qWait(1);
        std::printf("Runs dock scan into the table: %d runs in %.3f s, GUI thread's longest stall %.0f ms (RSS %.0f MB)\n",
            scanned.last().at(0).toInt(), t.elapsed() / 1000.0, stall.longestMs(), rssMb());
    }

    QSignalSpy shown(&panel, &RunsPanel::curvesShown);
    const std::vector<int> overlays = mixed ? std::vector<int> { 20, runs } : std::vector<int> { 10, 50, 200 };
    for (int n : overlays) {
        if (n > runs)
            break;
        for (int repeat = 0; repeat < 2; ++repeat) {
            if (panel.table()->selectionModel()->hasSelection()) { // start from nothing shown
                panel.table()->clearSelection();
                while (shown.isEmpty() || shown.last().at(0).toInt() != 0)
                    QTest::qWait(1);
            }
            QElapsedTimer t;
            t.start();
            stall.reset();
            selectFirst(panel, n);
            while (shown.isEmpty() || shown.last().at(0).toInt() != n)
                QTest::qWait(1);
            QTest::qWait(20); // the queued replot
            const double load = t.elapsed() / 1000.0;
            const double longest = stall.longestMs();
            QCustomPlot* plot = panel.compare()->plot();
            int points = 0;
            for (int g = 0; g < plot->graphCount(); ++g)
                points += plot->graph(g)->dataCount();
            plot->rescaleAxes();
            const Frames whole = panAndZoom(panel.compare(), 40);
            plot->xAxis->setRange(steps * 0.4, steps * 0.45); // zoomed in: the detail the thinning keeps
            const Frames zoomed = panAndZoom(panel.compare(), 40);
            std::printf("overlay %3d runs: selection to curves %.2f s (GUI thread's longest stall %.0f ms), %d graphs, %d points; pan/zoom whole: "
                        "mean %.1f ms (%.0f fps; CPU %.1f ms), p95 %.1f ms, worst %.1f ms, longest stall %.0f ms; zoomed 5 %%: mean %.1f ms "
                        "(%.0f fps; CPU %.1f ms), p95 %.1f ms, longest stall %.0f ms; RSS %.0f MB, peak %.0f MB\n",
                n, load, longest, plot->graphCount(), points, whole.meanMs, 1000.0 / whole.meanMs, whole.cpuMs, whole.p95Ms,
                whole.worstMs, whole.stallMs, zoomed.meanMs, 1000.0 / zoomed.meanMs, zoomed.cpuMs, zoomed.p95Ms, zoomed.stallMs,
                rssMb(), peakRssMb());
        }
    }
    std::printf("peak RSS %.0f MB; load average after: %s\n", peakRssMb(), loadAverage().c_str());
    return 0;
}
