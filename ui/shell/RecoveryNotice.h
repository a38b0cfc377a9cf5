// SPDX-License-Identifier: GPL-3.0-or-later
// Crash recovery (#9): after a start, the runs whose training ended without finishing (the app
// was killed, the machine went down: a record left "running" with no live writer, or marked
// "interrupted") are offered once in a non-modal notice with "Show in Runs" and "Dismiss".
// Such records are readable up to their last completed epoch (core/run/RunRecord.h). The runs
// already offered are remembered in the settings, so each is offered once.
#pragma once

#include <QObject>
#include <QStringList>

#include <functional>

class QMessageBox;
class QWidget;

namespace ws::ui {

class RunsPanel;

class RecoveryNotice : public QObject {
    Q_OBJECT
public:
    // Watches the first scan of `runs`; `showRuns` brings the Runs dock to the front.
    RecoveryNotice(RunsPanel* runs, QWidget* window, std::function<void()> showRuns);

    QMessageBox* notice() const { return notice_; } // the open notice, else null
    // Selects these runs in the Runs dock (which then loads their curves) and shows the dock.
    void showInRuns(const QStringList& paths);

signals:
    void offered(const QStringList& paths);

private:
    void onFirstScan();

    RunsPanel* runs_;
    QWidget* window_;
    std::function<void()> showRuns_;
    QMessageBox* notice_ = nullptr;
    QMetaObject::Connection scanConnection_;
};

} // namespace ws::ui
