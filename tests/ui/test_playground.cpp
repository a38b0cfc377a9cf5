// SPDX-License-Identifier: GPL-3.0-or-later
// The Playground panel drives training on its worker thread: progress arrives, pause holds,
// a step is exactly one batch, and closing the main window mid-training shuts down cleanly.
#include "UiTestSetup.h"
#include "PlaygroundTraining.h"
#include "shell/MainWindow.h"
#include "playground/BoundaryPlot.h"
#include "playground/NetworkView.h"
#include "playground/OwnDataBox.h"
#include "shell/AppSettings.h"
#include "playground/PlaygroundPanel.h"
#include "common/DivergenceDialog.h"
#include "training/ConfusionHeatmap.h"
#include "playground/LossPlot.h"
#include "nn/Dense.h"
#include "run/PlaygroundRun.h"
#include "run/RunRecord.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QSettings>
#include <QPushButton>
#include <QSlider>

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <cmath>
#include <cstring>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using ws::ui::MainWindow;
using ws::ui::BoundaryPlot;
using ws::ui::NetworkView;
using ws::ui::OwnDataBox;
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

// The panel's combo box whose tooltip starts with `tip` (the learning rate, the optimizer).
static QComboBox* comboWithTip(QWidget& panel, const char* tip)
{
    for (QComboBox* box : panel.findChildren<QComboBox*>())
        if (box->toolTip().startsWith(QLatin1String(tip)))
            return box;
    return nullptr;
}

// The last snapshot a panel sent and how many it sent.
struct Watch {
    PlaygroundSnapshot last;
    int count = 0;
    explicit Watch(PlaygroundPanel& panel)
    {
        QObject::connect(&panel, &PlaygroundPanel::snapshotArrived, &panel, [this](const PlaygroundSnapshot& s) {
            last = s;
            ++count;
        });
    }
};

class TestPlayground : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        ws::test::isolateSettings(QStringLiteral("test_playground"));
    }

    // Every test starts on the spiral with no points of its own (the panel keeps both).
    void init()
    {
        ws::ui::settings::playgroundDataset.set(QStringLiteral("spiral"));
        QFile::remove(OwnDataBox::sessionFile());
    }

    // #21: every optimizer setting of the Training panel is reachable in the Playground too:
    // momentum with Nesterov, weight decay and warm-up reach the run's recipe.
    void everyOptimizerSettingIsReachable()
    {
        PlaygroundPanel panel;
        const auto combo = [&](auto&& is) -> QComboBox* {
            for (QComboBox* c : panel.findChildren<QComboBox*>())
                if (is(c))
                    return c;
            return nullptr;
        };
        QComboBox* momentum = combo([](QComboBox* c) { return c->findData(0.99) >= 0 && c->findData(0.9) >= 0; });
        QComboBox* decay = combo([](QComboBox* c) { return c->count() > 0 && c->itemData(0).toDouble() == -1.0; });
        QComboBox* warmup = combo([](QComboBox* c) { return c->findData(1000) >= 0 && c->findData(10) >= 0; });
        QCheckBox* nesterov = nullptr;
        for (QCheckBox* b : panel.findChildren<QCheckBox*>())
            if (b->text() == QStringLiteral("Nesterov"))
                nesterov = b;
        QVERIFY(momentum && decay && warmup && nesterov);
        QCOMPARE(panel.config().weightDecay, -1.0f); // "default": the optimizer's own, as before
        QVERIFY(!nesterov->isEnabled());              // no momentum yet
        momentum->setCurrentIndex(momentum->findData(0.9));
        QVERIFY(nesterov->isEnabled());
        nesterov->setChecked(true);
        decay->setCurrentIndex(decay->findData(1e-3));
        warmup->setCurrentIndex(warmup->findData(100));
        const auto c = panel.config();
        QCOMPARE(c.momentum, 0.9f);
        QVERIFY(c.nesterov);
        QCOMPARE(c.weightDecay, 1e-3f);
        QCOMPARE(c.warmupSteps, int64_t(100));
    }

    // #22: Adam's betas, RMSprop's rho, their epsilon, the step decay's factor and the cosine's
    // floor are shown only while the chosen optimizer or schedule uses them.
    void optimizerSettingsShowOnlyWhereTheyApply()
    {
        PlaygroundPanel panel;
        QComboBox* optimizer = comboWithTip(panel, "The algorithm that updates");
        QComboBox* schedule = comboWithTip(panel, "After the warm-up");
        QComboBox* beta1 = comboWithTip(panel, "Adam and AdamW: how much of the last steps'");
        QComboBox* beta2 = comboWithTip(panel, "Adam and AdamW: how much of the last squared");
        QComboBox* rho = comboWithTip(panel, "RMSprop: how much");
        QComboBox* epsilon = comboWithTip(panel, "Adam, AdamW and RMSprop");
        QComboBox* gamma = comboWithTip(panel, "Step decay: what the learning rate");
        QComboBox* floor = comboWithTip(panel, "Cosine: the learning rate");
        QVERIFY(optimizer && schedule && beta1 && beta2 && rho && epsilon && gamma && floor);
        // Until changed, the recipe's defaults (OptimizerConfig's, the halving, a floor of 0).
        const ws::PlaygroundRecipe defaults;
        const ws::ui::PlaygroundConfig c = panel.config();
        QCOMPARE(c.beta1, defaults.beta1);
        QCOMPARE(c.beta2, defaults.beta2);
        QCOMPARE(c.epsilon, defaults.epsilon);
        QCOMPARE(c.rho, defaults.rho);
        QCOMPARE(c.stepGamma, defaults.stepGamma);
        QCOMPARE(c.cosineMinLr, defaults.cosineMinLr);
        const auto shown = [&](QWidget* w) { return w->isVisibleTo(&panel); };
        const auto choose = [&](ws::OptimizerKind kind) { optimizer->setCurrentIndex(optimizer->findData(int(kind))); };
        choose(ws::OptimizerKind::SGD);
        QVERIFY(!shown(beta1) && !shown(beta2) && !shown(rho) && !shown(epsilon));
        for (const ws::OptimizerKind kind : { ws::OptimizerKind::Adam, ws::OptimizerKind::AdamW }) {
            choose(kind);
            QVERIFY(shown(beta1) && shown(beta2) && shown(epsilon));
            QVERIFY(!shown(rho));
        }
        choose(ws::OptimizerKind::RMSprop);
        QVERIFY(shown(rho) && shown(epsilon));
        QVERIFY(!shown(beta1) && !shown(beta2));

        QVERIFY(!shown(gamma) && !shown(floor)); // constant
        schedule->setCurrentIndex(schedule->findData(int(ws::ScheduleKind::Step)));
        QVERIFY(shown(gamma) && !shown(floor));
        schedule->setCurrentIndex(schedule->findData(int(ws::ScheduleKind::Cosine)));
        QVERIFY(!shown(gamma) && shown(floor));
        QCOMPARE(panel.config().stepGamma, 0.5f); // the halving the Playground had
        floor->setCurrentIndex(floor->findData(1e-3));
        QCOMPARE(panel.config().cosineMinLr, 1e-3f);
        QCOMPARE(ws::playgroundTrainConfig(panel.config()).schedule.minLr, 1e-3f);
    }

    // #22: Adam's β2 set in the panel trains the run and is in its record, where
    // `weightscope-cli rerun` reads it.
    void betaTwoReachesTheTrainerAndTheRunRecord()
    {
        QTemporaryDir dir;
        QSettings().setValue(QStringLiteral("preferences/runsFolder"), dir.path());
        {
            PlaygroundPanel panel;
            QComboBox* optimizer = comboWithTip(panel, "The algorithm that updates");
            QComboBox* beta2 = comboWithTip(panel, "Adam and AdamW: how much of the last squared");
            QVERIFY(optimizer && beta2);
            optimizer->setCurrentIndex(optimizer->findData(int(ws::OptimizerKind::Adam)));
            beta2->setCurrentIndex(beta2->findData(0.99));
            QCOMPARE(ws::PlaygroundSetup(panel.config()).config.optimizer.beta2, 0.99f); // what the worker trains
            qint64 latest = -1;
            connect(&panel, &PlaygroundPanel::progressed, this, [&latest](qint64 step) { latest = step; });
            panel.start();
            QTRY_VERIFY_WITH_TIMEOUT(latest >= 60, 30000); // two epochs: the run is recorded
            panel.shutdown();
        }
        QSettings().remove(QStringLiteral("preferences/runsFolder"));
        const QStringList files = QDir(dir.path()).entryList({ QStringLiteral("*.h5") }, QDir::Files);
        QCOMPARE(files.size(), 1);
        const ws::RunInfo info = ws::readRunInfo(dir.filePath(files[0]).toStdString());
        const nlohmann::json& optimizer = info.header.config.at("train").at("optimizer");
        QCOMPARE(optimizer.value("type", ""), std::string("adam"));
        QCOMPARE(optimizer.value("beta2", 0.0f), 0.99f);
        QCOMPARE(ws::playgroundRecipeFromRun(info.header.config).beta2, 0.99f);
    }

    // #22: two clusters drawn with the mouse in colours 0 and 2, one dab erased, then trained on:
    // a three-class softmax (colour 1 is a class without points), the points split into training
    // and test, and the network separates them. The points are there again in the next session.
    void drawnPointsTrainAndComeBack()
    {
        PlaygroundPanel panel;
        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        PlaygroundSnapshot last;
        connect(&panel, &PlaygroundPanel::snapshotArrived, this, [&last](const PlaygroundSnapshot& s) { last = s; });
        panel.setDataset(ws::PlaygroundKind::Custom);
        OwnDataBox* own = panel.ownData();
        QVERIFY(own->isVisibleTo(&panel));
        QVERIFY(!own->problem().isEmpty()); // nothing drawn yet: nothing to train
        panel.start();
        QVERIFY(!panel.isRunning());

        BoundaryPlot* plot = panel.boundaryPlot();
        QVERIFY(plot->isDrawing());
        const auto dab = [plot](double x, double y) {
            const QPoint at = plot->pixelOf({ x, y }).toPoint();
            QTest::mousePress(plot, Qt::LeftButton, {}, at);
            QTest::mouseRelease(plot, Qt::LeftButton, {}, at);
        };
        own->setBrushSize(5);
        own->setDrawClass(0);
        for (const double x : { -4.0, -3.0, -2.0 })
            for (const double y : { -4.0, -2.5 })
                dab(x, y);
        own->setDrawClass(2);
        for (const double x : { 2.0, 3.0, 4.0 })
            for (const double y : { 2.5, 4.0 })
                dab(x, y);
        QCOMPARE(own->points()->size(), 60);
        QCOMPARE(own->points()->numClasses, 3);
        // The eraser takes the points within 0.3 × its size (3) of the pointer, no others.
        const QPoint eraseAt = plot->pixelOf({ 4.0, 4.0 }).toPoint();
        const double ex = plot->xAxis->pixelToCoord(eraseAt.x()), ey = plot->yAxis->pixelToCoord(eraseAt.y());
        int64_t under = 0;
        const ws::Tensor& xy = own->points()->x;
        for (int64_t i = 0; i < 60; ++i)
            under += std::hypot(xy[2 * i] - ex, xy[2 * i + 1] - ey) <= 0.9 ? 1 : 0;
        own->setErasing(true);
        own->setBrushSize(3);
        dab(4.0, 4.0);
        own->setErasing(false);
        const int64_t drawn = own->points()->size();
        QVERIFY(under > 0);
        QCOMPARE(drawn, 60 - under);
        QVERIFY(own->problem().isEmpty());

        QTRY_COMPARE_WITH_TIMEOUT(last.outputs, 3, 5000);
        qint64 tested = 0;
        for (const qint64 n : last.confusion)
            tested += n;
        QCOMPARE(tested, qint64(std::llround(0.5 * double(drawn)))); // the test half
        panel.start();
        QTRY_VERIFY2_WITH_TIMEOUT(last.testAccuracy >= 0.95,
            qPrintable(QStringLiteral("test accuracy %1").arg(last.testAccuracy)), 30000);
        panel.pause();

        PlaygroundPanel again;
        QCOMPARE(again.config().dataset, ws::PlaygroundKind::Custom);
        QCOMPARE(again.ownData()->points()->x, own->points()->x);
        QCOMPARE(again.ownData()->points()->labels, own->points()->labels);
    }

    // #22 bad input: a CSV the Playground cannot use leaves your points as they were and says why.
    void aBadCsvKeepsThePointsAndSaysWhy()
    {
        PlaygroundPanel panel;
        panel.setDataset(ws::PlaygroundKind::Custom);
        QTemporaryDir dir;
        const auto write = [&dir](const char* name, const QByteArray& text) {
            QFile f(dir.filePath(QLatin1String(name)));
            f.open(QIODevice::WriteOnly);
            f.write(text);
            return f.fileName();
        };
        QVERIFY(panel.ownData()->loadCsv(write("good.csv", "x,y,c\n0,0,a\n1,1,b\n2,0,a\n3,1,b\n4,0,a\n5,1,b\n")));
        QCOMPARE(panel.ownData()->points()->size(), 6);
        const ws::Tensor before = panel.ownData()->points()->x;
        QVERIFY(!panel.ownData()->loadCsv(write("one.csv", "0,0,a\n1,1,a\n2,2,a\n3,3,a\n")));
        QVERIFY2(panel.ownData()->note().contains(QStringLiteral("one class")), qPrintable(panel.ownData()->note()));
        QVERIFY(!panel.ownData()->loadCsv(write("gap.csv", "0,0,a\n1,,b\n2,2,a\n3,3,b\n")));
        QVERIFY2(panel.ownData()->note().contains(QStringLiteral("gap.csv:2")), qPrintable(panel.ownData()->note()));
        QCOMPARE(panel.ownData()->points()->x, before);
        QCOMPARE(panel.ownData()->points()->size(), 6);
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
        Watch watch(panel);
        PlaygroundSnapshot& last = watch.last;
        int& snapshots = watch.count;
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

    // #22: four classes train a softmax over four outputs to at least 95 % test accuracy; the
    // map, the output neurons and the confusion matrix all have the four classes.
    void fourClassesReachNinetyFivePercent()
    {
        PlaygroundPanel panel;
        PlaygroundSnapshot last;
        connect(&panel, &PlaygroundPanel::snapshotArrived, this, [&last](const PlaygroundSnapshot& s) { last = s; });
        panel.setDataset(ws::PlaygroundKind::FourBlobs);
        QTRY_COMPARE_WITH_TIMEOUT(last.outputs, 4, 5000);
        QCOMPARE(last.network.widths.back(), 4);
        QCOMPARE(last.boundary.size(), qsizetype(ws::ui::kGridSize) * ws::ui::kGridSize * 4);
        QCOMPARE(last.confusion.size(), qsizetype(16));
        panel.start();
        QTRY_VERIFY2_WITH_TIMEOUT(last.testAccuracy >= 0.95,
            qPrintable(QStringLiteral("test accuracy %1 at epoch %2").arg(last.testAccuracy).arg(last.epoch)), 60000);
        panel.pause();
        // The softmax map: every cell's four probabilities sum to one.
        for (qsizetype cell = 0; cell < last.boundary.size(); cell += 4 * 997) {
            const float sum = last.boundary[cell] + last.boundary[cell + 1] + last.boundary[cell + 2] + last.boundary[cell + 3];
            QVERIFY2(std::abs(sum - 1.0f) < 1e-4f, qPrintable(QStringLiteral("cell %1 sums to %2").arg(cell / 4).arg(sum)));
        }
        qint64 correct = 0, total = 0;
        for (int k = 0; k < 4; ++k)
            for (int q = 0; q < 4; ++q) {
                total += last.confusion[k * 4 + q];
                correct += k == q ? last.confusion[k * 4 + q] : 0;
            }
        QCOMPARE(total, qint64(250));
        QCOMPARE(double(correct) / double(total), last.testAccuracy);
        QTRY_VERIFY(panel.confusionView()->cells() && panel.confusionView()->cells()->numClasses == 4);
        QVERIFY(!panel.divergenceDialog()->isVisible()); // learning well is not taken for stuck
    }

    // Two classes keep Playground's one tanh output and regression its one linear output.
    void twoClassesAndRegressionKeepOneOutput()
    {
        PlaygroundPanel panel;
        PlaygroundSnapshot last;
        connect(&panel, &PlaygroundPanel::snapshotArrived, this, [&last](const PlaygroundSnapshot& s) { last = s; });
        QTRY_COMPARE_WITH_TIMEOUT(last.network.widths.size(), 4, 5000);
        QCOMPARE(last.outputs, 1);
        QCOMPARE(last.confusion.size(), qsizetype(4));
        panel.setRegression(true);
        QTRY_VERIFY_WITH_TIMEOUT(last.confusion.isEmpty() && last.outputs == 1 && std::isnan(last.testAccuracy), 5000);
        QVERIFY(!panel.confusionView()->isVisibleTo(&panel));
    }

    // #21: a network that cannot learn gets the Training panel's not-learning dialog here too.
    // XOR seen through x1 alone is a coin toss, and at the smallest rate the loss stays put.
    void aNetworkStuckAtChanceGetsTheNotLearningDialog()
    {
        PlaygroundPanel panel;
        QSignalSpy diverged(&panel, &PlaygroundPanel::diverged);
        panel.setDataset(ws::PlaygroundKind::Xor);
        panel.setFeatures(ws::FeatureX1);
        QComboBox* rate = comboWithTip(panel, "How big a step");
        QVERIFY(rate);
        rate->setCurrentIndex(0); // 0.00001
        panel.start();
        QTRY_VERIFY_WITH_TIMEOUT(!diverged.isEmpty(), 30000);
        QVERIFY2(diverged.first().first().toString().contains(QStringLiteral("not learning")),
            qPrintable(diverged.first().first().toString()));
        QVERIFY(!panel.isRunning());
        QVERIFY(panel.divergenceDialog()->isVisible());
        QVERIFY(panel.latestSnapshot().epoch >= 300.0);
    }

    // #22: "Same initialisation" goes back to exactly the weights the network started from: the
    // first forward pass (the map over the grid, before any step) is bit for bit the first one
    // again after training; Reset draws other weights.
    void sameInitialisationRepeatsTheFirstForwardPassBitForBit()
    {
        PlaygroundPanel panel;
        QList<PlaygroundSnapshot> firsts; // the step-0 snapshots
        connect(&panel, &PlaygroundPanel::snapshotArrived, this, [&firsts](const PlaygroundSnapshot& s) {
            if (s.step == 0)
                firsts.append(s);
        });
        QTRY_VERIFY_WITH_TIMEOUT(!firsts.isEmpty(), 5000);
        const PlaygroundSnapshot first = firsts.back();
        qint64 latest = 0;
        connect(&panel, &PlaygroundPanel::progressed, this, [&latest](qint64 step) { latest = step; });
        panel.start();
        QTRY_VERIFY_WITH_TIMEOUT(latest >= 50, 20000);
        panel.pause();
        const auto sameBits = [](const QList<float>& a, const QList<float>& b) {
            return a.size() == b.size() && std::memcmp(a.constData(), b.constData(), size_t(a.size()) * sizeof(float)) == 0;
        };
        firsts.clear();
        panel.resetSameInitialisation();
        QTRY_VERIFY_WITH_TIMEOUT(!firsts.isEmpty(), 5000);
        QVERIFY(!panel.isRunning());
        QVERIFY(sameBits(firsts.back().boundary, first.boundary));
        QVERIFY(sameBits(firsts.back().network.kernels.value(0), first.network.kernels.value(0)));
        QCOMPARE(firsts.back().trainLoss, first.trainLoss);

        firsts.clear();
        panel.reset();
        QTRY_VERIFY_WITH_TIMEOUT(!firsts.isEmpty(), 5000);
        QVERIFY(!sameBits(firsts.back().boundary, first.boundary)); // new weights: the test can fail
        firsts.clear();
        panel.resetSameInitialisation(); // the weights Reset drew, again
        QTRY_VERIFY_WITH_TIMEOUT(!firsts.isEmpty(), 5000);
        QVERIFY(!sameBits(firsts.back().boundary, first.boundary));
    }

    // #22, time travel: scrubbing back to epoch 10 shows the network as it was after epoch 10
    // (the drawn weights are those of the same recipe trained 10 epochs alone, bit for bit), with
    // a marker on the loss curve there; two classes, four (softmax) and regression alike. The
    // right end of the slider is live again.
    void scrubbingBackShowsTheWeightsOfThatEpoch()
    {
        for (const ws::PlaygroundKind kind : { ws::PlaygroundKind::Spiral, ws::PlaygroundKind::FourBlobs, ws::PlaygroundKind::Plane }) {
            PlaygroundPanel panel;
            panel.setDataset(kind);
            double epoch = 0;
            connect(&panel, &PlaygroundPanel::snapshotArrived, this, [&epoch](const PlaygroundSnapshot& s) { epoch = s.epoch; });
            panel.start();
            QTRY_VERIFY_WITH_TIMEOUT(epoch >= 14, 20000);
            panel.pause();
            QTRY_VERIFY_WITH_TIMEOUT(panel.timeline()->maximum() >= 14, 5000);
            QCOMPARE(panel.timeline()->value(), panel.timeline()->maximum()); // live

            QSignalSpy moments(&panel, &PlaygroundPanel::momentArrived);
            panel.timeline()->setValue(10); // as a drag would
            QVERIFY(panel.isLookingBack());
            QTRY_VERIFY_WITH_TIMEOUT(!moments.isEmpty(), 5000);
            const PlaygroundSnapshot moment = moments.back().at(0).value<PlaygroundSnapshot>();
            QVERIFY(moment.past);
            QCOMPARE(moment.epoch, 10.0);
            const ws::ui::NetworkPicture want = trainedAlone(panel.config(), 10);
            QVERIFY2(sameWeights(moment.network, want), qPrintable(QString::number(int(kind))));
            // What is drawn is that moment, not the live network.
            QTRY_VERIFY_WITH_TIMEOUT(sameWeights(panel.networkView()->picture(), want), 5000);
            QCOMPARE(panel.lossPlot()->marker(), 10.0);
            QVERIFY(panel.restartHereButton()->isEnabled());
            QCOMPARE(moment.outputs, kind == ws::PlaygroundKind::FourBlobs ? 4 : 1);

            panel.timeline()->setValue(panel.timeline()->maximum()); // the right end
            QVERIFY(!panel.isLookingBack());
            QVERIFY(std::isnan(panel.lossPlot()->marker()));
            QTRY_VERIFY_WITH_TIMEOUT(sameWeights(panel.networkView()->picture(), panel.latestSnapshot().network), 5000);
            QVERIFY(!sameWeights(panel.networkView()->picture(), want)); // the test can fail
        }
    }

    // #22: "Restart from here" goes on from exactly the weights of the moment shown, and the
    // epoch that follows is bit for bit the one the run had then (same batches, same optimizer
    // state): the recipe trained 11 epochs alone. The loss curve loses what came after.
    void restartFromASnapshotContinuesBitForBit()
    {
        PlaygroundPanel panel;
        PlaygroundSnapshot last;
        connect(&panel, &PlaygroundPanel::snapshotArrived, this, [&last](const PlaygroundSnapshot& s) { last = s; });
        QComboBox* optimizer = comboWithTip(panel, "The algorithm");
        QVERIFY(optimizer);
        optimizer->setCurrentIndex(optimizer->findData(int(ws::OptimizerKind::Adam))); // moments to carry over
        panel.start();
        QTRY_VERIFY_WITH_TIMEOUT(last.epoch >= 20, 20000);
        panel.pause();
        QTRY_VERIFY_WITH_TIMEOUT(panel.timeline()->maximum() >= 20, 5000);

        QSignalSpy moments(&panel, &PlaygroundPanel::momentArrived);
        panel.showEpoch(10);
        QTRY_VERIFY_WITH_TIMEOUT(!moments.isEmpty(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.restartHereButton()->isEnabled(), 5000);
        QTest::mouseClick(panel.restartHereButton(), Qt::LeftButton);
        QVERIFY(!panel.isLookingBack());
        QVERIFY(!panel.isRunning());
        // The new run's first snapshot is the moment itself.
        QTRY_VERIFY_WITH_TIMEOUT(last.epoch == 10.0 && sameWeights(last.network, trainedAlone(panel.config(), 10)), 5000);
        const bool lossCut = panel.lossPlot()->trainLoss().graph()->data()->isEmpty()
            || (panel.lossPlot()->trainLoss().graph()->data()->constEnd() - 1)->key <= 10.0;
        QVERIFY(lossCut);
        QCOMPARE(panel.timeline()->maximum(), 10);

        panel.stepEpoch();
        QTRY_COMPARE_WITH_TIMEOUT(last.epoch, 11.0, 5000);
        QVERIFY(sameWeights(last.network, trainedAlone(panel.config(), 11)));
        QVERIFY(!sameWeights(last.network, trainedAlone(panel.config(), 10))); // the test can fail
    }

    // #22, read the network: pointing at a link shows its weight and the last batch's gradient
    // under the drawing, and the line follows training while the pointer stays.
    void hoveringALinkShowsItsWeightAndGradientLive()
    {
        PlaygroundPanel panel;
        PlaygroundSnapshot last;
        connect(&panel, &PlaygroundPanel::snapshotArrived, this, [&last](const PlaygroundSnapshot& s) { last = s; });
        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        NetworkView* view = panel.networkView();
        QTRY_COMPARE_WITH_TIMEOUT(view->picture().widths, (QList<int> { 2, 8, 8, 1 }), 5000);
        panel.step();
        QTRY_COMPARE_WITH_TIMEOUT(last.step, qint64(1), 5000);
        QCOMPARE(last.network.kernelGrads.size(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(view->picture().kernels, last.network.kernels, 5000);

        // Half-way along the link from x1 to the first neuron of the first hidden layer.
        const QRectF a = view->neuronRect(0, 0), b = view->neuronRect(1, 0);
        const QPointF mid = (QPointF(a.right(), a.center().y()) + QPointF(b.left(), b.center().y())) / 2.0;
        const auto hit = view->hitAt(mid);
        QVERIFY(hit && hit->column == 1 && hit->from >= 0);
        QTest::mouseMove(view, mid.toPoint());
        const auto expected = [&] {
            const int out = last.network.widths[1];
            const qsizetype i = qsizetype(hit->from) * out + hit->to;
            return QStringLiteral("%1, gradient %2")
                .arg(double(last.network.kernels[0][i]), 0, 'g', 4)
                .arg(double(last.network.kernelGrads[0][i]), 0, 'g', 3);
        };
        QTRY_VERIFY_WITH_TIMEOUT(panel.hoverLine()->text().endsWith(expected()), 5000);
        QVERIFY(panel.hoverLine()->text().startsWith(QStringLiteral("Weight from x")));
        const QString before = panel.hoverLine()->text();
        panel.stepEpoch();
        QTRY_VERIFY_WITH_TIMEOUT(last.step > 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.hoverLine()->text().endsWith(expected()) && panel.hoverLine()->text() != before, 5000);
    }

    // #22: every neuron keeps a short history of the size of the weights into it (its sparkline),
    // one value a live snapshot, held to NetworkView::kHistory; a new model starts it afresh.
    void neuronsKeepAHistoryOfTheirIncomingWeights()
    {
        PlaygroundPanel panel;
        Watch watch(panel);
        PlaygroundSnapshot& last = watch.last;
        int& snapshots = watch.count;
        QTRY_VERIFY_WITH_TIMEOUT(snapshots >= 1, 5000);
        for (int i = 0; i < 3; ++i) {
            const int before = snapshots;
            panel.step();
            QTRY_VERIFY_WITH_TIMEOUT(snapshots > before, 5000);
        }
        NetworkView* view = panel.networkView();
        const QList<float> h = view->history(2, 3); // neuron 4 of the second hidden layer
        QCOMPARE(h.size(), qsizetype(snapshots));
        double sum = 0.0;
        for (int i = 0; i < 8; ++i)
            sum += double(last.network.kernels[1][i * 8 + 3]) * last.network.kernels[1][i * 8 + 3];
        QCOMPARE(h.back(), float(std::sqrt(sum / 8.0)));
        QVERIFY(h.front() != h.back()); // three steps moved the weights

        panel.start();
        QTRY_VERIFY_WITH_TIMEOUT(view->history(1, 0).size() == NetworkView::kHistory && snapshots > NetworkView::kHistory + 5, 20000);
        panel.pause();
        QCOMPARE(view->history(3, 0).size(), qsizetype(NetworkView::kHistory));
        panel.reset();
        QTRY_VERIFY_WITH_TIMEOUT(view->history(1, 0).size() == 1, 5000);
    }

    // A learning rate of 10 on the regression blows up: training pauses with a message and the
    // dialog; lowering the rate picks the listed rate a tenth as large and goes on.
    void divergencePausesAndLowersTheLearningRate()
    {
        PlaygroundPanel panel;
        QSignalSpy diverged(&panel, &PlaygroundPanel::diverged);
        panel.setRegression(true);
        QComboBox* rate = comboWithTip(panel, "How big a step");
        QComboBox* optimizer = comboWithTip(panel, "The algorithm that updates");
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
