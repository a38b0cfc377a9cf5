// SPDX-License-Identifier: GPL-3.0-or-later
#include "shell/HelpDialogs.h"

#include "util/BuildInfo.h"

#include <QAction>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ws::ui {

namespace {

QStringList userGuideCandidates()
{
    const QDir bin(QCoreApplication::applicationDirPath());
    return {
        bin.absoluteFilePath(QStringLiteral("../share/doc/weightscope/user-guide.md")),
        // A build that is run from its build tree (WS_SOURCE_DIR is set on this file only).
        QStringLiteral(WS_SOURCE_DIR "/docs/user-guide.md"),
    };
}

QString plainText(const QString& menuText)
{
    QString text = menuText;
    text.remove(QRegularExpression(QStringLiteral("&(?!&)"))); // mnemonics, keeping "&&" as "&"
    return text.replace(QStringLiteral("&&"), QStringLiteral("&"));
}

// Adds one row per action with a shortcut under parent, recursing into submenus.
void addShortcutRows(QTreeWidgetItem* parent, const QList<QAction*>& actions)
{
    for (QAction* action : actions) {
        if (action->isSeparator())
            continue;
        if (QMenu* menu = action->menu()) {
            auto* item = new QTreeWidgetItem(parent, { plainText(menu->title()) });
            addShortcutRows(item, menu->actions());
            if (item->childCount() == 0)
                delete item;
            continue;
        }
        QStringList keys;
        for (const QKeySequence& key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        if (!keys.isEmpty())
            new QTreeWidgetItem(parent, { plainText(action->text()), keys.join(QStringLiteral(", ")) });
    }
}

// Screenshots are window-sized; shown at their own size they would need sideways scrolling.
// Qt scales the height along when only the width is set.
void fitImages(QTextDocument* document, int width)
{
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.charFormat().isImageFormat())
                continue;
            QTextImageFormat image = fragment.charFormat().toImageFormat();
            image.setWidth(width);
            QTextCursor cursor(document);
            cursor.setPosition(fragment.position());
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
            cursor.setCharFormat(image);
        }
    }
}

} // namespace

QString userGuidePath()
{
    for (const QString& path : userGuideCandidates())
        if (QFileInfo::exists(path))
            return QDir::cleanPath(path);
    return {};
}

void showUserGuide(QWidget* parent)
{
    const QString path = userGuidePath();
    if (path.isEmpty()) {
        QMessageBox::warning(parent, QCoreApplication::translate("ws::ui::Help", "User Guide"),
            QCoreApplication::translate("ws::ui::Help", "The user guide was not found. Looked in:\n%1")
                .arg(userGuideCandidates().join(QLatin1Char('\n'))));
        return;
    }
    auto* dialog = new QDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(QCoreApplication::translate("ws::ui::Help", "Weightscope User Guide"));
    auto* browser = new QTextBrowser;
    browser->setOpenExternalLinks(true);
    // Markdown from a file: relative links and screenshots resolve next to the guide.
    browser->setSource(QUrl::fromLocalFile(path), QTextDocument::MarkdownResource);
    fitImages(browser->document(), 680);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(browser);
    layout->addWidget(buttons);
    dialog->resize(760, 800);
    dialog->show();
}

QString aboutText()
{
    const BuildInfo info = buildInfo();
    const auto q = [](const std::string& s) { return QString::fromStdString(s); };
    const QString version = info.gitHash.empty() ? q(info.version)
                                                 : QStringLiteral("%1 (%2)").arg(q(info.version), q(info.gitHash));
    return QCoreApplication::translate("ws::ui::Help",
        "<h3>Weightscope %1</h3>"
        "<p>A workbench for neural-network weights: look inside model files, train small "
        "models and watch them learn, compare runs.</p>"
        "<table>"
        "<tr><td>Qt</td><td>%2 (built with %3)</td></tr>"
        "<tr><td>Eigen</td><td>%4</td></tr>"
        "<tr><td>HDF5</td><td>%5</td></tr>"
        "<tr><td>zlib</td><td>%6</td></tr>"
        "<tr><td>libzip</td><td>%7</td></tr>"
        "<tr><td>Compiler</td><td>%8</td></tr>"
        "<tr><td>Build type</td><td>%9</td></tr>"
        "</table>")
        .arg(version, QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR), q(info.eigen), q(info.hdf5),
            q(info.zlib), q(info.libzip), q(info.compiler), q(info.buildType));
}

ShortcutsDialog::ShortcutsDialog(const QMenuBar* menuBar, const QList<QAction*>& panelKeys, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    tree_ = new QTreeWidget;
    tree_->setColumnCount(2);
    tree_->setHeaderLabels({ tr("Action"), tr("Shortcut") });
    tree_->setRootIsDecorated(false);
    addShortcutRows(tree_->invisibleRootItem(), menuBar->actions());
    if (!panelKeys.isEmpty()) { // the training transport: keys of the panels, not of a menu
        auto* group = new QTreeWidgetItem(tree_->invisibleRootItem(), { tr("Playground and Training panels") });
        QStringList seen;
        for (const QAction* action : panelKeys)
            if (!seen.contains(action->text())) {
                seen << action->text();
                new QTreeWidgetItem(group, { action->text(), action->shortcut().toString(QKeySequence::NativeText) });
            }
    }
    tree_->expandAll();
    tree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tree_);
    layout->addWidget(buttons);
    resize(480, 420);
}

} // namespace ws::ui
