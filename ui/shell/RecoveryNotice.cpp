// SPDX-License-Identifier: GPL-3.0-or-later
#include "shell/RecoveryNotice.h"

#include "shell/Preference.h"
#include "run/RunRecord.h"
#include "runs/RunsModel.h"
#include "runs/RunsPanel.h"

#include <QFileInfo>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace ws::ui {

namespace {
// Paths of interrupted runs already offered. Only paths that still exist are kept, so the list
// stays as short as the runs folder.
const Preference<QStringList> kOffered("recovery/offeredRuns");
} // namespace

RecoveryNotice::RecoveryNotice(RunsPanel* runs, QWidget* window, std::function<void()> showRuns)
    : QObject(window), runs_(runs), window_(window), showRuns_(std::move(showRuns))
{
    // Only the scan that follows the start: a run interrupted later in this session (a training
    // that failed) is shown by the Runs dock as it happens, not offered as a crash.
    scanConnection_ = connect(runs_, &RunsPanel::scanFinished, this, &RecoveryNotice::onFirstScan);
}

void RecoveryNotice::onFirstScan()
{
    disconnect(scanConnection_);
    QStringList seen;
    for (const QString& path : kOffered.get())
        if (QFileInfo::exists(path))
            seen << path;
    QStringList paths;
    QStringList names;
    for (const RunInfo& run : runs_->model()->runs()) {
        const QString path = QString::fromStdString(run.path);
        // Nothing to recover from a run killed before its first epoch (records of older versions:
        // runs now stay hidden until an epoch is written).
        if (run.status != RunStatus::Interrupted || run.epochsCompleted == 0 || seen.contains(path))
            continue;
        paths << path;
        names << tr("%1 (%n epoch(s) recorded)", nullptr, run.epochsCompleted).arg(QString::fromStdString(run.header.name));
    }
    kOffered.set(seen + paths);
    if (paths.isEmpty())
        return;

    notice_ = new QMessageBox(QMessageBox::Information, tr("Interrupted training"),
        tr("%n training(s) ended without finishing, probably because Weightscope was closed or killed. "
           "Each is kept up to its last completed epoch:",
            nullptr, int(paths.size())),
        QMessageBox::NoButton, window_);
    notice_->setInformativeText(names.join(QLatin1Char('\n')));
    notice_->setWindowModality(Qt::NonModal);
    notice_->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* show = notice_->addButton(tr("Show in Runs"), QMessageBox::AcceptRole);
    show->setToolTip(tr("Select these runs in the Runs dock and show their curves"));
    notice_->addButton(tr("Dismiss"), QMessageBox::RejectRole)->setToolTip(tr("Close this notice; it is not shown again"));
    connect(show, &QPushButton::clicked, this, [this, paths] { showInRuns(paths); });
    connect(notice_, &QObject::destroyed, this, [this] { notice_ = nullptr; });
    notice_->show();
    emit offered(paths);
}

void RecoveryNotice::showInRuns(const QStringList& paths)
{
    showRuns_();
    runs_->filterEdit()->clear(); // a filter left from the last session could hide them
    QAbstractItemModel* view = runs_->table()->model();
    auto* proxy = qobject_cast<QSortFilterProxyModel*>(view);
    QItemSelection selection;
    for (int row = 0; row < view->rowCount(); ++row) {
        const int source = proxy ? proxy->mapToSource(view->index(row, 0)).row() : row;
        if (source >= 0 && paths.contains(QString::fromStdString(runs_->model()->run(source).path)))
            selection.select(view->index(row, 0), view->index(row, view->columnCount() - 1));
    }
    runs_->table()->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (!selection.isEmpty())
        runs_->table()->scrollTo(selection.indexes().first());
}

} // namespace ws::ui
