// SPDX-License-Identifier: GPL-3.0-or-later
// #22, keep and share: a Playground session saved mid-training and opened in another panel (or
// through File ▸ Open) goes on bit for bit as the panel that saved it; a damaged session changes
// nothing and says which file and where.
#include "UiTestSetup.h"

#include "inspector/Inspector.h"
#include "playground/OwnDataBox.h"
#include "playground/PlaygroundPanel.h"
#include "run/PlaygroundSession.h"
#include "run/RunRecord.h"
#include "run/RunStore.h"
#include "runs/RunsModel.h"
#include "runs/RunsPanel.h"
#include "shell/AppSettings.h"
#include "shell/MainWindow.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QSettings>
#include <QTableView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>

using ws::ui::OwnDataBox;
using ws::ui::PlaygroundPanel;
using ws::ui::PlaygroundSnapshot;

namespace {

QComboBox* comboWithTip(QWidget& panel, const char* tip)
{
    for (QComboBox* box : panel.findChildren<QComboBox*>())
        if (box->toolTip().startsWith(QLatin1String(tip)))
            return box;
    return nullptr;
}

bool sameBits(const QList<QList<float>>& x, const QList<QList<float>>& y)
{
    if (x.size() != y.size())
        return false;
    for (qsizetype i = 0; i < x.size(); ++i)
        if (x[i].size() != y[i].size() || std::memcmp(x[i].constData(), y[i].constData(), size_t(x[i].size()) * sizeof(float)) != 0)
            return false;
    return true;
}

bool sameWeights(const PlaygroundSnapshot& a, const PlaygroundSnapshot& b)
{
    return sameBits(a.network.kernels, b.network.kernels) && sameBits(a.network.biases, b.network.biases);
}

struct Watch {
    PlaygroundSnapshot last;
    explicit Watch(PlaygroundPanel& panel)
    {
        QObject::connect(&panel, &PlaygroundPanel::snapshotArrived, &panel, [this](const PlaygroundSnapshot& s) { last = s; });
    }
};

// A panel trained with Adam for some epochs, then stepped into the middle of an epoch, paused.
void trainIntoAnEpoch(PlaygroundPanel& panel, Watch& watch)
{
    QComboBox* optimizer = comboWithTip(panel, "The algorithm");
    QVERIFY(optimizer);
    optimizer->setCurrentIndex(optimizer->findData(int(ws::OptimizerKind::Adam))); // moments to carry over
    // #22: settings beyond the defaults, which the opened session must bring back.
    QComboBox* beta2 = comboWithTip(panel, "Adam and AdamW: how much of the last squared");
    QComboBox* schedule = comboWithTip(panel, "After the warm-up");
    QComboBox* gamma = comboWithTip(panel, "Step decay: what the learning rate");
    QVERIFY(beta2 && schedule && gamma);
    beta2->setCurrentIndex(beta2->findData(0.99));
    schedule->setCurrentIndex(schedule->findData(int(ws::ScheduleKind::Step)));
    gamma->setCurrentIndex(gamma->findData(0.25));
    panel.start();
    QTRY_VERIFY_WITH_TIMEOUT(watch.last.epoch >= 5, 20000);
    panel.pause();
    QSignalSpy progressed(&panel, &PlaygroundPanel::progressed);
    for (int tries = 0; tries < 50; ++tries) { // until paused for good: no snapshot for 200 ms
        progressed.clear();
        QTest::qWait(200);
        if (progressed.isEmpty())
            break;
    }
    QVERIFY(progressed.isEmpty());
    const qint64 at = watch.last.step;
    panel.step();
    panel.step();
    panel.step();
    QTRY_COMPARE_WITH_TIMEOUT(watch.last.step, at + 3, 5000);
}

} // namespace

class TestPlaygroundSession : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { ws::test::isolateSettings(QStringLiteral("test_playground_session")); }

    void init()
    {
        ws::ui::settings::playgroundDataset.set(QStringLiteral("spiral"));
        QFile::remove(OwnDataBox::sessionFile());
    }

    // Saved in the middle of an epoch, opened in a second panel set up otherwise: the same
    // settings and weights, and 40 more batches give the same weights in both, bit for bit.
    void savedSessionOpensAndGoesOnBitForBit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("spiral.wsplay"));
        PlaygroundPanel saver;
        Watch saved(saver);
        trainIntoAnEpoch(saver, saved);
        const PlaygroundSnapshot atSave = saved.last;
        QSignalSpy written(&saver, &PlaygroundPanel::sessionSaved);
        saver.saveSession(path);
        QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, 5000);
        QCOMPARE(written[0][1].toString(), QString());
        QVERIFY(QFile::exists(path));

        PlaygroundPanel opener;
        Watch opened(opener);
        opener.setDataset(ws::PlaygroundKind::Circle); // another set, network and optimizer to be replaced
        opener.setHiddenLayers({ 3 });
        QSignalSpy restored(&opener, &PlaygroundPanel::sessionOpened);
        opener.openSession(path);
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, 5000);
        QCOMPARE(restored[0][1].toString(), QString());
        QCOMPARE(opener.config().dataset, ws::PlaygroundKind::Spiral);
        QCOMPARE(opener.config().hidden, saver.config().hidden);
        QCOMPARE(opener.config().optimizer, ws::OptimizerKind::Adam);
        QCOMPARE(opener.config().beta2, 0.99f);                       // #22
        QCOMPARE(opener.config().schedule, ws::ScheduleKind::Step);   // was left as the panel had it
        QCOMPARE(opener.config().stepGamma, 0.25f);
        QVERIFY(comboWithTip(opener, "Step decay: what the learning rate")->isVisibleTo(&opener));
        QCOMPARE(opener.config().modelSeed, saver.config().modelSeed);
        QVERIFY(!opener.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(opened.last.step == atSave.step && sameWeights(opened.last, atSave), 5000);
        QCOMPARE(opened.last.trainLoss, atSave.trainLoss);

        for (PlaygroundPanel* panel : { &saver, &opener })
            for (int i = 0; i < 40; ++i)
                panel->step();
        QTRY_COMPARE_WITH_TIMEOUT(saved.last.step, atSave.step + 40, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(opened.last.step, atSave.step + 40, 10000);
        QVERIFY(sameWeights(opened.last, saved.last));
        QCOMPARE(opened.last.boundary, saved.last.boundary);
        QVERIFY(!sameWeights(opened.last, atSave)); // the weights did move: the test can fail

        // The run record the session came from links to it, and the session to the record.
        const std::string record = ws::loadPlaygroundSession(path.toStdString()).runRecord;
        QVERIFY2(!record.empty(), "the saving panel's run was recorded");
        saver.shutdown(); // the run ends and its record is written
        bool linked = false;
        for (const ws::RunEvent& e : ws::readRunEvents(record))
            linked = linked || (e.kind == "session_saved" && e.detail.find(path.toStdString()) != std::string::npos);
        QVERIFY2(linked, record.c_str());
    }

    // #22: the run a session was saved from shows it in the Runs dock (the run's tooltip) and
    // opens it as File ▸ Open does; a session that is gone, or a record that is gone, is said so.
    void theRunsDockShowsAndOpensTheSessionSavedFromARun()
    {
        QTemporaryDir runsDir, sessionsDir;
        QSettings().setValue(QStringLiteral("preferences/runsFolder"), runsDir.path());
        const QString path = QFileInfo(sessionsDir.filePath(QStringLiteral("linked.wsplay"))).absoluteFilePath();
        {
            PlaygroundPanel saver;
            Watch watch(saver);
            saver.setHiddenLayers({ 2 });
            saver.start();
            QTRY_VERIFY_WITH_TIMEOUT(watch.last.epoch >= 2, 20000); // epochs done: the run is recorded
            saver.pause();
            QSignalSpy written(&saver, &PlaygroundPanel::sessionSaved);
            saver.saveSession(path);
            QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, 5000);
            QCOMPARE(written[0][1].toString(), QString());
            saver.shutdown(); // the run ends and its record, with the event, is written
        }
        const QString record = QString::fromStdString(ws::loadPlaygroundSession(path.toStdString()).runRecord);
        QVERIFY2(QFileInfo::exists(record), qPrintable(record));

        ws::ui::MainWindow window;
        ws::ui::RunsPanel* runs = window.runs();
        QCOMPARE(runs->folder(), runsDir.path());
        const auto rowOf = [runs, &record] {
            for (int row = 0; row < runs->filter()->rowCount(); ++row)
                if (QString::fromStdString(runs->model()->run(runs->filter()->mapToSource(runs->filter()->index(row, 0)).row()).path) == record)
                    return row;
            return -1;
        };
        const auto tip = [runs, &rowOf] { return runs->filter()->index(rowOf(), 0).data(Qt::ToolTipRole).toString(); };
        runs->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf() >= 0, 10000);
        QVERIFY2(tip().contains(QStringLiteral("Playground session: ") + QDir::toNativeSeparators(path)), qPrintable(tip()));
        QVERIFY2(!tip().contains(QStringLiteral("gone")), qPrintable(tip()));

        // Opened from the run: the Playground takes it and says which run it came from.
        runs->table()->selectRow(rowOf());
        QSignalSpy opened(window.playground(), &PlaygroundPanel::sessionOpened);
        QSignalSpy playgroundSays(window.playground(), &PlaygroundPanel::statusMessage);
        runs->openSavedSession();
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 5000);
        QCOMPARE(opened[0][0].toString(), path);
        QCOMPARE(opened[0][1].toString(), QString());
        QCOMPARE(window.playground()->config().hidden, std::vector<int>({ 2 }));
        const QString origin = playgroundSays.last()[0].toString();
        QVERIFY2(origin.contains(QStringLiteral("saved from the run ") + QDir::toNativeSeparators(record)), qPrintable(origin));
        QVERIFY2(!origin.contains(QStringLiteral("gone")), qPrintable(origin));

        // The record gone: the opened session says so.
        const QString moved = runsDir.filePath(QStringLiteral("moved.h5.bak"));
        QVERIFY(QFile::rename(record, moved));
        window.playground()->openSession(path);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 2, 5000);
        QVERIFY2(playgroundSays.last()[0].toString().contains(QStringLiteral("whose record is gone")),
            qPrintable(playgroundSays.last()[0].toString()));
        QVERIFY(QFile::rename(moved, record));

        // The session file gone: the tooltip says so at the next scan, and opening it opens
        // nothing and says why.
        QVERIFY(QFile::remove(path));
        runs->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf() >= 0 && tip().contains(QStringLiteral("(the file is gone)")), 10000);
        runs->table()->selectRow(rowOf());
        QSignalSpy runsSay(runs, &ws::ui::RunsPanel::statusMessage);
        QSignalSpy requested(runs, &ws::ui::RunsPanel::playgroundSessionRequested);
        runs->openSavedSession();
        QTRY_VERIFY_WITH_TIMEOUT(!runsSay.isEmpty(), 5000);
        QVERIFY2(runsSay.last()[0].toString().contains(QStringLiteral("are gone")), qPrintable(runsSay.last()[0].toString()));
        QVERIFY(requested.isEmpty());
        QCOMPARE(opened.count(), 2);
        QSettings().remove(QStringLiteral("preferences/runsFolder"));
    }

    // #22: training on from an opened session is a recorded run like any other: the Runs dock
    // lists it, its config names the session and the run the session was saved from, and its
    // history goes on from the session's step.
    void trainingOnFromAnOpenedSessionIsRecorded()
    {
        QTemporaryDir runsDir, sessionsDir;
        QSettings().setValue(QStringLiteral("preferences/runsFolder"), runsDir.path());
        const QString path = QFileInfo(sessionsDir.filePath(QStringLiteral("goes-on.wsplay"))).absoluteFilePath();
        PlaygroundSnapshot atSave;
        {
            PlaygroundPanel saver;
            Watch watch(saver);
            trainIntoAnEpoch(saver, watch); // in the middle of an epoch
            atSave = watch.last;
            QSignalSpy written(&saver, &PlaygroundPanel::sessionSaved);
            saver.saveSession(path);
            QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, 5000);
            QCOMPARE(written[0][1].toString(), QString());
            saver.shutdown();
        }
        const std::string savedFrom = ws::loadPlaygroundSession(path.toStdString()).runRecord;
        QVERIFY2(!savedFrom.empty(), "the saving panel's run was recorded");
        const auto continued = [&runsDir] {
            std::vector<ws::RunInfo> found;
            for (const ws::RunInfo& run : ws::scanRuns(runsDir.path().toStdString()).runs)
                if (run.header.config.contains("continued_from_session"))
                    found.push_back(run);
            return found;
        };
        QVERIFY(continued().empty());

        PlaygroundPanel opener;
        Watch watch(opener);
        QSignalSpy opened(&opener, &PlaygroundPanel::sessionOpened);
        opener.openSession(path);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 5000);
        QCOMPARE(opened[0][1].toString(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(watch.last.step, atSave.step, 5000);
        opener.stepEpoch(); // across the end of the session's epoch: an epoch done, so the record is kept
        QTRY_VERIFY_WITH_TIMEOUT(watch.last.epoch >= std::floor(atSave.epoch) + 1.0, 10000);
        opener.shutdown(); // the run ends and its record is written

        const std::vector<ws::RunInfo> runs = continued();
        QCOMPARE(runs.size(), size_t(1));
        const ws::RunInfo& run = runs.front();
        QCOMPARE(QString::fromStdString(run.header.config.value("continued_from_session", "")), path);
        QCOMPARE(run.header.config.value("continued_from_run", ""), savedFrom);
        QCOMPARE(run.header.config.value("continued_from_step", int64_t(-1)), int64_t(atSave.step));
        QCOMPARE(run.header.config.at("playground").at("dataset").get<std::string>(), std::string("spiral"));
        const ws::RunHistory batches = ws::readRunHistory(run.path, ws::HistoryKind::Batch);
        QVERIFY(batches.size() > 0);
        QCOMPARE(batches.step.front(), int64_t(atSave.step) + 1); // goes on from the session, not from step 1
        QCOMPARE(batches.step.back(), batches.step.front() + int64_t(batches.size()) - 1); // every batch since, once
        QSettings().remove(QStringLiteral("preferences/runsFolder"));
    }

    // A damaged file: the message names it and the place, and the panel trains on as it was.
    void aDamagedSessionChangesNothingAndSaysWhere()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("damaged.wsplay"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"format": "weightscope-playground-session", "version": 1, "config": {"playground": )");
        }
        PlaygroundPanel panel;
        Watch watch(panel);
        panel.setHiddenLayers({ 5 });
        panel.step();
        QTRY_COMPARE_WITH_TIMEOUT(watch.last.step, qint64(1), 5000);
        const PlaygroundSnapshot before = watch.last;
        QSignalSpy opened(&panel, &PlaygroundPanel::sessionOpened);
        QSignalSpy status(&panel, &PlaygroundPanel::statusMessage);
        panel.openSession(path);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 5000);
        const QString error = opened[0][1].toString();
        QVERIFY2(error.startsWith(path + QStringLiteral(" is not valid JSON")) && error.contains(QStringLiteral("column")),
            qPrintable(error));
        QVERIFY(!status.isEmpty() && status.last()[0].toString().contains(path));
        QCOMPARE(panel.config().hidden, std::vector<int>({ 5 }));
        panel.step();
        QTRY_COMPARE_WITH_TIMEOUT(watch.last.step, qint64(2), 5000); // the same run goes on
        QVERIFY(!sameWeights(watch.last, before));

        // A newer version says so.
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(R"({"format": "weightscope-playground-session", "version": 7, "saved_by": "Weightscope 9.0"})");
        }
        panel.openSession(path);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 2, 5000);
        QVERIFY2(opened[1][1].toString().contains(QStringLiteral("version 7 is newer")), qPrintable(opened[1][1].toString()));
    }

    // File ▸ Open (the inspector's open, as recent files and the command line use it) hands a
    // session to the Playground instead of reading it as weights.
    void fileOpenHandsASessionToThePlayground()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("two.wsplay"));
        {
            PlaygroundPanel saver;
            Watch watch(saver);
            saver.setHiddenLayers({ 2 });
            saver.step();
            QTRY_COMPARE_WITH_TIMEOUT(watch.last.step, qint64(1), 5000);
            QSignalSpy written(&saver, &PlaygroundPanel::sessionSaved);
            saver.saveSession(path);
            QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, 5000);
        }
        ws::ui::MainWindow window;
        QSignalSpy opened(window.playground(), &PlaygroundPanel::sessionOpened);
        QSignalSpy failed(window.inspector(), &ws::ui::Inspector::openFailed);
        window.inspector()->open(path);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 5000);
        QCOMPARE(opened[0][1].toString(), QString());
        QCOMPARE(window.playground()->config().hidden, std::vector<int>({ 2 }));
        QVERIFY(failed.isEmpty());
    }
};

QTEST_MAIN(TestPlaygroundSession)
#include "test_playground_session.moc"
