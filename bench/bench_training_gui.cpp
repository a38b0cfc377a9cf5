// SPDX-License-Identifier: GPL-3.0-or-later
// The Training panel's responsiveness and speed on Fashion-MNIST (issue #6, "Behaviour that must
// hold"): the panel trains offscreen through the GUI path (panel -> TrainingWorker on its
// thread -> core), while a 5 ms timer on the GUI thread records the longest gap between two of
// its ticks (an event-loop stall). Prints figures; asserts nothing.
//   QT_QPA_PLATFORM=offscreen build/release/bench/bench_training_gui mlp [epochs [threads [train-limit]]]   (default 1)
//   QT_QPA_PLATFORM=offscreen build/release/bench/bench_training_gui cnn [epochs [threads [train-limit]]]   (default 3)
// The model is the panel's template for the data (mlp or the default cnn) with the panel's
// default settings (Adam 1e-3, batch 32, validation split 0.1, all cores unless `threads`, all
// 60 000 training images unless `train-limit`); each epoch's end prints the elapsed time and
// validation accuracy, the end the test accuracy. Each epoch's end also prints the CPU time (user + system, from /proc/self/task) of the training
// thread since the previous epoch's end, and of the analysis thread so far: with threads = 1 the
// engine's work stays on the thread that calls it, so these split the work between the two
// threads independently of the machine's load.
#include "training/TrainingPanel.h"
#include "training/TrainingWorker.h"
#include "BenchGui.h"

#include "data/Idx.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace ws;
using namespace ws::ui;


int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("WeightscopeBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_training_gui"));
    const bool cnn = argc > 1 && std::strcmp(argv[1], "cnn") == 0;
    const int epochs = argc > 2 ? std::atoi(argv[2]) : (cnn ? 3 : 1);
    if (!std::filesystem::exists(defaultFashionMnistFolder())) {
        std::printf("Fashion-MNIST is not installed (%s)\n", defaultFashionMnistFolder().c_str());
        return 1;
    }

    TrainingPanel panel;
    panel.resize(1200, 800);
    panel.show();
    Experiment e = panel.experiment(); // the panel's defaults
    e.dataset.name = "fashion-mnist";
    e.model = cnn ? "cnn" : "mlp";
    e.train.epochs = epochs;
    if (argc > 3)
        e.train.threads = std::atoi(argv[3]);
    if (argc > 4)
        e.dataset.trainLimit = std::atoll(argv[4]);
    QSignalSpy previews(&panel, &TrainingPanel::previewShown);
    panel.applyExperiment(e);
    if (!previews.wait(120000) || !panel.modelCheck().contains(QStringLiteral("parameters"))) {
        std::printf("the data or the model did not load: %s\n", qPrintable(panel.modelCheck()));
        return 1;
    }

    EventLoopProbe probe; // while training runs
    QElapsedTimer clock;
    int progressSignals = 0;
    double lastCpu = threadCpuSeconds("general-training");
    QObject::connect(&panel, &TrainingPanel::progressed, [&](int) { ++progressSignals; });
    QObject::connect(panel.worker(), &TrainingWorker::progress, &panel,
        [&](quint64, const QList<TrainingPoint>& points) {
            for (const TrainingPoint& p : points)
                if (p.epochEnd) {
                    const double cpu = threadCpuSeconds("general-training");
                    std::printf("epoch %d: %.1f s, training loss %.4f, validation accuracy %.4f; CPU: training thread "
                                "%.2f s this epoch, analysis thread %.2f s so far\n",
                        int(p.epoch), double(clock.elapsed()) / 1000.0, p.loss, p.validationAccuracy, cpu - lastCpu,
                        threadCpuSeconds("training-analysis"));
                    lastCpu = cpu;
                }
            std::fflush(stdout);
        });
    QSignalSpy finished(&panel, &TrainingPanel::runFinished);
    clock.start();
    probe.start();
    panel.start();
    while (finished.isEmpty())
        finished.wait(1000);
    probe.stop();
    const double seconds = double(clock.elapsed()) / 1000.0;
    const auto outcome = finished.first().first().value<TrainingOutcome>();

    std::printf("%s, %d epoch(s) through the Training panel: %.1f s, test accuracy %.4f (%s)\n",
        cnn ? "default CNN" : "MLP", epochs, seconds, outcome.testAccuracy, qPrintable(outcome.message));
    QTest::qWait(500); // the analysis thread passes the last epoch on
    std::printf("CPU in all: training thread %.2f s, analysis thread %.2f s\n", threadCpuSeconds("general-training"),
        threadCpuSeconds("training-analysis"));
    std::printf("GUI probe (5 ms timer, %zu ticks): longest gap %.1f ms, 99th percentile %.1f ms, median %.1f ms, "
                "gaps over 50 ms: %lld; %d progress signals (%.1f per second)\n",
        probe.ticks(), probe.longest(), probe.percentile(0.99), probe.percentile(0.5), probe.over(50.0),
        progressSignals, progressSignals / std::max(seconds, 1e-9));
    return 0;
}
