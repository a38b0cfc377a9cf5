// SPDX-License-Identifier: GPL-3.0-or-later
// The Runs dock: the table of recorded runs in the runs folder (sortable; filtered by a regular
// expression and a tag; rename, tag, note, delete, open the folder, open or compare a run's
// weights in the inspector) above views of the selected runs: their curves, their hyper-parameter
// table, a parallel-coordinates plot, the importance of each setting, a config diff, and a
// TensorBoard run's histograms as distributions and offset histograms. Folder scans and history
// loads run on a RunScanner thread; the scan reads headers only, histories are read for the
// selected runs.
#pragma once

#include "threads/HandOff.h"
#include "threads/ThreadPtr.h"
#include "runs/RunScanner.h"

#include <QElapsedTimer>
#include <QSet>
#include <QWidget>

class QComboBox;
class QFileSystemWatcher;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTableView;
class QTimer;

namespace ws::ui {

class ComparePlot;
class ConfigDiff;
class HistogramPlot;
class HistoryOutcomes;
class ImportanceView;
class HyperParameterTable;
class ParallelCoordinates;
class ProgressStrip;
class RunsFilter;
class RunsModel;

class RunsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunsPanel(QWidget* parent = nullptr);
    ~RunsPanel() override;

    QString folder() const { return folder_; }
    void setFolder(const QString& folder, bool remember = true); // remembered in the settings; rescans
    void refresh();

    RunsModel* model() const { return model_; }
    RunsFilter* filter() const { return filter_; }
    QTableView* table() const { return table_; }
    ComparePlot* compare() const { return compare_; }
    HyperParameterTable* hyperParameters() const { return hyper_; }
    ParallelCoordinates* parallelCoordinates() const { return parallel_; }
    ImportanceView* importance() const { return importance_; }
    ConfigDiff* configDiff() const { return diff_; }
    HistogramPlot* distributions() const { return distributions_; }
    HistogramPlot* histograms() const { return histograms_; }
    QTabWidget* views() const { return views_; }
    QLineEdit* filterEdit() const { return filterEdit_; }
    QComboBox* tagBox() const { return tagBox_; }
    ProgressStrip* progress() const { return progress_; }
    // The selected runs' final and best values, read on a worker for the importance and parallel
    // coordinates when one of them is shown (#19).
    HistoryOutcomes* historyOutcomes() const { return outcomes_; }
    // Stops the scan and the load in flight (the strip's Cancel): they answer with what they read.
    void cancelJobs();

    void selectAll();
    // The view below the table ("curves", "table", "parallel", "importance", "diff", "distributions" or
    // "histograms"; else the curves) and the key the
    // compared runs are grouped by (tag, lr, seed, ...; empty: none).
    void showView(const QString& view, const QString& groupBy);
    QStringList selectedPaths() const;
    // Deletes the files of these runs without asking (the Delete button asks first).
    void deleteRuns(const QStringList& paths);
    // The run of this name thick and on top in the Curves view, the others faded (the table's
    // "Highlight this run"); empty: none.
    void highlightRun(const QString& name);
    // The weights of the selected run (its final weights, checkpoints beside them) to the inspector.
    void openSelectedWeights();
    // Weight paths ("run.h5" or "run.h5#epoch_0005", run/RunWeightFile.h) to compare: A is
    // opened in the inspector, B becomes its compare file.
    void compareWeights(const QString& a, const QString& b);
    // #22: the newest Playground session saved from the selected run whose file still exists,
    // found on the scanner's thread, goes out by playgroundSessionRequested (the main window
    // opens it as File ▸ Open does); when every such file is gone, a status message says so.
    void openSavedSession();

signals:
    void openWeightsRequested(const QString& path);
    void compareWeightsRequested(const QString& a, const QString& b);
    void playgroundSessionRequested(const QString& path);
    void scanFinished(int runs);
    void curvesShown(int runs); // the selected runs' curves are drawn (prepared on a worker first)
    void statusMessage(const QString& message);

private:
    void onScanned(const std::shared_ptr<const ScannedRuns>& result);
    void onLoaded(const std::shared_ptr<const LoadedCurves>& result);
    void onProgress(RunScanner::Job job, quint64 generation, qint64 done, qint64 total);
    void onSelectionChanged();
    void chooseFolder();
    void renameSelected();
    void tagSelected();
    void noteSelected();
    void deleteSelected();
    void openFolder();
    void compareWeightsWithDialog();
    void showContextMenu(const QPoint& pos);
    void updateTagBox();
    void fillShownView(); // the view on show gets the selected runs' headers, if it has not yet
    void giveOutcomes(QWidget* view); // the selection's history outcomes, once read, to this view
    void onOutcomes();

    QString folder_;
    RunsModel* model_ = nullptr;
    RunsFilter* filter_ = nullptr;
    QTableView* table_ = nullptr;
    ComparePlot* compare_ = nullptr;
    HyperParameterTable* hyper_ = nullptr;
    ParallelCoordinates* parallel_ = nullptr;
    ImportanceView* importance_ = nullptr;
    ConfigDiff* diff_ = nullptr;
    HistogramPlot* distributions_ = nullptr; // TensorBoard histograms as bands over steps
    HistogramPlot* histograms_ = nullptr;    // ... and as offset histograms
    QTabWidget* views_ = nullptr; // the views above, in that order
    QLabel* folderLabel_ = nullptr;
    QLabel* problems_ = nullptr;
    QLineEdit* filterEdit_ = nullptr;
    QComboBox* tagBox_ = nullptr;
    QTimer* liveTimer_ = nullptr; // rescans while a run is being written
    QFileSystemWatcher* watcher_ = nullptr;
    QTimer* changedTimer_ = nullptr; // a short delay after the folder changed, then a rescan
    ProgressStrip* progress_ = nullptr;
    QElapsedTimer scanClock_, loadClock_; // since the scan or load was asked for

    RunScanner* scanner_ = nullptr; // lives on scannerThread_
    ThreadPtr scannerThread_;
    quint64 scanGeneration_ = 0;
    quint64 loadGeneration_ = 0;
    QStringList selectAfterScan_;
    std::vector<RunInfo> selectedInfos_; // the headers of the selected runs
    QSet<QWidget*> staleViews_;          // views not yet given selectedInfos_
    HistoryOutcomes* outcomes_ = nullptr;
    bool outcomesAsked_ = false;         // for selectedInfos_
    bool announceCurves_ = false; // curvesShown once the loaded runs' curves are drawn
    HandOff inbox_ { this }; // the scanner's answers arrive through it; last, so destroyed first
};

} // namespace ws::ui
