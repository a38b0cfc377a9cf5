// SPDX-License-Identifier: GPL-3.0-or-later
// The Playground's own points (#22): drawn with the mouse or read from a CSV file of two feature
// columns and a label, kept between sessions (a small JSON file) and in the run record, so that
// a run on them re-runs from its record. Points are a Dataset: x (N, 2) in the plot's
// coordinates, labels 0..classes-1, class names (the CSV's label text).
//
// Bad input is refused whole with a message naming the file and what to change; the caller's
// points stay as they were.
#pragma once

#include "data/Dataset.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace ws {

// Enough for any picture a person draws or a 2-D set worth looking at; the network and its maps
// are evaluated on every point at 30 Hz, so the limit keeps the Playground responsive.
inline constexpr int64_t kMaxPlaygroundPoints = 10'000;
// A training and a test point of each class at least.
inline constexpr int64_t kMinPlaygroundPoints = 4;
// CSV files larger than this are refused before reading (10,000 rows of numbers take ~400 KB).
inline constexpr int64_t kMaxPlaygroundCsvBytes = 4 << 20;
// A CSV's points are scaled (one factor for both axes, so shapes keep their proportions) and
// centred into [-kPlaygroundCsvExtent, kPlaygroundCsvExtent]^2, inside the plot's [-6, 6]^2.
inline constexpr double kPlaygroundCsvExtent = 5.0;

// Empty points with the classes named "0".."classes-1" (the drawing palette).
Dataset emptyPlaygroundPoints(int classes);

// Throws ConfigError "<what>: ..." when the points cannot be trained on: not (N, 2), fewer than
// kMinPlaygroundPoints or more than kMaxPlaygroundPoints, a coordinate that is not finite, a
// label outside the classes, fewer than two classes among the points, or more than
// kMaxPlaygroundClasses classes.
void checkPlaygroundPoints(const Dataset& points, const std::string& what);

// Only the classes that occur, renumbered in order (labels 0 and 5 become 0 and 1, named "0"
// and "5"): a drawing that used colours 1 and 4 trains a two-class network.
Dataset compactPlaygroundClasses(const Dataset& points);

// A CSV file (data/Csv.h: header optional, the label in the last column, numeric or text) of
// exactly two feature columns, compacted, checked and scaled into the plot. Throws FormatError
// or ConfigError naming the file.
Dataset readPlaygroundCsv(const std::string& path);

// {"x": [...], "y": [...], "labels": [...], "class_names": [...]}; floats round-trip exactly.
nlohmann::json playgroundPointsToJson(const Dataset& points);
// Reads the above back; ConfigError "<what>: ..." when a key is missing, mistyped, the lists
// differ in length, or a label is outside the classes. Not checked for training
// (checkPlaygroundPoints): a drawing in progress may hold one class.
Dataset playgroundPointsFromJson(const nlohmann::json& j, const std::string& what);

// The points kept between sessions: {"format": "weightscope-playground-points", "version": 1,
// "points": playgroundPointsToJson}. save writes atomically (util/AtomicWrite.h); load refuses
// a file over kMaxPlaygroundCsvBytes, damaged JSON, another format or a newer version, naming
// the file.
void savePlaygroundPoints(const Dataset& points, const std::string& path);
Dataset loadPlaygroundPoints(const std::string& path);

} // namespace ws
