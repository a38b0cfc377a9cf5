// SPDX-License-Identifier: GPL-3.0-or-later
// The Help menu's windows: the user guide (docs/user-guide.md rendered as Markdown), the list of
// keyboard shortcuts taken from the actions themselves, and the About text with the versions of
// the libraries this build runs with.
#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QAction;
class QMenuBar;
class QTreeWidget;

namespace ws::ui {

// The installed guide (<prefix>/share/doc/weightscope/user-guide.md next to bin/), else the
// source tree's docs/user-guide.md; empty when neither exists.
QString userGuidePath();

// Opens the guide in a window of its own; a message names the places searched when it is missing.
void showUserGuide(QWidget* parent);

// Rich text for Help ▸ About: Weightscope's version and git hash, Qt, Eigen, HDF5, zlib,
// libzip, the compiler and build type.
QString aboutText();

// Every action reachable from the menu bar with its shortcut(s), grouped by menu. Built when
// shown, so actions added later by any panel are listed too.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    // panelKeys: keys that belong to panels, not menus (the training transport).
    ShortcutsDialog(const QMenuBar* menuBar, const QList<QAction*>& panelKeys, QWidget* parent = nullptr);
    QTreeWidget* tree() const { return tree_; }

private:
    QTreeWidget* tree_ = nullptr;
};

} // namespace ws::ui
