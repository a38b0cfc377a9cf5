// SPDX-License-Identifier: GPL-3.0-or-later
// Crash recovery (#9): a training killed while it records its run leaves a record that the next
// start offers (once) in a non-modal notice; "Show in Runs" selects it and loads its curves,
// which reach its last completed epoch.
#include "UiTestSetup.h"
#include "shell/MainWindow.h"
#include "shell/RecoveryNotice.h"
#include "run/RunRecord.h"
#include "runs/ComparePlot.h"
#include "runs/RunsPanel.h"

#include <qcustomplot.h>

#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace ws;
using namespace ws::ui;

namespace {

// Writes a run of two completed epochs (two batches each) and a third epoch's batches, then
// kills itself: the process that writes the record dies as a killed application does, with no
// destructor run and the record's status still "running".
QString writeKilledRun(const QString& dir)
{
    const QString path = dir + QStringLiteral("/killed.h5");
    const pid_t child = fork();
    if (child == 0) {
        RunHeader h;
        h.name = "killed-run";
        h.config = { { "model", "playground" } };
        h.dataset = { { "description", "spiral" }, { "sha256", "00" } };
        h.modelConfig = nlohmann::json::object();
        h.modelSummary = "Dense";
        auto* w = new RunWriter(path.toStdString(), h); // never destroyed
        int64_t step = 0;
        for (int e = 0; e < 3; ++e) {
            for (int b = 0; b < 2; ++b) {
                BatchProgress p;
                p.epoch = e;
                p.batch = b;
                p.batchesPerEpoch = 2;
                p.step = ++step;
                p.loss = 1.0 / double(step);
                w->addBatch(p);
            }
            if (e < 2) {
                EpochProgress ep;
                ep.epoch = e;
                ep.trainLoss = 1.0 / double(step);
                w->endEpoch(ep);
            }
        }
        raise(SIGKILL);
        _exit(1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? path : QString();
}

} // namespace

class TestRecovery : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        ws::test::isolateSettings(QStringLiteral("test_recovery"));
    }

    void killedTrainingIsOfferedOnceAndLoads()
    {
        QTemporaryDir dir;
        QSettings().setValue(QStringLiteral("preferences/runsFolder"), dir.path());
        QSettings().remove(QStringLiteral("recovery/offeredRuns"));
        const QString path = writeKilledRun(dir.path());
        QVERIFY2(!path.isEmpty(), "the writer was not killed");
        const RunInfo info = readRunInfo(path.toStdString());
        QCOMPARE(int(info.status), int(RunStatus::Interrupted)); // "running", its writer gone
        QCOMPARE(info.epochsCompleted, 2);

        {
            MainWindow window;
            window.show();
            QSignalSpy offered(window.recovery(), &RecoveryNotice::offered);
            QSignalSpy shown(window.runs(), &RunsPanel::curvesShown);
            QTRY_VERIFY_WITH_TIMEOUT(!offered.isEmpty(), 10000);
            QCOMPARE(offered.first().at(0).toStringList(), QStringList { path });
            QMessageBox* notice = window.recovery()->notice();
            QVERIFY(notice);
            QVERIFY(notice->isVisible());
            QCOMPARE(notice->windowModality(), Qt::NonModal);
            QVERIFY2(notice->informativeText().contains(QStringLiteral("killed-run")), qPrintable(notice->informativeText()));

            QPushButton* showButton = nullptr;
            for (QAbstractButton* b : notice->buttons())
                if (b->text() == QStringLiteral("Show in Runs"))
                    showButton = qobject_cast<QPushButton*>(b);
            QVERIFY(showButton);
            showButton->click();
            QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 10000);
            QCOMPARE(window.runs()->selectedPaths(), QStringList { path });
            QVERIFY(window.runs()->isVisible());
            // The curves reach the last completed epoch: steps 1-4 (the third epoch's batches
            // were never flushed), loss 1/step.
            QCustomPlot* plot = window.runs()->compare()->plot();
            QCPGraph* raw = nullptr;
            for (int i = 0; i < plot->graphCount(); ++i)
                if (plot->graph(i)->property("role").toString() == QStringLiteral("raw"))
                    raw = plot->graph(i);
            QVERIFY(raw);
            QCOMPARE(raw->data()->size(), 4);
            QCOMPARE((raw->data()->constEnd() - 1)->key, 4.0);
            QCOMPARE((raw->data()->constEnd() - 1)->value, 0.25);
        }
        {
            // The next start does not offer it again.
            MainWindow window;
            QSignalSpy offered(window.recovery(), &RecoveryNotice::offered);
            QSignalSpy scanned(window.runs(), &RunsPanel::scanFinished);
            QTRY_VERIFY_WITH_TIMEOUT(!scanned.isEmpty(), 10000);
            QVERIFY(scanned.first().at(0).toInt() >= 1);
            QCoreApplication::processEvents();
            QVERIFY(offered.isEmpty());
            QVERIFY(!window.recovery()->notice());
        }
        QSettings().remove(QStringLiteral("preferences/runsFolder"));
    }

    void finishedRunsAreNotOffered()
    {
        QTemporaryDir dir;
        QSettings().setValue(QStringLiteral("preferences/runsFolder"), dir.path());
        QSettings().remove(QStringLiteral("recovery/offeredRuns"));
        {
            RunHeader h;
            h.name = "done";
            h.config = { { "model", "playground" } };
            h.dataset = { { "description", "spiral" }, { "sha256", "00" } };
            h.modelConfig = nlohmann::json::object();
            RunWriter w((dir.path() + QStringLiteral("/done.h5")).toStdString(), h);
            w.finish(RunStatus::Completed, nullptr, nullptr);
        }
        MainWindow window;
        QSignalSpy offered(window.recovery(), &RecoveryNotice::offered);
        QSignalSpy scanned(window.runs(), &RunsPanel::scanFinished);
        QTRY_VERIFY_WITH_TIMEOUT(!scanned.isEmpty(), 10000);
        QCoreApplication::processEvents();
        QVERIFY(offered.isEmpty());
        QSettings().remove(QStringLiteral("preferences/runsFolder"));
    }
};

QTEST_MAIN(TestRecovery)
#include "test_recovery.moc"
