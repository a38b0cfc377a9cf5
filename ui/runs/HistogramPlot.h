// SPDX-License-Identifier: GPL-3.0-or-later
// The Runs dock's Distributions and Histograms views (#19): what TensorBoard shows of a histogram
// tag (a layer's weights logged by Keras's callback with histogram_freq > 0, or PyTorch's
// add_histogram), for the selected runs that hold it: one run chosen, every run side by side
// (small multiples, one panel per run on the same axes, as TensorBoard's cards; at most
// kMaxPanels), or every run overlaid in one plot in its colour.
//   Distributions  nested bands over steps between TensorBoard's percentiles (min–max, 7–93 %,
//                  16–84 %, 31–69 %) around the median (core/run/HistogramViews.h).
//   Histograms     every step's histogram on one grid of 30 bins, offset by step with the newest in
//                  front (TensorBoard's "offset" mode; at most kMaxRidges steps, evenly chosen,
//                  the first and last always), or the histogram of one chosen step.
// Overlaid, each run shows its median and 16–84 % band (Distributions), or its histogram of the
// chosen step, else of its last (Histograms).
// A step is chosen by its number among the steps of the runs shown: runs log at steps of their
// own, so each shows its histogram at that step or the nearest before it (run/StepMatch.h), named
// with the step it shows ("run-b (step 8)"); a run with none at or before it says so.
// The numbers are worked out on a LatestJob thread from the shared, immutable runs; the GUI thread
// only draws them. A run's colour is the one the Curves view gives it (runColourKey).
#pragma once

#include "run/HistogramViews.h"
#include "run/StepMatch.h"
#include "runs/RunScanner.h"
#include "threads/HandOff.h"
#include "threads/LatestJob.h"

#include <QWidget>

#include <limits>
#include <memory>
#include <thread>
#include <vector>

class QComboBox;
class QCPAxisRect;
class QCustomPlot;
class QLabel;

namespace ws::ui {

class HistogramPlot : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Distributions, Histograms };
    enum class Arrangement { OneRun, SideBySide, Overlaid };
    static constexpr int kBins = 30;
    static constexpr int kMaxRidges = 50;
    static constexpr size_t kMaxPanels = 12;
    static constexpr int64_t kAllSteps = std::numeric_limits<int64_t>::min(); // setStep: every step offset

    explicit HistogramPlot(Mode mode, QWidget* parent = nullptr);

    void setRuns(std::shared_ptr<const std::vector<RunCurves>> runs);
    Mode mode() const { return mode_; }
    QStringList tags() const;     // the histogram tags of the loaded runs, in name order
    void setTag(const QString& tag);
    QString tag() const;
    QStringList runNames() const; // the loaded runs that hold the tag
    void setRun(int index);       // of runNames() (the run shown with Arrangement::OneRun)
    void setArrangement(Arrangement arrangement);
    Arrangement arrangement() const;
    QComboBox* arrangementBox() const { return arrangement_; }
    // Histograms: kAllSteps for every step offset (the default), else a step number, one of
    // steps(); each run shown shows its histogram at that step or the nearest before it.
    void setStep(int64_t step);
    int64_t step() const;
    std::vector<int64_t> steps() const; // the steps listed: every step of the runs shown, ascending
    QComboBox* stepBox() const { return step_; }

    QCustomPlot* plot() const { return plot_; }
    QLabel* message() const { return message_; } // says why nothing is drawn, when nothing is
    bool preparing() const { return preparing_; }
    std::thread::id preparedOn() const { return preparedOn_; }

    // What is drawn now (tests): per run shown (in runNames() order), the distribution of the
    // tag, or the grid and the steps (indices into it) shown offset; the first run's alone below.
    struct RunAnswer {
        QString run;
        DistributionSeries distribution;
        RebinnedHistograms grid;
        std::vector<size_t> shown; // steps of grid drawn, oldest first
        int64_t chosen = kAllSteps; // the step chosen, else kAllSteps
        bool missing = false;       // a step is chosen and the run has no histogram at or before it
    };
    const std::vector<RunAnswer>& shownRuns() const { return answer_->runs; }
    // Per run shown, what names it on screen: its panel's title side by side, its legend entry
    // overlaid ("run-b (step 8)"); empty for one run alone.
    const QStringList& runLabels() const { return labels_; }
    const DistributionSeries& distribution() const { return first().distribution; }
    const RebinnedHistograms& grid() const { return first().grid; }
    const std::vector<size_t>& shownSteps() const { return first().shown; }
    // The axis rects drawn: one, or one per run side by side (all on the same ranges).
    QList<QCPAxisRect*> panels() const;

signals:
    void drawn(); // the newest request's numbers are on screen

private:
    struct Answer {
        std::vector<RunAnswer> runs;
        std::vector<size_t> indices; // into runs_, per entry of runs
        Arrangement arrangement = Arrangement::OneRun;
        std::thread::id preparedOn;
    };
    const RunAnswer& first() const;
    void updateTags();
    void updateRuns();
    void updateSteps();
    void request();
    void install(const std::shared_ptr<const Answer>& answer);
    void drawDistributions(const RunAnswer& a, const QColor& colour, QCPAxisRect* rect, bool overlaid);
    void drawHistograms(const RunAnswer& a, const QColor& colour, QCPAxisRect* rect, bool overlaid);
    QCPAxisRect* panel(size_t index, size_t count, const QString& title); // the default rect first
    QString runLabel(const RunAnswer& a) const;
    const RunCurves* chosenRun() const;
    std::vector<size_t> shownHolders() const; // indices into runs_ of the runs to draw

    Mode mode_;
    std::shared_ptr<const std::vector<RunCurves>> runs_ = std::make_shared<const std::vector<RunCurves>>();
    std::vector<size_t> holders_; // indices into runs_ of the runs that hold the tag
    QComboBox* tag_ = nullptr;
    QComboBox* run_ = nullptr;
    QComboBox* step_ = nullptr;
    QComboBox* arrangement_ = nullptr;
    QCustomPlot* plot_ = nullptr;
    QLabel* message_ = nullptr;
    QStringList labels_;
    std::shared_ptr<const Answer> answer_ = std::make_shared<const Answer>();
    uint64_t wanted_ = 0;
    bool preparing_ = false;
    std::thread::id preparedOn_;
    LatestJob job_;          // before inbox_: joined once the HandOff drops what it posts
    HandOff inbox_ { this }; // last, so destroyed first
};

} // namespace ws::ui
