// SPDX-License-Identifier: GPL-3.0-or-later
#include "runs/HistoryOutcomes.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>

#include <set>

namespace ws::ui {

namespace {
constexpr int kHistoryRole = Qt::UserRole + 1; // on a metric item: a history tag, not a header key
}

HistoryOutcomes::HistoryOutcomes(QObject* parent) : QObject(parent) { }

void HistoryOutcomes::request(const std::vector<std::string>& paths)
{
    // The job gets what the cache knows of its runs; it checks the stamps itself (a stat per
    // run is I/O too) and reads only the runs whose files changed.
    auto known = std::make_shared<std::map<std::string, Cached>>();
    for (const std::string& p : paths)
        if (auto it = cache_.find(p); it != cache_.end())
            known->emplace(p, it->second);
    pending_ = true;
    auto post = inbox_.poster();
    generation_ = job_.submit([this, paths, known, post](uint64_t job) {
        auto answer = std::make_shared<OutcomeAnswer>();
        answer->generation = job;
        answer->computedOn = std::this_thread::get_id();
        for (const std::string& path : paths) {
            if (!job_.wanted(job))
                return; // a newer request replaces this one
            const RunFileStamp stamp = runFileStamp(path);
            std::shared_ptr<const RunOutcomes> outcomes;
            if (auto it = known->find(path); it != known->end() && it->second.stamp == stamp && stamp.files > 0) {
                outcomes = it->second.outcomes;
            } else {
                try {
                    outcomes = std::make_shared<const RunOutcomes>(runOutcomes(readRunScalars(path)));
                    ++answer->read;
                } catch (const std::exception& e) {
                    answer->errors << QString::fromStdString(e.what());
                }
            }
            answer->paths.push_back(path);
            answer->outcomes.push_back(std::move(outcomes));
            answer->stamps.push_back(stamp);
        }
        post([this, answer] { onAnswer(answer); });
    });
}

void HistoryOutcomes::onAnswer(const std::shared_ptr<const OutcomeAnswer>& answer)
{
    if (answer->generation != generation_)
        return; // a newer request is on its way
    for (size_t i = 0; i < answer->paths.size(); ++i)
        if (answer->outcomes[i])
            cache_[answer->paths[i]] = { answer->stamps[i], answer->outcomes[i] };
    pending_ = false;
    latest_ = answer;
    emit ready();
}

OutcomeChooser::OutcomeChooser(const QString& metricToolTip, QWidget* parent) : QWidget(parent)
{
    metric_ = new QComboBox;
    metric_->setToolTip(metricToolTip);
    metric_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    statistic_ = new QComboBox;
    statistic_->setToolTip(tr("Of the chosen tag's whole history: its last value, or the best it reached "
                              "when lower is better (a loss) or higher is better (an accuracy)"));
    statistic_->addItem(tr("final"), int(OutcomeStatistic::Final));
    statistic_->addItem(tr("best (minimised)"), int(OutcomeStatistic::Minimum));
    statistic_->addItem(tr("best (maximised)"), int(OutcomeStatistic::Maximum));
    reading_ = new QLabel(tr("Reading the runs' histories…"));
    reading_->hide();
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Outcome:")));
    layout->addWidget(metric_, 1);
    layout->addWidget(statistic_);
    layout->addWidget(reading_);
    connect(metric_, &QComboBox::currentIndexChanged, this, [this] {
        wantedMetric_ = metric_->currentData().toString();
        wantedHistory_ = historyChosen();
        statistic_->setEnabled(historyChosen());
        emit changed();
    });
    connect(statistic_, &QComboBox::currentIndexChanged, this, &OutcomeChooser::changed);
    statistic_->setEnabled(false);
}

void OutcomeChooser::setChoices(const ParameterTable& table, const RunOutcomesList& outcomes)
{
    // The last choice, not the current item: a tag chosen before the histories of a new
    // selection are read is chosen again once they are.
    const QString current = wantedMetric_;
    const bool currentHistory = wantedHistory_;
    const QSignalBlocker block(metric_);
    metric_->clear();
    for (size_t k = 0; k < table.keys.size(); ++k) {
        bool numeric = false;
        for (const auto& row : table.values)
            numeric = numeric || row[k].is_number();
        if (table.outcome[k] && numeric)
            metric_->addItem(QString::fromStdString(table.keys[k]), QString::fromStdString(table.keys[k]));
    }
    std::set<std::string> tags;
    for (const auto& o : outcomes)
        if (o)
            for (const auto& [tag, _] : *o)
                tags.insert(tag);
    for (const std::string& tag : tags) {
        metric_->addItem(QString::fromStdString(tag), QString::fromStdString(tag));
        metric_->setItemData(metric_->count() - 1, true, kHistoryRole);
        metric_->setItemData(metric_->count() - 1, tr("%1 over the run's whole history").arg(QString::fromStdString(tag)),
            Qt::ToolTipRole);
    }
    int keep = -1;
    for (int i = 0; i < metric_->count() && keep < 0; ++i)
        if (metric_->itemData(i).toString() == current && metric_->itemData(i, kHistoryRole).toBool() == currentHistory)
            keep = i;
    if (keep < 0 && currentHistory)
        keep = metric_->findData(current); // a header key named like the tag: better than nothing
    const int accuracy = metric_->findData(QStringLiteral("final.accuracy"));
    const int loss = metric_->findData(QStringLiteral("final.loss"));
    metric_->setCurrentIndex(keep >= 0 ? keep : accuracy >= 0 ? accuracy : std::max(loss, 0));
    statistic_->setEnabled(historyChosen());
}

void OutcomeChooser::setReading(bool reading) { reading_->setVisible(reading); }

bool OutcomeChooser::historyChosen() const { return metric_->currentData(kHistoryRole).toBool(); }

OutcomeStatistic OutcomeChooser::statistic() const { return OutcomeStatistic(statistic_->currentData().toInt()); }

std::string OutcomeChooser::key() const
{
    const std::string metric = metric_->currentData().toString().toStdString();
    return historyChosen() ? outcomeKey(metric, statistic()) : metric;
}

ParameterTable OutcomeChooser::outcomeTable(const ParameterTable& table, const RunOutcomesList& outcomes) const
{
    if (!historyChosen())
        return table;
    const std::string tag = metric_->currentData().toString().toStdString();
    std::vector<double> values(table.values.size(), SeriesOutcome::kNaN);
    for (size_t r = 0; r < values.size() && r < outcomes.size(); ++r)
        if (outcomes[r])
            if (auto it = outcomes[r]->find(tag); it != outcomes[r]->end())
                values[r] = it->second.value(statistic());
    return withOutcomeColumn(table, key(), values);
}

void OutcomeChooser::setMetric(const QString& keyOrTag)
{
    const int i = metric_->findData(keyOrTag);
    if (i >= 0)
        metric_->setCurrentIndex(i);
    wantedMetric_ = keyOrTag; // chosen once the histories are read, if it is a tag of them
    wantedHistory_ = i < 0 || historyChosen();
}

void OutcomeChooser::setStatistic(OutcomeStatistic statistic)
{
    statistic_->setCurrentIndex(std::max(0, statistic_->findData(int(statistic))));
}

} // namespace ws::ui
