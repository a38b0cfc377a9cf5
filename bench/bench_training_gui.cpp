// The Training panel's responsiveness and speed on Fashion-MNIST (issue #6, "Behaviour that must
// hold"): the panel trains offscreen through the GUI path (panel -> GeneralTrainingWorker on its
// thread -> core), while a 5 ms timer on the GUI thread records the longest gap between two of
// its ticks (an event-loop stall). Prints figures; asserts nothing.
//   QT_QPA_PLATFORM=offscreen build/release/bench/bench_training_gui mlp [epochs]   (default 1)
//   QT_QPA_PLATFORM=offscreen build/release/bench/bench_training_gui cnn [epochs]   (default 3)
// The model is the panel's template for the data (mlp or the default cnn) with the panel's
// default settings (Adam 1e-3, batch 32, validation split 0.1, all cores); each epoch's end prints
// the elapsed time and validation accuracy, the end the test accuracy.
#include "training/GeneralTrainingWorker.h"
#include "training/TrainingPanel.h"

#include "data/Idx.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
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
    QSignalSpy previews(&panel, &TrainingPanel::previewShown);
    panel.applyExperiment(e);
    if (!previews.wait(120000) || !panel.modelCheck().contains(QStringLiteral("parameters"))) {
        std::printf("the data or the model did not load: %s\n", qPrintable(panel.modelCheck()));
        return 1;
    }

    // The probe: gaps between ticks of a 5 ms timer, while training runs.
    std::vector<double> gaps;
    QElapsedTimer tick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        gaps.push_back(double(tick.nsecsElapsed()) / 1e6);
        tick.restart();
    });

    QElapsedTimer clock;
    int progressSignals = 0;
    QObject::connect(&panel, &TrainingPanel::progressed, [&](int) { ++progressSignals; });
    QObject::connect(panel.worker(), &GeneralTrainingWorker::progress, &panel,
        [&](quint64, const QList<TrainingPoint>& points) {
            for (const TrainingPoint& p : points)
                if (p.epochEnd)
                    std::printf("epoch %d: %.1f s, training loss %.4f, validation accuracy %.4f\n", int(p.epoch),
                        double(clock.elapsed()) / 1000.0, p.loss, p.validationAccuracy);
            std::fflush(stdout);
        });
    QSignalSpy finished(&panel, &TrainingPanel::runFinished);
    clock.start();
    tick.start();
    probe.start();
    panel.start();
    while (finished.isEmpty())
        finished.wait(1000);
    probe.stop();
    const double seconds = double(clock.elapsed()) / 1000.0;
    const auto outcome = finished.first().first().value<TrainingOutcome>();

    std::sort(gaps.begin(), gaps.end());
    const auto percentile = [&](double q) { return gaps.empty() ? 0.0 : gaps[size_t(q * double(gaps.size() - 1))]; };
    const auto over = std::count_if(gaps.begin(), gaps.end(), [](double g) { return g > 50.0; });
    std::printf("%s, %d epoch(s) through the Training panel: %.1f s, test accuracy %.4f (%s)\n",
        cnn ? "default CNN" : "MLP", epochs, seconds, outcome.testAccuracy, qPrintable(outcome.message));
    std::printf("GUI probe (5 ms timer, %zu ticks): longest gap %.1f ms, 99th percentile %.1f ms, median %.1f ms, "
                "gaps over 50 ms: %lld; %d progress signals (%.1f per second)\n",
        gaps.size(), gaps.empty() ? 0.0 : gaps.back(), percentile(0.99), percentile(0.5), static_cast<long long>(over),
        progressSignals, progressSignals / std::max(seconds, 1e-9));
    return 0;
}
