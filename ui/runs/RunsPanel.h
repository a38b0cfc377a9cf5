// SPDX-License-Identifier: GPL-3.0-or-later
// The Runs dock: the table of recorded runs in the runs folder (sortable; filtered by a regular
// expression and a tag; rename, tag, note, delete, open the folder, open or compare a run's
// weights in the inspector) above three views of the selected runs: their curves, their
// hyper-parameter table and a parallel-coordinates plot. Folder scans and history loads run on a
// RunScanner thread; the scan reads headers only, histories are read for the selected runs.
#pragma once

#include "threads/HandOff.h"
#include "threads/ThreadPtr.h"
#include "runs/RunScanner.h"

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
class HyperParameterTable;
class ParallelCoordinates;
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
    QTabWidget* views() const { return views_; }
    QLineEdit* filterEdit() const { return filterEdit_; }
    QComboBox* tagBox() const { return tagBox_; }

    void selectAll();
    // The view below the table ("curves", "table" or "parallel"; else the curves) and the key the
    // compared runs are grouped by (tag, lr, seed, ...; empty: none).
    void showView(const QString& view, const QString& groupBy);
    QStringList selectedPaths() const;
    // Deletes the files of these runs without asking (the Delete button asks first).
    void deleteRuns(const QStringList& paths);
    // The weights of the selected run (its final weights, checkpoints beside them) to the inspector.
    void openSelectedWeights();
    // Weight paths ("run.h5" or "run.h5#epoch_0005", run/RunWeightFile.h) to compare: A is
    // opened in the inspector, B becomes its compare file.
    void compareWeights(const QString& a, const QString& b);

signals:
    void openWeightsRequested(const QString& path);
    void compareWeightsRequested(const QString& a, const QString& b);
    void scanFinished(int runs);
    void curvesShown(int runs);
    void statusMessage(const QString& message);

private:
    void onScanned(const std::shared_ptr<const ScannedRuns>& result);
    void onLoaded(const std::shared_ptr<const LoadedCurves>& result);
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

    QString folder_;
    RunsModel* model_ = nullptr;
    RunsFilter* filter_ = nullptr;
    QTableView* table_ = nullptr;
    ComparePlot* compare_ = nullptr;
    HyperParameterTable* hyper_ = nullptr;
    ParallelCoordinates* parallel_ = nullptr;
    QTabWidget* views_ = nullptr; // curves, hyper-parameter table, parallel coordinates
    QLabel* folderLabel_ = nullptr;
    QLabel* problems_ = nullptr;
    QLineEdit* filterEdit_ = nullptr;
    QComboBox* tagBox_ = nullptr;
    QTimer* liveTimer_ = nullptr; // rescans while a run is being written
    QFileSystemWatcher* watcher_ = nullptr;
    QTimer* changedTimer_ = nullptr; // a short delay after the folder changed, then a rescan

    RunScanner* scanner_ = nullptr; // lives on scannerThread_
    ThreadPtr scannerThread_;
    quint64 scanGeneration_ = 0;
    quint64 loadGeneration_ = 0;
    QStringList selectAfterScan_;
    HandOff inbox_ { this }; // the scanner's answers arrive through it; last, so destroyed first
};

} // namespace ws::ui
