// SPDX-License-Identifier: GPL-3.0-or-later
// The Playground panel drives training on its worker thread: progress arrives, pause holds,
// a step is exactly one batch, and closing the main window mid-training shuts down cleanly.
#include "UiTestSetup.h"
#include "shell/MainWindow.h"
#include "playground/NetworkView.h"
#include "playground/PlaygroundPanel.h"
#include "common/DivergenceDialog.h"

#include <QComboBox>
#include <QPushButton>

#include <QElapsedTimer>

#include <cmath>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using ws::ui::MainWindow;
using ws::ui::NetworkView;
using ws::ui::PlaygroundPanel;
using ws::ui::PlaygroundSnapshot;
using ws::ui::WeightEdit;

// Waits until `spy` has seen no signal for `ms` milliseconds in a row (at most 20 s); false if
// signals kept coming.
static bool quietFor(QSignalSpy& spy, int ms)
{
    for (int tries = 0; tries < 20000 / ms; ++tries) {
        spy.clear();
        QTest::qWait(ms);
        if (spy.isEmpty())
            return true;
    }
    return false;
}

class TestPlayground : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        ws::test::isolateSettings(QStringLiteral("test_playground"));
    }

    void pauseHoldsAndStepRunsExactlyOneBatch()
    {
        PlaygroundPanel panel;
        qint64 latest = -1;
        connect(&panel, &PlaygroundPanel::progressed, this, [&latest](qint64 step) { latest = step; });
        QSignalSpy spy(&panel, &PlaygroundPanel::progressed);

        panel.start();
        QTRY_VERIFY2_WITH_TIMEOUT(latest >= 30, qPrintable(QStringLiteral("last step %1").arg(latest)), 30000);
        QVERIFY(panel.isRunning());

        panel.pause();
        // The batch in flight when pause() was called may still report (late, on a busy machine):
        // paused means that nothing arrives for a while.
        QVERIFY(quietFor(spy, 300));
        const qint64 pausedAt = latest;
        spy.clear();
        QTest::qWait(300);
        QCOMPARE(spy.count(), 0);
        QCOMPARE(latest, pausedAt);

        panel.step();
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 5000);
        QCOMPARE(latest, pausedAt + 1);
        QTest::qWait(200);
        QCOMPARE(spy.count(), 1);

        panel.start();
        QTRY_VERIFY_WITH_TIMEOUT(latest > pausedAt + 20, 30000);

        panel.shutdown();
        QVERIFY(!panel.isRunning());
        QCoreApplication::sendPostedEvents(); // what the joined thread posted before it ended
        spy.clear();
        QTest::qWait(100);
        QCOMPARE(spy.count(), 0);
    }

    void stepBeforeStartRunsOneBatch()
    {
        PlaygroundPanel panel;
        qint64 latest = -1;
        connect(&panel, &PlaygroundPanel::progressed, this, [&latest](qint64 step) { latest = step; });
        panel.step();
        QTRY_COMPARE_WITH_TIMEOUT(latest, qint64(1), 5000);
        QTest::qWait(200);
        QCOMPARE(latest, qint64(1));
    }

    // The snapshot carries one picture per neuron (inputs, each hidden layer, the output) and
    // the weights between them, in the shapes the drawing expects.
    void snapshotDrawsEveryNeuron()
    {
        PlaygroundPanel panel;
        PlaygroundSnapshot last;
        connect(&panel, &PlaygroundPanel::snapshotArrived, this, [&last](const PlaygroundSnapshot& s) { last = s; });
        panel.setHiddenLayers({ 3, 5 });
        QTRY_COMPARE_WITH_TIMEOUT(last.network.widths, (QList<int> { 2, 3, 5, 1 }), 5000);
        const auto cells = qsizetype(ws::ui::kNeuronGridSize) * ws::ui::kNeuronGridSize;
        QCOMPARE(last.network.maps.size(), 4);
        QCOMPARE(last.network.maps[2].size(), 5 * cells);
        QCOMPARE(last.network.kernels.size(), 3);
        QCOMPARE(last.network.kernels[1].size(), 3 * 5);
        QCOMPARE(last.network.biases[2].size(), 1);
        // Input x1 at the grid's first cell (lower left) is the cell centre, -6 + 6/25.
        QCOMPARE(last.network.maps[0][0], -6.0f + 6.0f / 25.0f);
        // The output neuron's map is the boundary sampled on the coarser grid: tanh, in [-1, 1].
        for (const float v : last.network.maps[3])
            QVERIFY2(v >= -1.0f && v <= 1.0f, qPrintable(QString::number(v)));
        QCOMPARE(last.step, qint64(0)); // reset leaves the model paused
    }

    // An edit typed while paused reaches the engine before the next step: a snapshot right after
    // it (no step taken) shows the typed value; the next step starts from that value.
    void editedWeightReachesTheModelWhilePaused()
    {
        PlaygroundPanel panel;
        PlaygroundSnapshot last;
        int snapshots = 0;
        connect(&panel, &PlaygroundPanel::snapshotArrived, this, [&](const PlaygroundSnapshot& s) {
            last = s;
            ++snapshots;
        });
        QTRY_COMPARE_WITH_TIMEOUT(last.network.widths, (QList<int> { 2, 8, 8, 1 }), 5000);
        const int out = 8;
        QVERIFY(last.network.kernels[0][0 * out + 1] != 2.5f);

        panel.editWeight(WeightEdit { 1, 0, 1, 2.5f }); // x1 -> neuron 2 of the first hidden layer
        QTRY_COMPARE_WITH_TIMEOUT(last.network.kernels[0][0 * out + 1], 2.5f, 5000);
        QCOMPARE(last.step, qint64(0));
        panel.editWeight(WeightEdit { 3, -1, 0, -0.75f }); // the output's bias
        QTRY_COMPARE_WITH_TIMEOUT(last.network.biases[2][0], -0.75f, 5000);
        QCOMPARE(last.network.kernels[0][1], 2.5f); // the first edit stays
        QCOMPARE(last.step, qint64(0));
        // An edit naming no weight (a column the network does not have) changes nothing.
        const QList<QList<float>> kernels = last.network.kernels;
        panel.editWeight(WeightEdit { 9, 0, 0, 1.0f });
        const int before = snapshots;
        QTRY_VERIFY_WITH_TIMEOUT(snapshots > before, 5000);
        QCOMPARE(last.network.kernels, kernels);

        panel.step();
        QTRY_COMPARE_WITH_TIMEOUT(last.step, qint64(1), 5000);
        // One SGD step (lr 0.03) from 2.5 moves it a little, not back to where it was.
        const float after = last.network.kernels[0][1];
        QVERIFY2(std::abs(after - 2.5f) < 0.1f, qPrintable(QString::number(after)));
    }

    // Regression on chosen features: the inputs are the features, the output is linear (no
    // accuracy), and training runs.
    void regressionTrainsOnChosenFeatures()
    {
        PlaygroundPanel panel;
        PlaygroundSnapshot last;
        connect(&panel, &PlaygroundPanel::snapshotArrived, this, [&last](const PlaygroundSnapshot& s) { last = s; });
        panel.setRegression(true);
        panel.setFeatures(ws::FeatureX1 | ws::FeatureX1Squared | ws::FeatureSinX2);
        QTRY_COMPARE_WITH_TIMEOUT(last.network.widths.value(0), 3, 5000);
        QCOMPARE(panel.config().dataset, ws::PlaygroundKind::Plane);
        const auto cells = qsizetype(ws::ui::kNeuronGridSize) * ws::ui::kNeuronGridSize;
        const float x = -6.0f + 6.0f / 25.0f; // the first cell's centre, on both axes
        QCOMPARE(last.network.maps[0][0], x);
        QCOMPARE(last.network.maps[0][cells], x * x);
        QCOMPARE(last.network.maps[0][2 * cells], std::sin(x));
        panel.step();
        QTRY_COMPARE_WITH_TIMEOUT(last.step, qint64(1), 5000);
        QVERIFY(std::isnan(last.testAccuracy));
        QVERIFY(std::isfinite(last.testLoss));
    }

    // A learning rate of 10 on the regression blows up: training pauses with a message and the
    // dialog; lowering the rate picks the listed rate a tenth as large and goes on.
    void divergencePausesAndLowersTheLearningRate()
    {
        PlaygroundPanel panel;
        QSignalSpy diverged(&panel, &PlaygroundPanel::diverged);
        panel.setRegression(true);
        QComboBox *rate = nullptr, *optimizer = nullptr;
        for (QComboBox* box : panel.findChildren<QComboBox*>()) {
            if (box->toolTip().startsWith(QStringLiteral("How big a step")))
                rate = box;
            if (box->toolTip().startsWith(QStringLiteral("The algorithm that updates")))
                optimizer = box;
        }
        QVERIFY(rate && optimizer);
        optimizer->setCurrentIndex(optimizer->findData(int(ws::OptimizerKind::SGD)));
        rate->setCurrentIndex(rate->findData(10.0));
        panel.start();
        QTRY_VERIFY_WITH_TIMEOUT(!diverged.isEmpty(), 30000);
        QVERIFY2(diverged.first().first().toString().contains(QStringLiteral("learning rate")),
            qPrintable(diverged.first().first().toString()));
        QVERIFY(!panel.isRunning());
        QVERIFY(panel.divergenceDialog()->isVisible());
        QVERIFY(std::isfinite(panel.latestSnapshot().trainLoss)); // drawn from the rolled-back weights
        panel.divergenceDialog()->lowerButton()->click();
        QCOMPARE(rate->currentData().toDouble(), 1.0);
        QVERIFY(panel.isRunning());
        panel.divergenceDialog()->stopButton()->click(); // the Playground's Stop: stay paused
        QVERIFY(!panel.isRunning());
    }

    // Step epoch runs one epoch's batches: 250 training points (half of 500) in batches of 10.
    void stepEpochRunsOneEpoch()
    {
        PlaygroundPanel panel;
        PlaygroundSnapshot last;
        connect(&panel, &PlaygroundPanel::snapshotArrived, this, [&last](const PlaygroundSnapshot& s) { last = s; });
        QTRY_COMPARE_WITH_TIMEOUT(last.network.widths.size(), 4, 5000); // the run's data has arrived
        panel.stepEpoch();
        QTRY_COMPARE_WITH_TIMEOUT(last.step, qint64(25), 10000);
        QTest::qWait(200);
        QCOMPARE(last.step, qint64(25));
        QCOMPARE(last.epoch, 1.0);
    }

    // Hovering and clicking find the neuron or link under the pointer.
    void networkViewFindsNeuronsAndLinks()
    {
        PlaygroundPanel panel;
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        NetworkView* view = panel.networkView();
        QTRY_COMPARE_WITH_TIMEOUT(view->picture().widths, (QList<int> { 2, 8, 8, 1 }), 5000);
        const QRectF neuron = view->neuronRect(2, 3);
        auto hit = view->hitAt(neuron.center());
        QVERIFY(hit.has_value());
        QCOMPARE(hit->column, 2);
        QCOMPARE(hit->from, -1);
        QCOMPARE(hit->to, 3);
        const QRectF a = view->neuronRect(1, 4), b = view->neuronRect(2, 6);
        // 30 % of the way along: no other link of these columns passes there (7i + 3j = 46 has
        // one solution in 0..7), whereas at the middle 3 -> 7 crosses 4 -> 6.
        const QPointF along = 0.7 * QPointF(a.right(), a.center().y()) + 0.3 * QPointF(b.left(), b.center().y());
        hit = view->hitAt(along);
        QVERIFY(hit.has_value());
        QCOMPARE(hit->column, 2);
        QCOMPARE(hit->from, 4);
        QCOMPARE(hit->to, 6);
    }

    void mainWindowClosesCleanlyWhileTraining()
    {
        auto window = std::make_unique<MainWindow>();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->showPlayground();
        QSignalSpy spy(window->playground(), &PlaygroundPanel::progressed);
        window->playground()->start();
        QTRY_VERIFY_WITH_TIMEOUT(spy.count() >= 5, 30000);

        QElapsedTimer timer;
        timer.start();
        QVERIFY(window->close());
        window.reset();
        // A hang check, not a speed test: the worker stops within one batch, which takes
        // microseconds; 10 s leaves room for a machine busy with other tests.
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QStringLiteral("closing took %1 ms").arg(timer.elapsed())));
    }
};

QTEST_MAIN(TestPlayground)
#include "test_playground.moc"
