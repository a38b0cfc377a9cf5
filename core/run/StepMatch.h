// SPDX-License-Identifier: GPL-3.0-or-later
// Which point of a run a view shows when one step is chosen for several runs (#19): the Runs
// dock's Histograms view with a step chosen, and the Curves view's hover read-out. Runs log at
// steps of their own (one every epoch, another every second epoch, one that starts later), so a
// step is matched by its number, never by its position in a run's list. The rule: the run's
// point at that step, else its nearest point before it (what the run held at that moment); none
// when the run's first point comes after it. A step logged twice (a restarted run whose points
// were both kept) shows the later of the two, the restarted run's, as the TensorBoard reader
// keeps the later point of a step (run/TensorBoardEvents.cpp, mergeOrder).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

namespace ws {

inline constexpr size_t kNoPoint = std::numeric_limits<size_t>::max();

// The index into `steps` (ascending; equal steps allowed) of the point shown at `step`: the last
// point whose step is at or before it; kNoPoint when every point is after it, or there is none.
size_t pointAtOrBefore(std::span<const int64_t> steps, int64_t step);

// The same on any ascending axis of doubles (step, epoch, relative or wall time), skipping the
// points whose value is not finite (a NaN is a gap in a curve, or a value a log axis cannot
// show): the last point with x at or before `at` and a finite y. x and y have the same length.
size_t finitePointAtOrBefore(std::span<const double> x, std::span<const double> y, double at);

// The point with a finite y whose x is nearest to `at`, on either side (a tie: the earlier);
// kNoPoint when no y is finite. Where a hover lands between the points of several runs, the
// nearest of all of them is the step the read-out is for.
size_t nearestFinitePoint(std::span<const double> x, std::span<const double> y, double at);

} // namespace ws
