// SPDX-License-Identifier: GPL-3.0-or-later
// The recently opened files (most recent first, at most ten), persisted in the settings. One owner
// emits changed(); menus listen and rebuild themselves.
#pragma once

#include <QObject>
#include <QStringList>

namespace ws::ui {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int kMax = 10;
    using QObject::QObject;

    QStringList files() const;
    void add(const QString& path);
    void remove(const QString& path);
    void clear();

signals:
    void changed();
};

} // namespace ws::ui
