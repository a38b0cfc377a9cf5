// SPDX-License-Identifier: GPL-3.0-or-later
#include "threads/HandOff.h"

namespace ws::ui {

HandOff::HandOff(QObject* owner) : QObject(owner), box_(std::make_shared<Box>())
{
    box_->target = this;
}

HandOff::~HandOff()
{
    for (const QMetaObject::Connection& c : connections_)
        QObject::disconnect(c);
    std::deque<std::function<void()>> dropped;
    {
        std::lock_guard lock(box_->mutex);
        box_->target = nullptr;
        dropped.swap(box_->queue);
    }
    // The posted work (and what it holds) is destroyed here, outside the lock.
}

void HandOff::post(const std::shared_ptr<Box>& box, std::function<void()> f)
{
    std::lock_guard lock(box->mutex);
    if (!box->target)
        return;
    box->queue.push_back(std::move(f));
    // Under the lock, so the target cannot be destroyed meanwhile. One call per post, as Qt's
    // queued calls: a posted function that processes events still lets later posts run. By
    // name, so that Qt builds the call inside libQt6Core: a functor or member pointer would be
    // built here and read on the other thread, the very hand-over TSan cannot follow.
    QMetaObject::invokeMethod(box->target, "runOne", Qt::QueuedConnection);
}

void HandOff::runOne()
{
    std::function<void()> f;
    {
        std::lock_guard lock(box_->mutex);
        if (box_->queue.empty())
            return;
        f = std::move(box_->queue.front());
        box_->queue.pop_front();
    }
    f();
}

} // namespace ws::ui
