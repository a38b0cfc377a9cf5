// SPDX-License-Identifier: GPL-3.0-or-later
// Start, Pause, Step and the rest under both training panels' settings, with the one rule for
// which of them can be pressed. Two kinds of run drive them:
// - Run (Training panel): a run is started, paused, stepped and stopped; Start reads "Resume"
//   while a paused run exists; Stop ends the run and evaluates it.
// - Loop (Playground): a model always exists and trains until paused; Reset gives new weights,
//   Step epoch trains one epoch's batches.
// The bar only shows state and emits what was pressed; the panel talks to its worker.
#pragma once

#include <QKeySequence>
#include <QList>
#include <QWidget>

#include <functional>

class QAction;
class QPushButton;

namespace ws::ui {

class TransportBar : public QWidget {
    Q_OBJECT
public:
    enum class Kind { Run, Loop };
    explicit TransportBar(Kind kind, QWidget* parent = nullptr);

    // alive: the worker's thread runs (false after shutdown: everything disabled).
    // runActive: a run exists (always true for Loop). running: not paused.
    // ready: a new run could start (the model fits the data); Run only.
    void setState(bool alive, bool runActive, bool running, bool ready = true);

    // Start, Pause and Step call the panel's start(), pause() and step(); the panel connects the
    // buttons of its kind (Stop, or Step epoch and Reset) itself.
    template <class Panel> void drive(Panel* panel)
    {
        connect(this, &TransportBar::startClicked, panel, &Panel::start);
        connect(this, &TransportBar::pauseClicked, panel, &Panel::pause);
        connect(this, &TransportBar::stepClicked, panel, &Panel::step);
    }

    // The keys (Space, Ctrl+., Ctrl+R or Ctrl+Shift+.) work anywhere in `panel`; listed in Help.
    void addShortcutsTo(QWidget* panel);
    const QList<QAction*>& shortcutActions() const { return keys_; }

    QPushButton* startButton() const { return start_; }
    QPushButton* pauseButton() const { return pause_; }
    QPushButton* stepButton() const { return step_; }

signals:
    void startClicked();
    void pauseClicked();
    void stepClicked();
    void stepEpochClicked(); // Loop only
    void resetClicked();     // Loop only
    void stopClicked();      // Run only

private:
    void addKey(const QString& text, const QKeySequence& key, std::function<void()> press);
    QPushButton* addButton(const QString& text, const QString& tip, void (TransportBar::*clicked)());

    Kind kind_;
    QPushButton* start_ = nullptr;
    QPushButton* pause_ = nullptr;
    QPushButton* step_ = nullptr;
    QPushButton* stepEpoch_ = nullptr; // Loop
    QPushButton* reset_ = nullptr;     // Loop
    QPushButton* stop_ = nullptr;      // Run
    QList<QAction*> keys_;
};

} // namespace ws::ui
