// SPDX-License-Identifier: GPL-3.0-or-later
// The main window a test function drives: made with the default docks (no saved layout), shown
// and exposed before the test, closed and destroyed after it (init() / cleanup()).
#pragma once

#include "shell/MainWindow.h"

#include <QSettings>
#include <QTest>

#include <memory>

namespace ws::test {

struct ShownWindow {
    std::unique_ptr<ws::ui::MainWindow> window;

    bool open()
    {
        QSettings().clear();
        window = std::make_unique<ws::ui::MainWindow>();
        window->show();
        return QTest::qWaitForWindowExposed(window.get());
    }
    void close()
    {
        window->close();
        window.reset();
    }
};

} // namespace ws::test
