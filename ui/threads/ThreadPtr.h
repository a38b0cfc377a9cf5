// SPDX-License-Identifier: GPL-3.0-or-later
// A QThread owned through a unique_ptr whose deleter ends the event loop and waits for the thread
// (qBittorrent's Utils::Thread::UniquePtr). The owner must first make any long-running slot on
// that thread return (e.g. stop the trainer), or the wait would block.
#pragma once

#include <QThread>

#include <memory>

namespace ws::ui {

struct ThreadDeleter {
    void operator()(QThread* thread) const
    {
        thread->quit();
        thread->wait();
        delete thread;
    }
};

using ThreadPtr = std::unique_ptr<QThread, ThreadDeleter>;

} // namespace ws::ui
