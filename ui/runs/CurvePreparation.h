// SPDX-License-Identifier: GPL-3.0-or-later
// Everything the Compare view draws, worked out off the GUI thread (#19): each selected run's
// x and y columns for the chosen metric and axis, its smoothed curve (core/run/Smoothing.h),
// the groups' mean ± std (core groupStatistics), the colours and legend entries, and each line's
// first reduction for the whole span (core/run/CurveDownsample.h). With 1,000 runs of 10,000
// points this took the GUI thread 0.4 s on a quiet machine and 6.6 s under load; now ComparePlot
// hands a CurveRequest to its LatestJob thread and only installs the PreparedCurves it gets
// back into QCPGraphs. A pure function of its request: it reads the runs through a shared
// pointer to immutable data and nothing of the widget.
#pragma once

#include "runs/RunLegend.h"
#include "runs/RunScanner.h"

#include "run/CurveDownsample.h"
#include "run/Smoothing.h"

#include <QColor>
#include <QString>

#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace ws::ui {

enum class CurveXAxis { Step, Epoch, RelativeTime, WallTime };

struct CurveRequest {
    std::shared_ptr<const std::vector<RunCurves>> runs;
    int metric = 0;        // an index of ComparePlot::metricNames(), when tag is empty
    std::string tag;       // a scalar tag of the runs; empty: the metric above
    CurveXAxis axis = CurveXAxis::Step;
    bool logY = false;     // values <= 0 become NaN (the log axis cannot show them)
    double weight = 0.6;   // the smoothing slider, 0 to 0.999
    SmoothingKind kind = SmoothingKind::Ema;
    QString groupKey;      // "" for no grouping, "tag", or a hyper-parameter key
    int width = 100;       // the plot's width in pixels: the first reduction's, over the whole x-range
};

struct PreparedLine {
    enum class Role { Raw, Smoothed, Mean, BandLow, BandHigh };
    Role role = Role::Raw;
    int entry = 0;        // the legend entry (a run, or a group when grouped)
    QString name;         // smoothed and mean lines; empty for others
    std::shared_ptr<const CurvePoints> full; // every point: raw, smoothed and mean lines
    CurvePoints shown;    // what to draw first: lines reduced over the whole range, bands whole
};

struct PreparedCurves {
    std::vector<PreparedLine> lines;            // in drawing order, a band's low before its high
    std::vector<RunLegend::Entry> entries;
    double xLo = 0, xHi = 1;                    // the finite x-range of every curve
    int width = 0;                              // the plot width the lines were reduced for
    std::thread::id preparedOn;                 // the thread that did the work (tests)
};

// wanted() is asked between runs; once it says false the result is incomplete and must be
// dropped (returns null then).
std::shared_ptr<const PreparedCurves> prepareCurves(const CurveRequest& request, const std::function<bool()>& wanted);

// The lines' first reduction: how many columns each curve gets for a plot this many pixels wide
// showing this many runs (a frame costs about the segments drawn: up to 20 runs get a column per
// pixel, more share that budget, the extremes of each column still kept).
int reductionColumns(int width, size_t runs);

inline constexpr size_t kRawCurveRuns = 20; // beyond this, only the smoothed curves are drawn

} // namespace ws::ui
