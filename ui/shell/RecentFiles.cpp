// SPDX-License-Identifier: GPL-3.0-or-later
#include "shell/RecentFiles.h"

#include "shell/Preference.h"

#include <QFileInfo>

namespace ws::ui {

namespace {
const Preference<QStringList> kRecentFiles("inspector/recentFiles");
}

QStringList RecentFiles::files() const { return kRecentFiles.get(); }

void RecentFiles::add(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMax)
        list.removeLast();
    kRecentFiles.set(list);
    emit changed();
}

void RecentFiles::remove(const QString& path)
{
    QStringList list = files();
    if (list.removeAll(path) > 0) {
        kRecentFiles.set(list);
        emit changed();
    }
}

void RecentFiles::clear()
{
    kRecentFiles.set({});
    emit changed();
}

} // namespace ws::ui
