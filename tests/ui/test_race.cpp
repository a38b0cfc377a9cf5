// SPDX-License-Identifier: GPL-3.0-or-later
// #22, the optimizer race (ui/playground/RacePanel.h): contestants start from the same weights
// (the first forward pass is the same bit for bit), train on the same batches (after one epoch
// each holds exactly what its optimizer alone would), one Start/Pause/Step drives them all, and
// the Playground opens the race on its own settings and initial weights.
#include "PlaygroundTraining.h"
#include "UiTestSetup.h"

#include "common/TransportBar.h"
#include "playground/BoundaryPlot.h"
#include "playground/PlaygroundPanel.h"
#include "playground/RaceLossPlot.h"
#include "playground/RacePanel.h"
#include "shell/AppSettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <array>
#include <cstring>

using ws::OptimizerKind;
using ws::RaceContestant;
using ws::ui::PlaygroundPanel;
using ws::ui::PlaygroundSnapshot;
using ws::ui::RacePanel;

namespace {

bool sameBits(const QList<float>& a, const QList<float>& b)
{
    return a.size() == b.size() && std::memcmp(a.constData(), b.constData(), size_t(a.size()) * sizeof(float)) == 0;
}

// The config contestant `lane` of a race on `base` trains with (what RacePanel hands its worker).
ws::ui::PlaygroundConfig contestantConfig(const ws::PlaygroundRecipe& base, const std::vector<RaceContestant>& race, int lane)
{
    ws::ui::PlaygroundConfig c;
    static_cast<ws::PlaygroundRecipe&>(c) = ws::raceRecipes(base, race).at(size_t(lane));
    return c;
}

// The newest snapshot of each lane of a race.
struct Lanes {
    std::array<PlaygroundSnapshot, ws::kMaxRaceContestants> last;
    std::array<int, ws::kMaxRaceContestants> count {};
    explicit Lanes(RacePanel& race)
    {
        QObject::connect(&race, &RacePanel::snapshotArrived, &race, [this](int lane, const PlaygroundSnapshot& s) {
            last.at(size_t(lane)) = s;
            ++count.at(size_t(lane));
        });
    }
    void clear()
    {
        last = {};
        count = {};
    }
};

} // namespace

class TestRace : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { ws::test::isolateSettings(QStringLiteral("test_race")); }

    void init() { ws::ui::settings::playgroundDataset.set(QStringLiteral("spiral")); }

    // The test: SGD against Adam from the same initialisation. Their first forward pass
    // (the decision map over the grid before any step, and the weights drawn) is the same bit for
    // bit; after one step their weights differ; after an epoch each holds exactly what its
    // recipe trained alone holds (same batches, in the same order).
    void sgdAndAdamStartFromTheSameForwardPassAndPartAfterAStep()
    {
        RacePanel race;
        Lanes lanes(race);
        const std::vector<RaceContestant> contestants { { OptimizerKind::SGD, 0.03f }, { OptimizerKind::Adam, 0.03f } };
        race.setContestants(contestants);
        lanes.clear(); // whatever came before is another race
        QCOMPARE(race.activeLanes(), 2);
        QCOMPARE(race.lossPlot()->curveCount(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(lanes.count[0] > 0 && lanes.count[1] > 0, 10000);
        QCOMPARE(lanes.last[0].step, 0);
        QCOMPARE(lanes.last[1].step, 0);
        QVERIFY(sameBits(lanes.last[0].boundary, lanes.last[1].boundary));
        QVERIFY(sameWeights(lanes.last[0].network, lanes.last[1].network));
        QCOMPARE(lanes.last[0].trainLoss, lanes.last[1].trainLoss);
        QVERIFY(!race.isRunning());

        race.step();
        QTRY_VERIFY_WITH_TIMEOUT(lanes.last[0].step == 1 && lanes.last[1].step == 1, 10000);
        QVERIFY(!sameWeights(lanes.last[0].network, lanes.last[1].network));
        QVERIFY(!sameBits(lanes.last[0].boundary, lanes.last[1].boundary));

        race.restartSameInitialisation();
        lanes.clear();
        QTRY_VERIFY_WITH_TIMEOUT(lanes.count[0] > 0 && lanes.count[1] > 0, 10000);
        race.stepEpoch();
        QTRY_VERIFY_WITH_TIMEOUT(lanes.last[0].epoch == 1.0 && lanes.last[1].epoch == 1.0, 10000);
        const ws::PlaygroundRecipe base; // a race opened alone races on the default recipe
        for (int lane = 0; lane < 2; ++lane)
            QVERIFY2(sameWeights(lanes.last[size_t(lane)].network, trainedAlone(contestantConfig(base, contestants, lane), 1)),
                qPrintable(QStringLiteral("lane %1").arg(lane)));
        // ... and not what the other optimizer would hold: the comparison can fail.
        QVERIFY(!sameWeights(lanes.last[0].network, trainedAlone(contestantConfig(base, contestants, 1), 1)));
    }

    // One Start, one Pause for every contestant: four race, each curve grows, pause holds all.
    void oneStartAndPauseDriveFourContestants()
    {
        RacePanel race;
        Lanes lanes(race);
        QCOMPARE(race.activeLanes(), 4); // the default race
        race.setEpochsPerSecond(0.0);
        race.start();
        QVERIFY(race.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(lanes.last.begin(), lanes.last.end(), [](const PlaygroundSnapshot& s) { return s.epoch >= 5; }),
            20000);
        race.pause();
        QVERIFY(!race.isRunning());
        QTest::qWait(300); // batches under way when Pause came
        const auto before = lanes.last;
        QTest::qWait(300);
        for (size_t lane = 0; lane < before.size(); ++lane) {
            QCOMPARE(lanes.last[lane].step, before[lane].step);
            QVERIFY2(!race.lossPlot()->curve(int(lane)).graph()->data()->isEmpty(), qPrintable(QString::number(lane)));
        }
        QTRY_VERIFY_WITH_TIMEOUT(race.laneTitle(3)->text().contains(QStringLiteral("Adam")), 5000);
        QVERIFY(race.framesDrawn() > 0);
        qInfo("after pause: epochs %.0f %.0f %.0f %.0f", before[0].epoch, before[1].epoch, before[2].epoch, before[3].epoch);
    }

    // A contestant switched off leaves the race; the first two cannot be.
    void theRowsChooseTwoToFourContestants()
    {
        RacePanel race;
        QList<QCheckBox*> boxes;
        for (QCheckBox* b : race.findChildren<QCheckBox*>())
            if (b->text().startsWith(QStringLiteral("Contestant")))
                boxes.append(b);
        QCOMPARE(boxes.size(), 4);
        QVERIFY(!boxes[0]->isEnabled() && !boxes[1]->isEnabled());
        boxes[3]->setChecked(false);
        QCOMPARE(race.activeLanes(), 3);
        QCOMPARE(race.contestants().size(), size_t(3));
        QCOMPARE(race.lossPlot()->curveCount(), 3);
        QVERIFY(race.boundaryPlot(3)->parentWidget()->isHidden());
        // Every control says what it does (test_preferences asks the same of the main window).
        for (QWidget* w : race.findChildren<QWidget*>())
            if (qobject_cast<QComboBox*>(w) || qobject_cast<QCheckBox*>(w) || qobject_cast<QPushButton*>(w))
                QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->metaObject()->className()));
    }

    // The race redraws only the map for a new snapshot (its points stay in their own paint
    // buffer): the picture shows the new map, and the points are still drawn over it.
    void replottingTheMapAloneShowsTheNewMapUnderThePoints()
    {
        ws::ui::BoundaryPlot plot;
        plot.resize(300, 300);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        ws::ui::PlaygroundData data;
        data.trainPoints = { QPointF(3.0, 3.0) };
        data.trainLabels = { 1 };
        plot.setPoints(data);
        const int cells = ws::ui::kGridSize * ws::ui::kGridSize;
        plot.setBoundary(QList<float>(cells, -1.0f));
        plot.replot();
        const QPoint empty = plot.pixelOf(QPointF(-3.0, -3.0)).toPoint();
        const QPoint point = plot.pixelOf(QPointF(3.0, 3.0)).toPoint();
        const QImage before = plot.grab().toImage();
        plot.setBoundary(QList<float>(cells, 1.0f));
        plot.replotBoundary();
        const QImage after = plot.grab().toImage();
        QVERIFY(before.pixelColor(empty) != after.pixelColor(empty)); // orange, then blue
        QCOMPARE(after.pixelColor(point), before.pixelColor(point));  // the point's own colour, kept
        QVERIFY(after.pixelColor(point) != after.pixelColor(empty));
    }

    // The Playground opens the race on its settings: the contestants start from the network the
    // Playground shows (its first forward pass, bit for bit), and the Playground pauses. Its
    // schedule control reaches the recipe.
    void thePlaygroundOpensTheRaceOnItsOwnNetwork()
    {
        PlaygroundPanel panel;
        PlaygroundSnapshot first;
        connect(&panel, &PlaygroundPanel::snapshotArrived, this, [&first](const PlaygroundSnapshot& s) {
            if (s.step == 0)
                first = s;
        });
        QTRY_VERIFY_WITH_TIMEOUT(!first.boundary.isEmpty(), 10000);
        QComboBox* schedule = nullptr;
        for (QComboBox* c : panel.findChildren<QComboBox*>())
            if (c->toolTip().startsWith(QStringLiteral("After the warm-up")))
                schedule = c;
        QVERIFY(schedule);
        schedule->setCurrentIndex(schedule->findData(int(ws::ScheduleKind::Cosine)));
        QCOMPARE(panel.config().schedule, ws::ScheduleKind::Cosine);
        QCOMPARE(panel.config().scheduleEpochs, 100);
        first = {};
        QTRY_VERIFY_WITH_TIMEOUT(!first.boundary.isEmpty(), 10000); // the schedule restarted the run

        QPushButton* open = nullptr;
        for (QPushButton* b : panel.findChildren<QPushButton*>())
            if (b->text().startsWith(QStringLiteral("Race optimizers")))
                open = b;
        QVERIFY(open);
        panel.start();
        QTest::mouseClick(open, Qt::LeftButton);
        QVERIFY(!panel.isRunning());
        RacePanel* race = panel.race();
        QVERIFY(race && race->isVisible() && race->isWindow());
        // The run the Playground had when it opened the race has moved on; the race starts again
        // from the weights it started from.
        QTRY_VERIFY_WITH_TIMEOUT(!race->latestSnapshot(0).boundary.isEmpty() && !race->latestSnapshot(3).boundary.isEmpty(), 10000);
        QCOMPARE(race->latestSnapshot(0).step, 0);
        QVERIFY(sameBits(race->latestSnapshot(0).boundary, first.boundary));
        QVERIFY(sameBits(race->latestSnapshot(3).boundary, first.boundary));
        panel.shutdown(); // closes the race's window too
        QVERIFY(!race->isVisible());
    }
};

QTEST_MAIN(TestRace)
#include "test_race.moc"
