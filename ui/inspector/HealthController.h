// SPDX-License-Identifier: GPL-3.0-or-later
// Drives the Model Health dock: computes the open file's health report (analysis/ModelHealth.h)
// on a std::thread of its own — started when the dock is shown or Compute is pressed — and hands
// each row, the progress and the end to the HealthPanel through a HandOff; the GUI thread never
// waits. Cancel sets an atomic flag the report checks between blocks; what was done is in the
// per-file cache ($XDG_CACHE_HOME/weightscope/health, shared with weightscope-cli health), so
// Compute resumes from it. A new file cancels the running report; its late rows are dropped by
// their generation number.
#pragma once

#include "threads/HandOff.h"

#include <QHash>
#include <QObject>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

class QDockWidget;

namespace ws {
class WeightFile;
struct HealthRow;
}

namespace ws::ui {

class HealthPanel;

class HealthController : public QObject {
    Q_OBJECT
public:
    HealthController(HealthPanel* panel, QDockWidget* dock, QObject* parent);
    ~HealthController() override; // shutdown()

    void setFile(std::shared_ptr<const WeightFile> file);
    void start();  // nothing while one runs or without a file
    void cancel();
    bool running() const { return running_ != 0; }
    bool done() const { return done_; } // the report of the open file is complete
    void shutdown(); // cancels and joins the threads; call while the panel still exists

signals:
    void finished(); // complete, cancelled or failed

private:
    void onRow(quint64 generation, const HealthRow& row);
    void onEnd(quint64 generation, const QString& message, bool complete);

    HealthPanel* panel_;
    QDockWidget* dock_;
    std::shared_ptr<const WeightFile> file_;
    QHash<QString, int> index_;  // tensor name → index in file_
    std::shared_ptr<std::atomic<bool>> cancel_; // of the running report
    std::vector<std::thread> threads_; // joined by shutdown(); a cancelled one ends at its next block
    quint64 generation_ = 0;     // of the newest report asked for
    quint64 running_ = 0;        // generation of the running report; 0: none
    bool done_ = false;
    bool userCancelled_ = false; // not restarted by showing the dock again
    HandOff inbox_ { this };     // last: destroyed first, so late results are dropped
};

} // namespace ws::ui
