// SPDX-License-Identifier: GPL-3.0-or-later
#include "runs/RunsPanel.h"

#include "common/ProgressStrip.h"
#include "shell/AppSettings.h"
#include "run/RunStore.h"
#include "run/RunWeightFile.h"
#include "run/TensorBoardRuns.h"
#include "runs/ComparePlot.h"
#include "runs/HistogramPlot.h"
#include "runs/HistoryOutcomes.h"
#include "runs/HyperParameterTable.h"
#include "runs/ParallelCoordinates.h"
#include "runs/RunAnalysis.h"
#include "runs/RunsModel.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QMenu>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include <set>

namespace ws::ui {

namespace {
constexpr int kLiveRescanMs = 3000;
constexpr int kFittedRows = 100;
// A scan or load shows its progress once it has taken this long (the live rescans of a run being
// written, a few ms each, do not flash the strip).
constexpr qint64 kShowProgressAfterMs = 250;
} // namespace

RunsPanel::RunsPanel(QWidget* parent) : QWidget(parent)
{
    qRegisterMetaType<std::shared_ptr<const ScannedRuns>>();
    qRegisterMetaType<std::shared_ptr<const LoadedCurves>>();

    model_ = new RunsModel(this);
    filter_ = new RunsFilter(this);
    filter_->setSourceModel(model_);

    folderLabel_ = new QLabel;
    folderLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* chooseFolder = new QPushButton(tr("Folder…"));
    chooseFolder->setToolTip(tr("Choose the folder the runs are read from"));
    auto* refresh = new QPushButton(tr("Refresh"));
    refresh->setToolTip(tr("Read the runs in the folder again"));
    filterEdit_ = new QLineEdit;
    filterEdit_->setPlaceholderText(tr("Filter (regular expression)"));
    filterEdit_->setClearButtonEnabled(true);
    filterEdit_->setToolTip(tr("Show only the runs that match this regular expression"));
    tagBox_ = new QComboBox;
    tagBox_->setToolTip(tr("Show only the runs with this tag"));
    tagBox_->addItem(tr("All tags"), QString());
    problems_ = new QLabel;
    problems_->setStyleSheet(QStringLiteral("color: #b03020"));
    problems_->hide();
    progress_ = new ProgressStrip;

    table_ = new QTableView;
    table_->setModel(filter_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(RunsModel::Date, Qt::DescendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    // Columns are fitted to the first rows only (Qt measures 1,000 by default, every cell of
    // every one on the GUI thread at each scan).
    table_->horizontalHeader()->setResizeContentsPrecision(kFittedRows);
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(false);
    table_->setContextMenuPolicy(Qt::CustomContextMenu);

    auto* rename = new QPushButton(tr("Rename…"));
    auto* tags = new QPushButton(tr("Tags…"));
    auto* notes = new QPushButton(tr("Notes…"));
    auto* remove = new QPushButton(tr("Delete…"));
    auto* openFolder = new QPushButton(tr("Open folder"));
    rename->setToolTip(tr("Give the selected run a new name"));
    tags->setToolTip(tr("Edit the tags of the selected runs"));
    notes->setToolTip(tr("Write notes on the selected run"));
    remove->setToolTip(tr("Delete the selected runs and their files"));
    openFolder->setToolTip(tr("Open the runs folder in the file manager"));

    compare_ = new ComparePlot;
    hyper_ = new HyperParameterTable;
    parallel_ = new ParallelCoordinates;
    views_ = new QTabWidget;
    views_->addTab(compare_, tr("Curves"));
    views_->addTab(hyper_, tr("Hyper-parameters"));
    views_->addTab(parallel_, tr("Parallel coordinates"));
    importance_ = new ImportanceView;
    diff_ = new ConfigDiff;
    views_->addTab(importance_, tr("Importance"));
    views_->addTab(diff_, tr("Config diff"));
    distributions_ = new HistogramPlot(HistogramPlot::Mode::Distributions);
    histograms_ = new HistogramPlot(HistogramPlot::Mode::Histograms);
    views_->addTab(distributions_, tr("Distributions"));
    views_->addTab(histograms_, tr("Histograms"));
    connect(views_, &QTabWidget::currentChanged, this, &RunsPanel::fillShownView);
    outcomes_ = new HistoryOutcomes(this);
    connect(outcomes_, &HistoryOutcomes::ready, this, &RunsPanel::onOutcomes);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Runs in")));
    top->addWidget(folderLabel_, 1);
    top->addWidget(chooseFolder);
    top->addWidget(refresh);
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(filterEdit_, 1);
    filterRow->addWidget(tagBox_);
    auto* actions = new QHBoxLayout;
    for (QPushButton* b : { rename, tags, notes, remove, openFolder })
        actions->addWidget(b);
    actions->addStretch(1);

    auto* tablePart = new QWidget;
    auto* tableLayout = new QVBoxLayout(tablePart);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addLayout(top);
    tableLayout->addLayout(filterRow);
    tableLayout->addWidget(table_, 1);
    tableLayout->addWidget(problems_);
    tableLayout->addWidget(progress_);
    tableLayout->addLayout(actions);
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(tablePart);
    splitter->addWidget(views_);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(chooseFolder, &QPushButton::clicked, this, &RunsPanel::chooseFolder);
    connect(refresh, &QPushButton::clicked, this, &RunsPanel::refresh);
    connect(filterEdit_, &QLineEdit::textChanged, this, [this](const QString& text) {
        filter_->setPattern(text);
        const bool bad = !QRegularExpression(text).isValid();
        filterEdit_->setStyleSheet(bad ? QStringLiteral("color: #b03020") : QString());
    });
    connect(tagBox_, &QComboBox::currentIndexChanged, this,
        [this] { filter_->setTag(tagBox_->currentData().toString()); });
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsPanel::onSelectionChanged);
    connect(rename, &QPushButton::clicked, this, &RunsPanel::renameSelected);
    connect(tags, &QPushButton::clicked, this, &RunsPanel::tagSelected);
    connect(notes, &QPushButton::clicked, this, &RunsPanel::noteSelected);
    connect(remove, &QPushButton::clicked, this, &RunsPanel::deleteSelected);
    connect(openFolder, &QPushButton::clicked, this, &RunsPanel::openFolder);
    connect(table_, &QTableView::customContextMenuRequested, this, &RunsPanel::showContextMenu);
    connect(table_, &QTableView::doubleClicked, this, &RunsPanel::openSelectedWeights);
    connect(compare_, &ComparePlot::curvesReady, this, [this](int runs) {
        if (std::exchange(announceCurves_, false))
            emit curvesShown(runs);
    });

    scannerThread_.reset(new QThread);
    scannerThread_->setObjectName(QStringLiteral("RunScanner"));
    scanner_ = new RunScanner;
    scanner_->moveToThread(scannerThread_.get());
    inbox_.connect(scanner_, &RunScanner::scanned, this, &RunsPanel::onScanned);
    inbox_.connect(scanner_, &RunScanner::loaded, this, &RunsPanel::onLoaded);
    inbox_.connect(scanner_, &RunScanner::progress, this, &RunsPanel::onProgress);
    connect(progress_, &ProgressStrip::cancelRequested, this, &RunsPanel::cancelJobs);
    scannerThread_->start();

    liveTimer_ = new QTimer(this);
    liveTimer_->setInterval(kLiveRescanMs);
    connect(liveTimer_, &QTimer::timeout, this, &RunsPanel::refresh);

    // New, renamed or deleted files (a training started, another program wrote a run) rescan.
    changedTimer_ = new QTimer(this);
    changedTimer_->setSingleShot(true);
    changedTimer_->setInterval(300);
    connect(changedTimer_, &QTimer::timeout, this, &RunsPanel::refresh);
    watcher_ = new QFileSystemWatcher(this);
    connect(watcher_, &QFileSystemWatcher::directoryChanged, changedTimer_, qOverload<>(&QTimer::start));

    setFolder(settings::effectiveRunsFolder(), false);
}

RunsPanel::~RunsPanel()
{
    scannerThread_.reset(); // waits for a scan in flight; its queued answers die with this object
    delete scanner_;
}

void RunsPanel::setFolder(const QString& folder, bool remember)
{
    folder_ = folder;
    folderLabel_->setText(QDir::toNativeSeparators(folder));
    if (remember) // the same setting as in Preferences
        settings::runsFolder.set(folder == settings::defaultRunsFolder() ? QString() : folder);
    model_->setRuns({});
    compare_->setRuns(std::vector<RunCurves>());
    distributions_->setRuns(nullptr);
    histograms_->setRuns(nullptr);
    hyper_->setRuns({});
    selectedInfos_.clear();
    staleViews_ = { parallel_, importance_, diff_ };
    outcomesAsked_ = false;
    fillShownView();
    if (!watcher_->directories().isEmpty())
        watcher_->removePaths(watcher_->directories());
    QDir().mkpath(folder);
    watcher_->addPath(folder);
    refresh();
}

void RunsPanel::refresh()
{
    const quint64 generation = ++scanGeneration_;
    const QString folder = folder_;
    RunScanner* scanner = scanner_;
    scanClock_.start();
    scanner->want(RunScanner::Job::Scan, generation);
    scanner->post([scanner, folder, generation] { scanner->scan(folder, generation); });
}

void RunsPanel::onScanned(const std::shared_ptr<const ScannedRuns>& result)
{
    if (result->generation != scanGeneration_)
        return; // a newer scan is on its way
    if (!loadClock_.isValid())
        progress_->finish();
    scanClock_.invalidate();
    if (result->cancelled)
        emit statusMessage(tr("Scan cancelled: %n run(s) read", nullptr, int(result->runs.size())));
    QSet<QString> keep;
    for (const QString& p : selectedPaths())
        keep.insert(p);
    for (const QString& p : std::as_const(selectAfterScan_))
        keep.insert(p);
    selectAfterScan_.clear();
    model_->setRuns(result->runs, result->goneSessions);
    updateTagBox();
    // Restore the selection by path: the rows were rebuilt.
    QItemSelection selection;
    if (!keep.isEmpty())
        for (int row = 0; row < filter_->rowCount(); ++row) {
            const QModelIndex index = filter_->index(row, 0);
            if (keep.contains(QString::fromStdString(model_->run(filter_->mapToSource(index).row()).path)))
                selection.select(index, filter_->index(row, RunsModel::ColumnCount - 1));
        }
    table_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    table_->resizeColumnsToContents();
    problems_->setVisible(!result->errors.isEmpty());
    problems_->setText(tr("%n file(s) could not be read", nullptr, int(result->errors.size())));
    problems_->setToolTip(result->errors.join(QLatin1Char('\n')));
    bool running = false;
    for (const RunInfo& r : result->runs)
        running = running || r.status == RunStatus::Running;
    if (running && !liveTimer_->isActive())
        liveTimer_->start();
    else if (!running)
        liveTimer_->stop();
    if (running)
        onSelectionChanged(); // the selected running runs have grown
    emit scanFinished(int(result->runs.size()));
}

void RunsPanel::updateTagBox()
{
    const QString current = tagBox_->currentData().toString();
    QSignalBlocker block(tagBox_);
    tagBox_->clear();
    tagBox_->addItem(tr("All tags"), QString());
    for (const QString& t : model_->allTags())
        tagBox_->addItem(t, t);
    const int i = tagBox_->findData(current);
    tagBox_->setCurrentIndex(i < 0 ? 0 : i);
    filter_->setTag(tagBox_->currentData().toString());
}

void RunsPanel::showView(const QString& view, const QString& groupBy)
{
    compare_->setGroupBy(groupBy);
    const QStringList views = { QStringLiteral("curves"), QStringLiteral("table"), QStringLiteral("parallel"),
        QStringLiteral("importance"), QStringLiteral("diff"), QStringLiteral("distributions"), QStringLiteral("histograms") };
    views_->setCurrentIndex(std::max(0, int(views.indexOf(view))));
}

void RunsPanel::fillShownView()
{
    QWidget* shown = views_->currentWidget();
    if (!staleViews_.contains(shown))
        return;
    staleViews_.remove(shown);
    if (shown == parallel_)
        parallel_->setRuns(selectedInfos_);
    else if (shown == importance_)
        importance_->setRuns(selectedInfos_);
    else if (shown == diff_)
        diff_->setRuns(selectedInfos_);
    if (shown != parallel_ && shown != importance_)
        return;
    // Their outcomes of a tag's history: the selection's histories read on a worker, once for
    // both views (the headers the scan read hold only the final values of the test evaluation).
    if (!outcomesAsked_) {
        outcomesAsked_ = true;
        std::vector<std::string> paths;
        for (const RunInfo& r : selectedInfos_)
            paths.push_back(r.path);
        outcomes_->request(paths);
    }
    giveOutcomes(shown);
}

void RunsPanel::giveOutcomes(QWidget* view)
{
    const auto answer = outcomes_->latest();
    bool current = answer && !outcomes_->busy() && answer->paths.size() == selectedInfos_.size();
    for (size_t i = 0; current && i < selectedInfos_.size(); ++i)
        current = answer->paths[i] == selectedInfos_[i].path;
    if (view == parallel_) {
        parallel_->outcome()->setReading(!current);
        if (current)
            parallel_->setOutcomes(answer->outcomes);
    } else if (view == importance_) {
        importance_->outcome()->setReading(!current);
        if (current)
            importance_->setOutcomes(answer->outcomes);
    }
}

void RunsPanel::onOutcomes()
{
    for (QWidget* view : { static_cast<QWidget*>(parallel_), static_cast<QWidget*>(importance_) })
        if (!staleViews_.contains(view))
            giveOutcomes(view);
    if (const auto answer = outcomes_->latest(); answer && !answer->errors.isEmpty())
        emit statusMessage(answer->errors.front());
}

void RunsPanel::selectAll()
{
    table_->selectAll();
}

QStringList RunsPanel::selectedPaths() const
{
    std::set<int> rows;
    for (const QModelIndex& index : table_->selectionModel()->selectedIndexes())
        rows.insert(filter_->mapToSource(index).row());
    QStringList out;
    for (int row : rows)
        if (row >= 0 && row < model_->rowCount())
            out << QString::fromStdString(model_->run(row).path);
    return out;
}

void RunsPanel::onSelectionChanged()
{
    const quint64 generation = ++loadGeneration_;
    const QStringList paths = selectedPaths();
    // The table and the parallel coordinates need only the headers the scan has read.
    std::set<std::string> wanted;
    for (const QString& p : paths)
        wanted.insert(p.toStdString());
    std::vector<RunInfo> infos;
    for (const RunInfo& r : model_->runs())
        if (wanted.count(r.path))
            infos.push_back(r);
    hyper_->setRuns(infos);
    // The other header views are filled when shown: side by side, 1,000 selected runs took the
    // config diff 0.6 s of the GUI thread (a column per run) whether it was looked at or not.
    selectedInfos_ = std::move(infos);
    staleViews_ = { parallel_, importance_, diff_ };
    outcomesAsked_ = false;
    fillShownView();
    RunScanner* scanner = scanner_;
    loadClock_.start();
    scanner->want(RunScanner::Job::Load, generation);
    scanner->post([scanner, paths, generation] { scanner->load(paths, generation); });
}

void RunsPanel::onLoaded(const std::shared_ptr<const LoadedCurves>& result)
{
    if (result->generation != loadGeneration_)
        return;
    if (!scanClock_.isValid())
        progress_->finish();
    loadClock_.invalidate();
    if (result->cancelled)
        emit statusMessage(tr("Reading cancelled: %n run(s) shown", nullptr, int(result->runs.size())));
    // Shared, not copied (1,000 runs of 10,000 points are half a gigabyte): the result stays
    // immutable. curvesShown follows once the Compare view's worker has prepared the curves.
    announceCurves_ = true;
    const std::shared_ptr<const std::vector<RunCurves>> runs(result, &result->runs);
    compare_->setRuns(runs);
    distributions_->setRuns(runs);
    histograms_->setRuns(runs);
    if (!result->errors.isEmpty())
        emit statusMessage(result->errors.front());
}

void RunsPanel::onProgress(RunScanner::Job job, quint64 generation, qint64 done, qint64 total)
{
    const bool scan = job == RunScanner::Job::Scan;
    const QElapsedTimer& clock = scan ? scanClock_ : loadClock_;
    if (generation != (scan ? scanGeneration_ : loadGeneration_) || !clock.isValid()
        || clock.elapsed() < kShowProgressAfterMs || done >= total)
        return;
    progress_->showProgress(scan ? tr("Scanning the runs folder…") : tr("Reading the selected runs…"), done, total);
}

void RunsPanel::cancelJobs()
{
    scanner_->cancel();
}

void RunsPanel::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Runs folder"), folder_);
    if (!dir.isEmpty())
        setFolder(dir);
}

namespace {

// One edit per selected run; failures (a run still being written) are collected.
template <class Edit> QStringList editRuns(const QStringList& paths, Edit edit)
{
    QStringList errors;
    for (const QString& p : paths) {
        try {
            const RunInfo info = readRunInfo(p.toStdString());
            edit(info);
        } catch (const std::exception& e) {
            errors << QString::fromStdString(e.what());
        }
    }
    return errors;
}

} // namespace

void RunsPanel::renameSelected()
{
    const QStringList paths = selectedPaths();
    if (paths.size() != 1) {
        emit statusMessage(tr("Select one run to rename."));
        return;
    }
    const RunInfo& current = model_->run(filter_->mapToSource(table_->selectionModel()->selectedRows().value(0)).row());
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename run"), tr("Name:"), QLineEdit::Normal,
        QString::fromStdString(current.header.name), &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    const QStringList errors = editRuns(paths, [&](const RunInfo& r) {
        editRunInfo(r.path, name.trimmed().toStdString(), r.header.tags, r.header.notes);
    });
    if (!errors.isEmpty())
        QMessageBox::warning(this, tr("Rename run"), errors.join(QLatin1Char('\n')));
    refresh();
}

void RunsPanel::tagSelected()
{
    const QStringList paths = selectedPaths();
    if (paths.isEmpty())
        return;
    QStringList currentTags;
    for (const auto& t : model_->run(filter_->mapToSource(table_->selectionModel()->selectedRows().value(0)).row()).header.tags)
        currentTags << QString::fromStdString(t);
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Tags"),
        tr("Tags of the %n selected run(s), separated by commas:", nullptr, int(paths.size())), QLineEdit::Normal,
        currentTags.join(QStringLiteral(", ")), &ok);
    if (!ok)
        return;
    std::vector<std::string> tags;
    for (const QString& t : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!t.trimmed().isEmpty())
            tags.push_back(t.trimmed().toStdString());
    const QStringList errors = editRuns(paths, [&](const RunInfo& r) { editRunInfo(r.path, r.header.name, tags, r.header.notes); });
    if (!errors.isEmpty())
        QMessageBox::warning(this, tr("Tags"), errors.join(QLatin1Char('\n')));
    refresh();
}

void RunsPanel::noteSelected()
{
    const QStringList paths = selectedPaths();
    if (paths.size() != 1) {
        emit statusMessage(tr("Select one run to write its notes."));
        return;
    }
    const RunInfo& current = model_->run(filter_->mapToSource(table_->selectionModel()->selectedRows().value(0)).row());
    bool ok = false;
    const QString notes = QInputDialog::getMultiLineText(this, tr("Notes"), tr("Notes:"),
        QString::fromStdString(current.header.notes), &ok);
    if (!ok)
        return;
    const QStringList errors = editRuns(paths, [&](const RunInfo& r) {
        editRunInfo(r.path, r.header.name, r.header.tags, notes.toStdString());
    });
    if (!errors.isEmpty())
        QMessageBox::warning(this, tr("Notes"), errors.join(QLatin1Char('\n')));
    refresh();
}

void RunsPanel::deleteSelected()
{
    const QStringList paths = selectedPaths();
    if (paths.isEmpty())
        return;
    const auto answer = QMessageBox::question(this, tr("Delete runs"),
        tr("Delete %n run(s)? Their files are removed from the disk.", nullptr, int(paths.size())),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        deleteRuns(paths);
}

void RunsPanel::deleteRuns(const QStringList& paths)
{
    QStringList errors;
    for (const QString& p : paths) {
        if (isTensorBoardRun(p.toStdString())) {
            errors << tr("%1: a TensorBoard log; Weightscope does not delete it").arg(p);
            continue;
        }
        try {
            if (readRunInfo(p.toStdString()).status == RunStatus::Running) {
                errors << tr("%1: the run is still being written").arg(p);
                continue;
            }
        } catch (const std::exception&) {
            // unreadable: deleting it is fine
        }
        if (!QFile::remove(p))
            errors << tr("%1: cannot delete the file").arg(p);
    }
    if (!errors.isEmpty())
        emit statusMessage(errors.join(QLatin1Char(' ')));
    refresh();
}

void RunsPanel::openFolder()
{
    QDir().mkpath(folder_);
    QDesktopServices::openUrl(QUrl::fromLocalFile(folder_));
}

void RunsPanel::showContextMenu(const QPoint& pos)
{
    const int selected = int(selectedPaths().size());
    QMenu menu(this);
    QAction* open = menu.addAction(tr("Open weights in inspector"), this, &RunsPanel::openSelectedWeights);
    open->setEnabled(selected == 1);
    QAction* compare = menu.addAction(tr("Compare weights with…"), this, &RunsPanel::compareWeightsWithDialog);
    compare->setEnabled(selected == 1 || selected == 2);
    // The run under the cursor, thick and on top in the Curves view, the others faded; again: off.
    const QModelIndex at = table_->indexAt(pos);
    const QString name = at.isValid() ? filter_->index(at.row(), RunsModel::Name).data().toString() : QString();
    const bool on = !name.isEmpty() && compare_->highlighted() == name;
    QAction* highlight = menu.addAction(on ? tr("Stop highlighting this run") : tr("Highlight this run"), this,
        [this, name, on] { highlightRun(on ? QString() : name); });
    highlight->setEnabled(!name.isEmpty());
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    const bool saved = rows.size() == 1 && !model_->run(filter_->mapToSource(rows.front()).row()).savedSessions.empty();
    menu.addAction(tr("Open Playground session"), this, &RunsPanel::openSavedSession)->setEnabled(saved); // #22
    menu.addSeparator();
    menu.addAction(tr("Rename…"), this, &RunsPanel::renameSelected)->setEnabled(selected == 1);
    menu.addAction(tr("Tags…"), this, &RunsPanel::tagSelected)->setEnabled(selected > 0);
    menu.addAction(tr("Notes…"), this, &RunsPanel::noteSelected)->setEnabled(selected == 1);
    menu.addAction(tr("Delete…"), this, &RunsPanel::deleteSelected)->setEnabled(selected > 0);
    menu.addSeparator();
    menu.addAction(tr("Open folder"), this, &RunsPanel::openFolder);
    menu.exec(table_->viewport()->mapToGlobal(pos));
}

void RunsPanel::highlightRun(const QString& name)
{
    compare_->setHighlighted(name);
    if (!name.isEmpty())
        views_->setCurrentWidget(compare_);
}

void RunsPanel::openSelectedWeights()
{
    const QStringList paths = selectedPaths();
    if (paths.size() != 1) {
        emit statusMessage(tr("Select one run to open its weights."));
        return;
    }
    emit openWeightsRequested(paths.front());
}

void RunsPanel::openSavedSession()
{
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    if (rows.size() != 1) {
        emit statusMessage(tr("Select one run to open the Playground session saved from it."));
        return;
    }
    const RunInfo& run = model_->run(filter_->mapToSource(rows.front()).row());
    if (run.savedSessions.empty()) {
        emit statusMessage(tr("No Playground session was saved from the run %1.").arg(QString::fromStdString(run.header.name)));
        return;
    }
    QStringList sessions;
    for (const std::string& s : run.savedSessions)
        sessions << QString::fromStdString(s);
    const QString name = QString::fromStdString(run.header.name);
    // Whether the files are still there is asked on the scanner's thread (the GUI thread does no
    // file I/O); the answer comes back through the inbox, dropped if the panel is gone by then.
    scanner_->post([post = inbox_.poster(), this, sessions, name] {
        const QString found = RunScanner::newestExistingSession(sessions);
        post([this, found, sessions, name] {
            if (found.isEmpty())
                emit statusMessage(tr("The Playground sessions saved from the run %1 are gone: %2")
                                       .arg(name, QDir::toNativeSeparators(sessions.join(QStringLiteral(", ")))));
            else
                emit playgroundSessionRequested(found);
        });
    });
}

void RunsPanel::compareWeights(const QString& a, const QString& b)
{
    emit compareWeightsRequested(a, b);
}

void RunsPanel::compareWeightsWithDialog()
{
    // Every checkpoint of the selected runs (one or two) is a choice for A and for B; by default
    // the final weights of two runs, or a run's first checkpoint against its final weights.
    std::vector<const RunInfo*> runs;
    for (const QModelIndex& index : table_->selectionModel()->selectedRows())
        runs.push_back(&model_->run(filter_->mapToSource(index).row()));
    if (runs.empty() || runs.size() > 2) {
        emit statusMessage(tr("Select one run (to compare two of its checkpoints) or two runs."));
        return;
    }
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Compare weights"));
    auto* a = new QComboBox;
    auto* b = new QComboBox;
    for (size_t r = 0; r < runs.size(); ++r)
        for (const std::string& cp : runs[r]->checkpoints) {
            const QString label = tr("%1 — %2").arg(QString::fromStdString(runs[r]->header.name), QString::fromStdString(cp));
            const QString path = QString::fromStdString(runCheckpointPath(runs[r]->path, cp));
            a->addItem(label, path);
            b->addItem(label, path);
            if (r == 0 && cp == "final")
                a->setCurrentIndex(a->count() - 1);
            if ((runs.size() == 2 && r == 1 && cp == "final") || (runs.size() == 1 && b->count() == 1))
                b->setCurrentIndex(b->count() - 1);
        }
    if (a->count() == 0) {
        emit statusMessage(tr("The selected runs hold no weights yet."));
        return;
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("Open (A):"), a);
    form->addRow(tr("Compare with (B):"), b);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() == QDialog::Accepted)
        compareWeights(a->currentData().toString(), b->currentData().toString());
}

} // namespace ws::ui
