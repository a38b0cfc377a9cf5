// SPDX-License-Identifier: GPL-3.0-or-later
// The runs table: one row per recorded run (core/run/RunRecord.h), and the proxy that sorts
// it by value (Qt::UserRole) and filters it by a regular expression and a tag.
#pragma once

#include "run/RunRecord.h"

#include <QAbstractTableModel>
#include <QRegularExpression>
#include <QSet>
#include <QSortFilterProxyModel>

#include <vector>

namespace ws::ui {

class RunsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Date, Dataset, Model, Parameters, HyperParameters, TestLoss, TestAccuracy, Duration, Status, Tags, ColumnCount };

    explicit RunsModel(QObject* parent = nullptr);

    // goneSessions: saved Playground sessions of these runs whose file is gone (ScannedRuns).
    void setRuns(std::vector<RunInfo> runs, QSet<QString> goneSessions = {});
    const RunInfo& run(int row) const { return runs_.at(size_t(row)); }
    const std::vector<RunInfo>& runs() const { return runs_; }
    QStringList allTags() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    // What the table shows and sorts by, worked out once a run when the runs are set: sorting,
    // filtering and fitting the columns to 1,000 runs then reads strings instead of parsing each
    // run's config again for every comparison.
    struct Row {
        QString display[ColumnCount];
        QVariant sortKey[ColumnCount];
        QString haystack; // what the filter's expression is matched against
        QStringList tags;
    };
    static Row makeRow(const RunInfo& run);
    std::vector<RunInfo> runs_;
    std::vector<Row> rows_;
    QSet<QString> goneSessions_;
    friend class RunsFilter;
};

// The hyper-parameters shown in the table and offered for grouping, read from a run's config:
// "optimizer", "lr", "batch", "epochs", "seed", "schedule", "model", "threads".
QStringList hyperParameterKeys();
QString hyperParameter(const RunInfo& run, const QString& key);

class RunsFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit RunsFilter(QObject* parent = nullptr);
    // Matched against name, dataset, model, tags and notes; an invalid expression matches nothing.
    void setPattern(const QString& pattern);
    void setTag(const QString& tag); // empty: any

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QRegularExpression pattern_;
    QString tag_;
};

} // namespace ws::ui
