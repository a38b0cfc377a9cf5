// The general training panel trains on its worker thread to the end and reports the test
// accuracy that core's evaluate() gives for the same model on the same data; the shape check
// explains a model that does not fit; a learning-rate change is marked on the curves.
#include "MainWindow.h"
#include "training/GeneralTrainingWorker.h"
#include "training/TrainingCurves.h"
#include "training/TrainingPanel.h"

#include "AppSettings.h"
#include "data/DatasetSource.h"
#include "run/RunStore.h"
#include "train/Metrics.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ws;
using namespace ws::ui;

namespace {

Experiment tinyCircle()
{
    Experiment e;
    e.dataset.name = "circle";
    e.dataset.seed = 3;
    e.model = "dense(8) tanh dense(2)";
    e.validationSplit = 0.2;
    e.train.epochs = 20;
    e.train.batchSize = 16;
    e.train.seed = 3;
    e.train.threads = 1;
    e.train.optimizer.kind = OptimizerKind::Adam;
    e.train.optimizer.learningRate = 0.02f;
    return e;
}

} // namespace

class TestTraining : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("WeightscopeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_training"));
    }

    void trainsToTheEndAndReportsCoresAccuracy()
    {
        QTemporaryDir runs;
        settings::runsFolder.set(runs.path());
        TrainingPanel panel;
        QSignalSpy previews(&panel, &TrainingPanel::previewShown);
        panel.applyExperiment(tinyCircle());
        QTRY_VERIFY_WITH_TIMEOUT(!previews.isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.modelCheck().contains(QStringLiteral("parameters")), 5000);
        // 2 inputs -> 8 -> 2: (2*8 + 8) + (8*2 + 2) = 42
        QVERIFY2(panel.modelCheck().contains(QStringLiteral("42 parameters")), qPrintable(panel.modelCheck()));

        QSignalSpy finished(&panel, &TrainingPanel::runFinished);
        QSignalSpy progress(&panel, &TrainingPanel::progressed);
        panel.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY(progress.count() >= 1);
        const auto outcome = finished.first().first().value<TrainingOutcome>();
        QVERIFY2(outcome.message.contains(QStringLiteral("finished")), qPrintable(outcome.message));
        QVERIFY(outcome.evaluated);

        // Core's evaluate on the trained model and the test split loaded independently here.
        const std::shared_ptr<Sequential> model = panel.worker()->lastModel();
        QVERIFY(model);
        DatasetSource source = tinyCircle().dataset;
        const LoadedData data = loadDatasetSource(source);
        const Evaluation ev = evaluate(*model, data.test, LossKind::SoftmaxCrossEntropy, 256, 0);
        QCOMPARE(outcome.testSamples, ev.samples);
        QCOMPARE(outcome.testAccuracy, ev.accuracy);
        QCOMPARE(outcome.testLoss, ev.loss);
        QVERIFY2(ev.accuracy > 0.8, qPrintable(QString::number(ev.accuracy))); // circle is easy
        QCOMPARE(outcome.confusion.size(), 2);
        qint64 total = 0, right = 0;
        for (int t = 0; t < 2; ++t)
            for (int p = 0; p < 2; ++p) {
                total += outcome.confusion[t][p];
                right += t == p ? outcome.confusion[t][p] : 0;
            }
        QCOMPARE(total, ev.samples);
        QCOMPARE(double(right) / double(total), ev.accuracy);

        // The run is recorded as the command line records it: every epoch and the same evaluation.
        const RunListing listing = scanRuns(runs.path().toStdString());
        QCOMPARE(int(listing.runs.size()), 1);
        const RunInfo& run = listing.runs.front();
        QCOMPARE(run.status, RunStatus::Completed);
        QCOMPARE(run.epochsCompleted, 20);
        QCOMPARE(run.final.at("accuracy").get<double>(), ev.accuracy);
        QCOMPARE(int(readRunHistory(run.path, HistoryKind::Epoch).size()), 20);
        settings::runsFolder.set(QString());
    }

    void loadingShowsABusyBarAndCancelDropsTheAnswer()
    {
        TrainingPanel panel;
        QSignalSpy previews(&panel, &TrainingPanel::previewShown);
        panel.applyExperiment(tinyCircle());
        QVERIFY(panel.isLoadingPreview());
        QTRY_VERIFY_WITH_TIMEOUT(!previews.isEmpty(), 10000);
        QVERIFY(!panel.isLoadingPreview());

        Experiment other = tinyCircle();
        other.dataset.name = "spiral";
        panel.applyExperiment(other);
        QVERIFY(panel.isLoadingPreview());
        panel.cancelPreview();
        QVERIFY(!panel.isLoadingPreview());
        QTest::qWait(1500); // the loader answers; the answer is dropped
        QCOMPARE(previews.count(), 1);
    }

    void shapeCheckSaysWhyAModelDoesNotFit()
    {
        TrainingPanel panel;
        Experiment e = tinyCircle();
        e.model = "dense(8) relu dense(3)";
        QSignalSpy previews(&panel, &TrainingPanel::previewShown);
        panel.applyExperiment(e);
        QTRY_VERIFY_WITH_TIMEOUT(!previews.isEmpty(), 10000);
        QTRY_VERIFY2_WITH_TIMEOUT(panel.modelCheck().contains(QStringLiteral("3 outputs")), qPrintable(panel.modelCheck()), 5000);
        e.model = "conv2d(4, 3) flatten dense(2)"; // 2-D points are no images
        panel.applyExperiment(e);
        QTRY_VERIFY2_WITH_TIMEOUT(panel.modelCheck().contains(QStringLiteral("conv2d"), Qt::CaseInsensitive),
            qPrintable(panel.modelCheck()), 5000);
    }

    // Stop straight after Start (the worker may still be loading the data) ends the run.
    void stopRightAfterStartEndsTheRun()
    {
        QTemporaryDir runs;
        settings::runsFolder.set(runs.path());
        TrainingPanel panel;
        Experiment e = tinyCircle();
        e.train.epochs = 100000;
        QSignalSpy previews(&panel, &TrainingPanel::previewShown);
        panel.applyExperiment(e);
        QTRY_VERIFY_WITH_TIMEOUT(!previews.isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.modelCheck().contains(QStringLiteral("parameters")), 5000);
        QSignalSpy finished(&panel, &TrainingPanel::runFinished);
        panel.start();
        panel.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        const auto message = finished.first().first().value<TrainingOutcome>().message;
        QVERIFY2(message.contains(QStringLiteral("stopped")), qPrintable(message));
        QVERIFY(!panel.isTraining());
        // Stopped before its first batch: no record; stopped later: a record that says so.
        const RunListing listing = scanRuns(runs.path().toStdString());
        QVERIFY(listing.errors.empty());
        if (message.contains(QStringLiteral("before it began")))
            QCOMPARE(int(listing.runs.size()), 0);
        for (const RunInfo& run : listing.runs)
            QCOMPARE(run.status, RunStatus::Stopped);
        settings::runsFolder.set(QString());
    }

    void mainWindowClosesCleanlyWhileTraining()
    {
        auto window = std::make_unique<MainWindow>();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->showTraining();
        TrainingPanel* panel = window->training();
        Experiment e = tinyCircle();
        e.train.epochs = 100000;
        QSignalSpy previews(panel, &TrainingPanel::previewShown);
        panel->applyExperiment(e);
        QTRY_VERIFY_WITH_TIMEOUT(!previews.isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(panel->modelCheck().contains(QStringLiteral("parameters")), 5000);
        QSignalSpy progress(panel, &TrainingPanel::progressed);
        panel->start();
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 5, 20000);

        QElapsedTimer timer;
        timer.start();
        QVERIFY(window->close());
        window.reset();
        // A hang check, not a speed test (room for a machine busy with other tests).
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QStringLiteral("closing took %1 ms").arg(timer.elapsed())));
    }

    void pauseStepAndLearningRateChange()
    {
        TrainingPanel panel;
        Experiment e = tinyCircle();
        e.train.epochs = 1000;
        e.train.batchSize = 4;
        QSignalSpy previews(&panel, &TrainingPanel::previewShown);
        panel.applyExperiment(e);
        QTRY_VERIFY_WITH_TIMEOUT(!previews.isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.modelCheck().contains(QStringLiteral("parameters")), 5000);

        QSignalSpy progress(&panel, &TrainingPanel::progressed);
        panel.start();
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 3, 20000);
        panel.pause();
        // The batch in flight may still report, late on a busy machine: wait until nothing comes.
        for (int tries = 0; tries < 60; ++tries) {
            progress.clear();
            QTest::qWait(300);
            if (progress.isEmpty())
                break;
        }
        progress.clear();
        QTest::qWait(300);
        QCOMPARE(progress.count(), 0);
        panel.step();
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 1, 5000);
        QCOMPARE(progress.first().first().toInt(), 1); // one batch point (an epoch's end may follow)
        QTest::qWait(200);
        const auto afterStep = progress.count();
        QVERIFY(afterStep <= 2);

        // A new rate while paused is used by the next batch and marked on the curves.
        panel.worker()->setLearningRate(0.005f);
        panel.step();
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() > afterStep, 5000);
        QCOMPARE(panel.curves()->learningRateMarks(), 1);

        QSignalSpy finished(&panel, &TrainingPanel::runFinished);
        panel.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QVERIFY(finished.first().first().value<TrainingOutcome>().message.contains(QStringLiteral("stopped")));
    }
};

QTEST_MAIN(TestTraining)
#include "test_training.moc"
