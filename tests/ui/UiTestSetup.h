// SPDX-License-Identifier: GPL-3.0-or-later
// What every Qt test does first: settings and standard paths of its own, never the user's
// (QStandardPaths' test mode), under an application name per executable.
#pragma once

#include <QCoreApplication>
#include <QStandardPaths>
#include <QString>
#include <QTest>

#include <cstdlib>

#ifndef WS_TEST_PATIENCE // set by ws_ui_test (tests/ui/CMakeLists.txt)
#define WS_TEST_PATIENCE 1
#endif

namespace ws::test {

// How many times longer every QTRY_* wait may take than the test says. Instrumented builds run
// several times slower, and more so on a loaded machine: under ThreadSanitizer at load 14,
// waits of 10–20 s that take 2 s in release needed 22–27 s (session 11), and 300 Playground
// epochs took more than 30 s. A wait only ends early when its condition holds, so a longer
// limit costs nothing when the test passes; it only delays the report of a real failure.
// WS_TEST_PATIENCE (tests/ui/CMakeLists.txt) is 6 under the sanitizers and 1 otherwise; the
// environment variable of the same name overrides it.
inline int patience()
{
    static const int factor = [] {
        if (const char* env = std::getenv("WS_TEST_PATIENCE"); env && std::atoi(env) > 0)
            return std::atoi(env);
        return WS_TEST_PATIENCE;
    }();
    return factor;
}

inline void isolateSettings(const QString& testName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("WeightscopeTest"));
    QCoreApplication::setApplicationName(testName);
}

} // namespace ws::test

// Every QTRY_VERIFY/QTRY_COMPARE[_WITH_TIMEOUT] expands QTRY_IMPL where it is used, so scaling its
// timeout here scales every wait of the test that includes this header.
#undef QTRY_IMPL
#define QTRY_IMPL(expr, timeout) \
    const int qt_test_timeoutValue = (timeout) * ws::test::patience(); \
    const int qt_test_step = qt_test_timeoutValue < 350 ? qt_test_timeoutValue / 7 + 1 : 50; \
    { QTRY_LOOP_IMPL(expr, qt_test_timeoutValue, qt_test_step) } \
    QTRY_TIMEOUT_DEBUG_IMPL(expr, qt_test_timeoutValue, qt_test_step)
