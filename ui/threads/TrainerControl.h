// SPDX-License-Identifier: GPL-3.0-or-later
// Pause, resume, step and stop for a training worker whose ws::Trainer exists only while a run
// is on the worker's stack. Both training workers (playground/PlaygroundWorker and
// training/TrainingWorker) steer their runs through one of these.
//
// The GUI thread asks at any time; what it asks before the trainer exists (the worker is still
// building the data or the model) is remembered and handed on in attach(). attach() checks the
// run's generation and a Stop under the same lock that stop() and beginRun() take, so a Stop
// pressed while the run is being prepared is never lost: either attach() sees it and refuses,
// or stop() finds the trainer attached and stops it.
//
// A superseded run may still be attached for a while after beginRun() (its thread is finishing
// the batch it is in). What is asked for after beginRun() belongs to the new run: it is kept
// for attach(), never given to the old trainer.
#pragma once

#include <QtGlobal>

#include <atomic>
#include <functional>
#include <mutex>

namespace ws {
class RecordedTraining;
class Trainer;
}

namespace ws::ui {

class TrainerControl {
public:
    // Any thread. Stops the current run (if any) and makes `paused` the new run's start state;
    // returns the new run's generation.
    quint64 beginRun(bool paused);
    void pause();
    void resume();
    void step(int batches);
    void stop(); // the current run, attached or not yet
    // Also remembered for a run still being prepared. An attached session (core/run/
    // RecordedTraining) applies and records it between two batches.
    void setLearningRate(float lr);
    // Runs f on the current run's trainer (or session) under the lock (nothing while it is not attached).
    void withTrainer(const std::function<void(Trainer&)>& f);
    void withSession(const std::function<void(RecordedTraining&)>& f);
    bool wantsPaused() const { return wantPaused_.load(); }
    // True while no newer run has begun.
    bool isCurrent(quint64 generation) const;
    // True while `generation` is current and has not been stopped.
    bool isWanted(quint64 generation) const;

    // Worker thread.
    enum class Attach { Attached, Superseded, Stopped };
    // Publishes the trainer of run `generation` and applies the pause and steps asked for so far,
    // unless a newer run was begun (Superseded) or this one stopped (Stopped).
    Attach attach(Trainer& trainer, quint64 generation);
    // The same for a recorded session's trainer; what is asked of the run is then recorded too.
    Attach attach(RecordedTraining& session, quint64 generation);
    void detach(); // before the trainer dies: nothing reaches it afterwards

    // Detaches however the scope is left (an exception from run() included).
    struct Attachment {
        TrainerControl& control;
        ~Attachment() { control.detach(); }
    };

private:
    mutable std::mutex mutex_;
    // The current run's trainer, or nullptr (a superseded run's trainer is never returned).
    Trainer* current() const;

    Attach attach(Trainer& trainer, RecordedTraining* session, quint64 generation);
    Trainer* trainer_ = nullptr; // guarded by mutex_
    RecordedTraining* session_ = nullptr; // guarded by mutex_; trainer_'s session, if it has one
    quint64 attached_ = 0;       // guarded by mutex_; the generation trainer_ belongs to
    int pendingSteps_ = 0;       // guarded by mutex_; steps asked for before the trainer existed
    float pendingLearningRate_ = 0.0f; // guarded by mutex_; > 0: set before the trainer existed
    quint64 generation_ = 0;     // guarded by mutex_; the run that is wanted, older runs stop
    quint64 stopped_ = 0;        // guarded by mutex_; a run stopped before its trainer existed
    std::atomic<bool> wantPaused_ { false };
};

} // namespace ws::ui
