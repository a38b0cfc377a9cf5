// SPDX-License-Identifier: GPL-3.0-or-later
// One colour per run that stays distinct for 60 runs shown together and stays the run's own
// across sessions (#19). Ten fixed colours repeated from the eleventh run; a colour by position
// changed whenever the selection did. The palette is generated in CIE LCh, where equal steps of
// hue look about equally different (in HSL the greens crowd together): 20 hues at each of three
// lightnesses (L* 40, 55, 70, chroma 60 or as much as sRGB holds), the lighter rings turned by a
// third and two thirds of a step so that no two rings share a hue. Any two of the 60 differ by at
// least 8 CIE76 ΔE (test_runs_dock). A run's preferred colour is a hash (FNV-1a, the same on
// every machine and every start) of its key; when two shown runs want the same colour, the one
// later in key order takes the next free one, so up to 60 shown runs never share a colour and a
// run keeps its colour whenever its own is free.
#pragma once

#include "run/RunRecord.h"

#include <QColor>

#include <cstdint>
#include <string>
#include <vector>

namespace ws::ui {

const std::vector<QColor>& runPalette(); // 60 colours
uint64_t stableHash(const std::string& text); // FNV-1a, 64 bits
// Colours for these keys (a run's name and file, a group's name): distinct while there are at
// most runPalette().size() keys, each its hashed colour unless another key took it first.
std::vector<QColor> runColours(const std::vector<std::string>& keys);
// A run's colour key: its name and its file (or folder), not the folder the runs are in, so a
// moved runs folder keeps its colours. Every view of the Runs dock colours a run by it.
std::string runColourKey(const RunInfo& run);
double cie76(const QColor& a, const QColor& b); // ΔE between two sRGB colours

} // namespace ws::ui
