// SPDX-License-Identifier: GPL-3.0-or-later
// Hands work and results between the GUI thread and the workers' threads in a way
// ThreadSanitizer can check.
//
// A queued signal or QMetaObject::invokeMethod(…, Qt::QueuedConnection) carries its arguments
// (or the lambda's captures) from one thread to the other through Qt's post-event list, which is
// guarded by a QMutex: a futex and atomics compiled into Debian's uninstrumented libQt6Core. TSan
// sees no order between the thread that wrote the data and the thread that reads it, so every
// hand-over is reported as a race (docs/reliability.md, "ThreadSanitizer"), and a real race in
// our workers would drown among them. A HandOff keeps what is handed over in a queue of its own,
// guarded by a std::mutex that TSan sees; Qt only carries an empty "run one" call to the owner's
// thread. Each post runs exactly once, in order, on the owner's thread, as a queued call would.
//
// A HandOff is a child of its owner, so it lives in the owner's thread and moves with it
// (moveToThread). Declare it as the owner's last member: it is destroyed first, and what is
// posted from then on is dropped, so no queued call reaches a half-destroyed owner.
#pragma once

#include <QMetaObject>
#include <QObject>

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace ws::ui {

class HandOff : public QObject {
    Q_OBJECT
public:
    explicit HandOff(QObject* owner);
    ~HandOff() override;

    // Any thread: runs f on the owner's thread.
    void post(std::function<void()> f) { post(box_, std::move(f)); }

    // A post() that may outlive this HandOff (a job on a pool thread): once the HandOff is
    // destroyed, what it posts is dropped.
    std::function<void(std::function<void()>)> poster() const
    {
        return [box = box_](std::function<void()> f) { post(box, std::move(f)); };
    }

    // Each time sender emits signal, on whatever thread, calls f with copies of the signal's
    // arguments on the owner's thread (f belongs there: a lambda over the owner, say). The
    // connection ends with the sender or this HandOff.
    template <class Sender, class... Args, class F>
    void connect(const Sender* sender, void (Sender::*signal)(Args...), F f)
    {
        connections_.push_back(QObject::connect(
            sender, signal, sender,
            [box = box_, f = std::move(f)](const std::decay_t<Args>&... args) {
                post(box, [f, copies = std::make_tuple(args...)] { std::apply(f, copies); });
            },
            Qt::DirectConnection));
    }

    // The same for a slot of receiver, an object living in the owner's thread (the owner, mostly).
    template <class Sender, class... Args, class Receiver, class R, class... SlotArgs>
    void connect(const Sender* sender, void (Sender::*signal)(Args...), Receiver* receiver, R (Receiver::*slot)(SlotArgs...))
    {
        connect(sender, signal, [receiver, slot](const auto&... args) { (receiver->*slot)(args...); });
    }

private:
    struct Box {
        std::mutex mutex;
        std::deque<std::function<void()>> queue; // guarded by mutex
        HandOff* target = nullptr;                // guarded by mutex; nullptr once destroyed
    };
    static void post(const std::shared_ptr<Box>& box, std::function<void()> f);
    Q_INVOKABLE void runOne();

    std::shared_ptr<Box> box_;
    std::vector<QMetaObject::Connection> connections_;
};

} // namespace ws::ui
