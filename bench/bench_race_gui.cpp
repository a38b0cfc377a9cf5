// SPDX-License-Identifier: GPL-3.0-or-later
// #22, item 7 ("still fast"): the optimizer race through the GUI path (RacePanel -> four
// PlaygroundWorkers, a thread each -> core) with four optimizers, two hidden layers of 8 tanh
// neurons and TensorFlow Playground's 500 spiral points (250 to train on, batches of 10), at
// unlimited speed. Measures, over `seconds` after a one-second start:
//   - GUI frames per second: redraws of the race (its ~30 Hz timer) that drew new snapshots, and
//     the GUI thread's CPU per frame (what a core of its own would allow);
//   - the event loop's longest stall: gaps between ticks of a 5 ms timer on the GUI thread;
//   - epochs per second per optimizer (wall clock), and per CPU second of its thread, which
//     does not depend on how many other processes share the cores.
// Prints figures and the load average; asserts nothing.
//   QT_QPA_PLATFORM=offscreen build/release/bench/bench_race_gui [seconds]   (default 10)
#include "BenchGui.h"
#include "playground/RacePanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

using namespace ws;
using namespace ws::ui;

namespace {

std::string loadAverage()
{
    std::string line;
    std::getline(std::ifstream("/proc/loadavg"), line);
    return line;
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("WeightscopeBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_race_gui"));
    const double seconds = argc > 1 ? std::max(1.0, std::atof(argv[1])) : 10.0;

    RacePanel race;
    race.resize(1400, 900);
    race.show();
    PlaygroundConfig base; // the spiral, 500 points, half of them to train on, batches of 10
    base.hidden = { 8, 8 };
    base.batchSize = 10;
    race.setBase(base);
    race.setContestants({ { OptimizerKind::SGD, 0.03f }, { OptimizerKind::SGD, 0.03f, 0.9f, true },
        { OptimizerKind::Adam, 0.01f }, { OptimizerKind::RMSprop, 0.01f } });
    race.setEpochsPerSecond(0.0);
    const std::vector<RaceContestant> contestants = race.contestants();
    std::printf("load average before: %s\n", loadAverage().c_str());

    std::array<double, kMaxRaceContestants> epoch {};
    QObject::connect(&race, &RacePanel::snapshotArrived, [&](int lane, const PlaygroundSnapshot& s) { epoch.at(size_t(lane)) = s.epoch; });

    race.start();
    QTest::qWait(1000); // threads started, first snapshots drawn

    EventLoopProbe probe;
    const auto startEpoch = epoch;
    std::array<double, kMaxRaceContestants> startCpu {};
    for (int i = 0; i < kMaxRaceContestants; ++i)
        startCpu[size_t(i)] = threadCpuSeconds("race-" + std::to_string(i));
    const quint64 startFrames = race.framesDrawn();
    const double startGuiCpu = threadCpuSeconds("bench_race_gui");
    QElapsedTimer clock;
    clock.start();
    probe.start();
    QTest::qWait(int(seconds * 1000));
    probe.stop();
    const double wall = double(clock.nsecsElapsed()) / 1e9;
    const double guiCpu = threadCpuSeconds("bench_race_gui") - startGuiCpu;
    const quint64 frames = race.framesDrawn() - startFrames;
    const auto endEpoch = epoch;
    race.pause();

    std::printf("race of %d optimizers, 2-8-8-1 tanh, 500 spiral points (250 trained on), batch 10, %.1f s:\n",
        int(contestants.size()), wall);
    double slowest = 1e300;
    for (int i = 0; i < int(contestants.size()); ++i) {
        const double epochs = endEpoch[size_t(i)] - startEpoch[size_t(i)];
        const double cpu = threadCpuSeconds("race-" + std::to_string(i)) - startCpu[size_t(i)];
        slowest = std::min(slowest, epochs / wall);
        std::printf("  %-34s %9.0f epochs/s (wall), %9.0f epochs per CPU second (%.2f CPU s)\n",
            contestants[size_t(i)].label().c_str(), epochs / wall, epochs / std::max(cpu, 1e-9), cpu);
    }
    std::printf("GUI: %.1f frames/s drawn (race redraws with news); slowest optimizer %.0f epochs/s\n",
        double(frames) / wall, slowest);
    // The GUI thread's CPU per frame bounds the frame rate a core of its own would allow.
    std::printf("GUI thread: %.2f CPU s in %.1f s, %.1f ms CPU per frame (%.0f frames/s on a core of its own)\n", guiCpu,
        wall, 1000.0 * guiCpu / double(std::max<quint64>(frames, 1)), double(frames) / std::max(guiCpu, 1e-9));
    std::printf("GUI probe (5 ms timer, %zu ticks): longest gap %.1f ms, 99th percentile %.1f ms, median %.1f ms\n",
        probe.ticks(), probe.longest(), probe.percentile(0.99), probe.percentile(0.5));
    std::printf("load average after: %s\n", loadAverage().c_str());
    race.shutdown();
    return 0;
}
