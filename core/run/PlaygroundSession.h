// SPDX-License-Identifier: GPL-3.0-or-later
// A Playground session kept in a file (#22, keep and share): the recipe (data including your own
// points, network, optimizer settings, seeds) and the training state it had reached (weights,
// optimizer moments, step, epoch and batch within it), so that opening it goes on training
// exactly as the saved session would have: bit for bit the same weights after any number of
// further steps (tests/core/test_playground_session.cpp asserts it).
//
// The file is one JSON document (docs/file-formats.md, "Playground sessions"):
//   {"format": "weightscope-playground-session", "version": 1, "saved_by": "Weightscope 0.x",
//    "config": {"playground": {...}, "train": {...}},      // the run record's config (PlaygroundRecipe.h)
//    "pace": {"epochs_per_second": 300},
//    "run_record": "/path/to/runs/<name>.h5",                // the run it was saved from; "" when none
//    "state": {"epoch": E, "batch": B, "steps": S,
//              "values": [{"shape": [2, 8], "data": [...]}, ...],              // stateParams order
//              "moments": [{"first": {...}, "second": {...}}, ...]}}           // model.params order
// Floats are written with 17 significant digits, so every float32 reads back exactly.
//
// Bad input is refused whole, before anything of the current session is touched: a file over
// kMaxPlaygroundSessionBytes, damaged JSON (with its byte offset), another format, a newer
// version, a config the recipe refuses, a state that does not fit the recipe's network (naming
// the value), numbers that are not finite, or an epoch too far along to be replayed (below).
#pragma once

#include "train/PlaygroundRecipe.h"
#include "train/Trainer.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace ws {

inline constexpr const char* kPlaygroundSessionFormat = "weightscope-playground-session";
inline constexpr int kPlaygroundSessionVersion = 1;
// What File ▸ Open recognises a session by (JSON has no magic number of its own).
inline constexpr const char* kPlaygroundSessionExtension = ".wsplay";
// 10,000 own points take about 0.6 MB of JSON and the largest network's state (Adam, 8 layers of
// 16) about 0.2 MB; anything far beyond is not a session this program wrote.
inline constexpr int64_t kMaxPlaygroundSessionBytes = int64_t(16) << 20;
// Going on from epoch E replays the shuffles of the E epochs done (Trainer::restore), one swap
// per training point each: more than this many swaps (about ten seconds) is refused. The
// default 250 training points reach it after 16 million epochs.
inline constexpr int64_t kMaxPlaygroundReplaySwaps = int64_t(4) << 30;

struct PlaygroundSession {
    PlaygroundRecipe recipe;
    TrainerState state;           // of the recipe's network and optimizer
    double epochsPerSecond = 0.0; // the pace; 0: as fast as the machine goes
    std::string runRecord;        // the run record the session was saved from; empty: none
};

nlohmann::json playgroundSessionToJson(const PlaygroundSession& session);
// Reads and checks the above (the state against the recipe's network and optimizer); throws
// FormatError or ConfigError "<what>: <the key or value>: ...".
PlaygroundSession playgroundSessionFromJson(const nlohmann::json& j, const std::string& what);

// Written atomically (util/AtomicWrite.h).
void savePlaygroundSession(const PlaygroundSession& session, const std::string& path);
// Throws FormatError or ConfigError naming the file and the place.
PlaygroundSession loadPlaygroundSession(const std::string& path);
// The same for bytes already in memory (the fuzz target); `what` names them in messages.
PlaygroundSession parsePlaygroundSession(const std::string& bytes, const std::string& what);

// By the extension (case-insensitive).
bool looksLikePlaygroundSession(const std::string& path);

} // namespace ws
