#include "AppSettings.h"

#include <QDir>
#include <QStandardPaths>
#include <QStringList>

namespace ws::ui::settings {

QString defaultRunsFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("runs"));
}

QString effectiveRunsFolder()
{
    const QString folder = runsFolder.get();
    return folder.isEmpty() ? defaultRunsFolder() : folder;
}

// Matplotlib's names, which people who read weights already know.
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
