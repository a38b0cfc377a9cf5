// SPDX-License-Identifier: GPL-3.0-or-later
// What every Qt test does first: settings and standard paths of its own, never the user's
// (QStandardPaths' test mode), under an application name per executable.
#pragma once

#include <QCoreApplication>
#include <QStandardPaths>
#include <QString>

namespace ws::test {

inline void isolateSettings(const QString& testName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("WeightscopeTest"));
    QCoreApplication::setApplicationName(testName);
}

} // namespace ws::test
