// SPDX-License-Identifier: GPL-3.0-or-later
#include "shell/AppSettings.h"

#include "run/RunStore.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QStringList>

namespace ws::ui::settings {

QString defaultRunsFolder()
{
    // The command line's default too ($XDG_DATA_HOME/weightscope/runs), so that runs trained
    // with weightscope-cli appear in the Runs dock.
    return QString::fromStdString(ws::defaultRunsDir());
}

QString effectiveRunsFolder()
{
    const QString folder = runsFolder.get();
    return folder.isEmpty() ? defaultRunsFolder() : folder;
}

// Matplotlib's names, which people who read weights already know.
QString lastFolder(const QString& purpose)
{
    return QSettings().value(QStringLiteral("lastFolders/") + purpose).toString();
}

void rememberFolder(const QString& purpose, const QString& picked)
{
    if (picked.isEmpty())
        return;
    const QFileInfo info(picked);
    QSettings().setValue(QStringLiteral("lastFolders/") + purpose, info.isDir() ? info.absoluteFilePath() : info.absolutePath());
}

QStringList divergingColourMaps()
{
    return { QStringLiteral("RdBu"), QStringLiteral("coolwarm"), QStringLiteral("PuOr"), QStringLiteral("BrBG"),
        QStringLiteral("seismic") };
}

QStringList sequentialColourMaps()
{
    return { QStringLiteral("viridis"), QStringLiteral("magma"), QStringLiteral("inferno"), QStringLiteral("plasma"),
        QStringLiteral("cividis"), QStringLiteral("gray") };
}

} // namespace ws::ui::settings
