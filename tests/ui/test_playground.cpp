// The Playground panel drives training on its worker thread: progress arrives, pause holds,
// a step is exactly one batch, and closing the main window mid-training shuts down cleanly.
#include "MainWindow.h"
#include "playground/PlaygroundPanel.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using ws::ui::MainWindow;
using ws::ui::PlaygroundPanel;

class TestPlayground : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // keep the user's settings out of it
        QCoreApplication::setOrganizationName(QStringLiteral("WeightscopeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_playground"));
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
        QTest::qWait(150); // the batch in flight when pause() was called may still report
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
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QStringLiteral("closing took %1 ms").arg(timer.elapsed())));
    }
};

QTEST_MAIN(TestPlayground)
#include "test_playground.moc"
