// SPDX-License-Identifier: GPL-3.0-or-later
#include "runs/RunsModel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QDir>
#include <QSet>

#include <cmath>

namespace ws::ui {

namespace {

QString text(const std::string& s)
{
    return QString::fromStdString(s);
}

double finalValue(const RunInfo& r, const char* key)
{
    return r.final.is_object() && r.final.contains(key) && r.final[key].is_number() ? r.final[key].get<double>() : NAN;
}

QString number(double v, int precision)
{
    return std::isfinite(v) ? QString::number(v, 'f', precision) : QStringLiteral("–");
}

QString duration(double seconds)
{
    if (seconds < 60)
        return RunsModel::tr("%1 s").arg(seconds, 0, 'f', 1);
    const int s = int(seconds);
    return s < 3600 ? QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'))
                    : QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString statusText(RunStatus s)
{
    switch (s) {
    case RunStatus::Running: return RunsModel::tr("running");
    case RunStatus::Completed: return RunsModel::tr("completed");
    case RunStatus::Diverged: return RunsModel::tr("diverged");
    case RunStatus::Stopped: return RunsModel::tr("stopped");
    case RunStatus::Interrupted: return RunsModel::tr("interrupted");
    }
    return {};
}

QString datasetName(const RunInfo& r)
{
    QString d = text(r.header.dataset.value("description", ""));
    return d.section(QLatin1Char(':'), 0, 0);
}

QString tagsText(const RunInfo& r)
{
    QStringList t;
    for (const auto& tag : r.header.tags)
        t << text(tag);
    return t.join(QStringLiteral(", "));
}

QString hyperSummary(const RunInfo& r)
{
    // A TensorBoard run's hparams session has its own names: "dropout=0.2, optimizer=adam, units=200".
    if (const auto hp = r.header.config.find("hparams"); hp != r.header.config.end() && hp->is_object()) {
        QStringList parts;
        for (const auto& [key, value] : hp->items())
            parts << QStringLiteral("%1=%2").arg(QString::fromStdString(key), hyperParameter(r, QString::fromStdString(key)));
        return parts.join(QStringLiteral(", "));
    }
    return RunsModel::tr("%1 lr %2, batch %3, seed %4")
        .arg(hyperParameter(r, QStringLiteral("optimizer")), hyperParameter(r, QStringLiteral("lr")),
            hyperParameter(r, QStringLiteral("batch")), hyperParameter(r, QStringLiteral("seed")));
}

} // namespace

QStringList hyperParameterKeys()
{
    return { QStringLiteral("optimizer"), QStringLiteral("lr"), QStringLiteral("batch"), QStringLiteral("epochs"),
        QStringLiteral("seed"), QStringLiteral("schedule"), QStringLiteral("model"), QStringLiteral("threads") };
}

QString hyperParameter(const RunInfo& run, const QString& key)
{
    const nlohmann::json& c = run.header.config;
    if (!c.is_object())
        return {};
    const nlohmann::json train = c.value("train", nlohmann::json::object());
    const nlohmann::json opt = train.value("optimizer", nlohmann::json::object());
    const auto dump = [](const nlohmann::json& v) {
        if (v.is_string())
            return QString::fromStdString(v.get<std::string>());
        if (v.is_number_float())
            return QString::number(v.get<double>(), 'g', 6);
        return v.is_null() ? QString() : QString::fromStdString(v.dump());
    };
    // A TensorBoard run's hparams session (run/TensorBoardRuns.h), by the same key ("optimizer",
    // "lr", ...) or by its own ("units", "dropout"): grouping and the table see it alike.
    if (const auto hp = c.find("hparams"); hp != c.end() && hp->is_object() && hp->contains(key.toStdString()))
        return dump((*hp)[key.toStdString()]);
    if (key == QLatin1String("optimizer"))
        return dump(opt.value("type", nlohmann::json()));
    if (key == QLatin1String("lr"))
        return dump(opt.value("learning_rate", nlohmann::json()));
    if (key == QLatin1String("batch"))
        return dump(train.value("batch_size", nlohmann::json()));
    if (key == QLatin1String("epochs"))
        return dump(train.value("epochs", nlohmann::json()));
    if (key == QLatin1String("seed"))
        return dump(train.value("seed", nlohmann::json()));
    if (key == QLatin1String("threads"))
        return dump(train.value("threads", nlohmann::json()));
    if (key == QLatin1String("schedule"))
        return dump(train.value("schedule", nlohmann::json::object()).value("type", nlohmann::json()));
    if (key == QLatin1String("model"))
        return dump(c.value("model", nlohmann::json()));
    return {};
}

RunsModel::RunsModel(QObject* parent) : QAbstractTableModel(parent) {}

RunsModel::Row RunsModel::makeRow(const RunInfo& r)
{
    Row row;
    row.display[Name] = text(r.header.name);
    row.display[Date] = QDateTime::fromSecsSinceEpoch(qint64(r.startTime)).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    row.display[Dataset] = datasetName(r);
    row.display[Model] = text(r.header.modelSummary);
    row.display[Parameters] = QLocale().toString(qlonglong(r.header.parameters));
    row.display[HyperParameters] = hyperSummary(r);
    const double loss = finalValue(r, "loss"), accuracy = finalValue(r, "accuracy");
    row.display[TestLoss] = number(loss, 4);
    row.display[TestAccuracy] = number(accuracy, 4);
    row.display[Duration] = duration(r.duration);
    row.display[Status] = statusText(r.status);
    row.display[Tags] = tagsText(r);
    for (int c = 0; c < ColumnCount; ++c)
        row.sortKey[c] = row.display[c].toLower();
    row.sortKey[Date] = r.startTime;
    row.sortKey[Parameters] = qlonglong(r.header.parameters);
    row.sortKey[TestLoss] = std::isfinite(loss) ? loss : 1e300;
    row.sortKey[TestAccuracy] = std::isfinite(accuracy) ? accuracy : -1.0;
    row.sortKey[Duration] = r.duration;
    row.haystack = QStringList { row.display[Name], row.display[Dataset], row.display[Model], row.display[Tags],
        text(r.header.notes), row.display[Status], row.display[HyperParameters] }
                       .join(QLatin1Char('\n'));
    for (const auto& t : r.header.tags)
        row.tags << text(t);
    return row;
}

void RunsModel::setRuns(std::vector<RunInfo> runs, QSet<QString> goneSessions)
{
    beginResetModel();
    runs_ = std::move(runs);
    goneSessions_ = std::move(goneSessions);
    rows_.clear();
    rows_.reserve(runs_.size());
    for (const RunInfo& r : runs_)
        rows_.push_back(makeRow(r));
    endResetModel();
}

QStringList RunsModel::allTags() const
{
    QSet<QString> set;
    for (const RunInfo& r : runs_)
        for (const auto& t : r.header.tags)
            set.insert(text(t));
    QStringList out(set.begin(), set.end());
    out.sort(Qt::CaseInsensitive);
    return out;
}

int RunsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(runs_.size());
}

int RunsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(runs_.size()))
        return {};
    const RunInfo& r = runs_[size_t(index.row())];
    const Row& row = rows_[size_t(index.row())];
    if (role == Qt::DisplayRole)
        return row.display[index.column()];
    if (role == Qt::UserRole) // the sort key: numbers sort as numbers
        return row.sortKey[index.column()];
    if (role == Qt::ToolTipRole) {
        QString tip = QStringLiteral("%1\n%2").arg(text(r.path), text(r.header.dataset.value("description", "")));
        if (!r.header.notes.empty())
            tip += QLatin1Char('\n') + text(r.header.notes);
        if (!r.message.empty())
            tip += QLatin1Char('\n') + text(r.message);
        for (const std::string& s : r.savedSessions) { // #22, oldest first
            const QString path = QDir::toNativeSeparators(text(s));
            tip += QLatin1Char('\n')
                + (goneSessions_.contains(text(s)) ? tr("Saved as a Playground session: %1 (the file is gone)").arg(path)
                                                   : tr("Saved as a Playground session: %1").arg(path));
        }
        return tip;
    }
    if (role == Qt::ForegroundRole && index.column() == Status) {
        if (r.status == RunStatus::Diverged || r.status == RunStatus::Interrupted)
            return QBrush(QColor(0xb0, 0x30, 0x20));
        if (r.status == RunStatus::Running)
            return QBrush(QColor(0x10, 0x70, 0xb0));
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Parameters || index.column() == TestLoss
            || index.column() == TestAccuracy || index.column() == Duration))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Date: return tr("Date");
    case Dataset: return tr("Dataset");
    case Model: return tr("Model");
    case Parameters: return tr("Parameters");
    case HyperParameters: return tr("Hyper-parameters");
    case TestLoss: return tr("Test loss");
    case TestAccuracy: return tr("Test accuracy");
    case Duration: return tr("Duration");
    case Status: return tr("Status");
    case Tags: return tr("Tags");
    }
    return {};
}

RunsFilter::RunsFilter(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(Qt::UserRole);
    pattern_.setPatternOptions(QRegularExpression::CaseInsensitiveOption);
}

void RunsFilter::setPattern(const QString& pattern)
{
    pattern_.setPattern(pattern);
    invalidateFilter();
}

void RunsFilter::setTag(const QString& tag)
{
    tag_ = tag;
    invalidateFilter();
}

bool RunsFilter::filterAcceptsRow(int sourceRow, const QModelIndex&) const
{
    const auto* model = qobject_cast<const RunsModel*>(sourceModel());
    if (!model || sourceRow >= model->rowCount())
        return false;
    const RunsModel::Row& row = model->rows_[size_t(sourceRow)];
    if (!tag_.isEmpty() && !row.tags.contains(tag_))
        return false;
    if (pattern_.pattern().isEmpty())
        return true;
    if (!pattern_.isValid())
        return false;
    return pattern_.match(row.haystack).hasMatch();
}

} // namespace ws::ui
