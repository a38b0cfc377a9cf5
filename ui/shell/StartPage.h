// SPDX-License-Identifier: GPL-3.0-or-later
// What the main window shows while no file is open: the three things Weightscope does (look
// inside a model's weights, train a network, compare runs), each one click away, the recent
// files, and the Playground demo. A first start showed only the Playground, and nothing said
// the program was also a weight inspector and a run comparer.
#pragma once

#include <QWidget>

class QListWidget;

namespace ws::ui {

class StartPage : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(QWidget* parent = nullptr);

    void setRecentFiles(const QStringList& paths);
    QListWidget* recentList() const { return recent_; }

signals:
    void openRequested();                    // "Open a model…"
    void openFileRequested(const QString& path); // a recent file
    void trainRequested();
    void runsRequested();
    void demoRequested();

private:
    QListWidget* recent_ = nullptr;
};

} // namespace ws::ui
