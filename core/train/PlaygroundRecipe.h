// SPDX-License-Identifier: GPL-3.0-or-later
// TensorFlow Playground's training recipe, Qt-free: the network it builds (its initialisation
// too), the input features, the grid its pictures are sampled on, weights typed by hand, and
// the "playground" section of a run record. The Playground panel's worker and
// `weightscope-cli rerun` both start from here, so a Playground run re-runs bit for bit from the
// command line (run/PlaygroundRun.h).
#pragma once

#include "data/Dataset.h"
#include "data/Playground.h"
#include "nn/Activation.h"
#include "nn/Sequential.h"
#include "train/Trainer.h"
#include "util/EnumNames.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ws {

class Dense;

enum class Regularization { None, L1, L2 };

template <> struct EnumNames<Regularization> {
    static constexpr std::string_view what = "regularization";
    static constexpr EnumEntry<Regularization> entries[] = {
        { Regularization::None, "none", "None" },
        { Regularization::L1, "l1", "L1" },
        { Regularization::L2, "l2", "L2" },
    };
};

// The Playground's pictures cover [-kPlaygroundExtent, kPlaygroundExtent]^2 (TensorFlow
// Playground: [-6, 6]^2).
inline constexpr double kPlaygroundExtent = 6.0;
// #22: the Playground's step decay halves the rate unless told otherwise (records from before
// the factor was a setting have no "gamma" of their own to go by); its schedules span at most
// this many epochs.
inline constexpr float kPlaygroundStepGamma = 0.5f;
inline constexpr int kMaxPlaygroundScheduleEpochs = 1000000;

// Which of OptimizerConfig's settings an optimizer uses (#22: the Playground shows only those and
// gives the trainer and the record only those).
inline bool optimizerUsesBetas(OptimizerKind kind) { return kind == OptimizerKind::Adam || kind == OptimizerKind::AdamW; }
inline bool optimizerUsesRho(OptimizerKind kind) { return kind == OptimizerKind::RMSprop; }
inline bool optimizerUsesEpsilon(OptimizerKind kind) { return kind != OptimizerKind::SGD; }

// Everything that decides what a Playground run computes. The pace and where the run is
// recorded are the front end's business, not the recipe's.
struct PlaygroundRecipe {
    PlaygroundKind dataset = PlaygroundKind::Spiral;
    // The user's own points (data/PlaygroundPoints.h) when dataset is Custom; shared, since a
    // recipe is copied to the worker with every restart and the points do not change meanwhile.
    std::shared_ptr<const Dataset> points;
    double noise = 0.0;            // Playground's slider / 100, in [0, 0.5]
    double testShare = 0.5;        // share of the points held out for testing
    unsigned features = FeatureX1 | FeatureX2; // PlaygroundFeature bits: the network's inputs
    std::vector<int> hidden { 8, 8 }; // neurons per hidden layer
    ActivationKind activation = ActivationKind::Tanh;
    OptimizerKind optimizer = OptimizerKind::SGD;
    float learningRate = 0.03f;
    float momentum = 0.0f;         // SGD only (ignored by the other optimizers)
    bool nesterov = false;         // SGD with momentum only
    // #22: the optimizer settings beyond the rate (train/Optimizer.h); each reaches the trainer
    // only with the optimizers that use it, so a race contestant (train/OptimizerRace.h) of
    // another kind ignores them. The defaults are OptimizerConfig's (PyTorch's).
    float beta1 = 0.9f;            // Adam, AdamW
    float beta2 = 0.999f;          // Adam, AdamW
    float epsilon = 1e-8f;         // Adam, AdamW, RMSprop
    float rho = 0.99f;             // RMSprop
    float weightDecay = -1.0f;     // < 0: the optimizer's default (OptimizerConfig::weightDecay)
    int64_t warmupSteps = 0;       // the learning rate rises linearly over this many steps
    // #22: after the warm-up, the rate stays (constant), is multiplied by stepGamma every
    // scheduleEpochs epochs (step), or falls along a cosine to cosineMinLr over scheduleEpochs
    // epochs and stays there (cosine).
    ScheduleKind schedule = ScheduleKind::Constant;
    int scheduleEpochs = 100;
    float stepGamma = kPlaygroundStepGamma; // in (0, 1]
    float cosineMinLr = 0.0f;               // in [0, 10], the highest rate the Playground offers
    Regularization regularization = Regularization::None;
    float regularizationRate = 0.0f;
    int batchSize = 10;
    uint64_t dataSeed = 1;         // the points
    uint64_t modelSeed = 1;        // initial weights, shuffling
};

// A weight or bias typed by the user. column >= 1 names the dense layer (column 0 of the
// drawing is the input features); `from` is the neuron of column - 1 for a weight, or -1 for
// the bias of neuron `to`.
struct PlaygroundWeightEdit {
    int column = 1;
    int from = -1;
    int to = 0;
    float value = 0.0f;

    nlohmann::json toJson() const;
    static PlaygroundWeightEdit fromJson(const nlohmann::json& j); // ConfigError when malformed
};

// The points of a run (2-D, as drawn) and the same points as the network's features.
struct PlaygroundSets {
    Dataset trainPoints, testPoints; // (N, 2)
    Dataset train, test;             // (N, F): the recipe's features of the points above
    int64_t batchesPerEpoch = 1;
};

// The points of `recipe`: Playground's generator or the user's own points (ConfigError when
// they cannot be trained on, data/PlaygroundPoints.h), split by the data seed, features applied.
PlaygroundSets makePlaygroundSets(const PlaygroundRecipe& recipe);

// Classes the recipe's network tells apart: 0 for regression, 2 to kMaxPlaygroundClasses (for
// the user's points, their numClasses: ConfigError when Custom has none).
int playgroundClasses(const PlaygroundRecipe& recipe);
// Outputs of the recipe's network: one (a value, or tanh for two classes as Playground has it),
// or one per class beyond two (softmax).
int playgroundOutputs(const PlaygroundRecipe& recipe);

// Playground's network: the chosen features in, the chosen activation on every hidden layer,
// then the outputs: linear for regression, one tanh for two classes, a softmax over three or
// more (#22); weights U(-0.5, 0.5) and biases 0.1 as in TensorFlow Playground's nn.ts; built and
// initialised with the model seed.
Sequential makePlaygroundModel(const PlaygroundRecipe& recipe);

// How Playground trains: mean squared error (labels 0/1 stand for targets -1/+1 with one tanh
// output), cross-entropy on the softmax beyond two classes, one thread (these nets are too
// small to gain from more), and no end: the run goes on until it is stopped.
TrainConfig playgroundTrainConfig(const PlaygroundRecipe& recipe);

// The centres of the cells of a size x size grid over [-kPlaygroundExtent, kPlaygroundExtent]^2,
// (size^2, 2), row-major with y rows from -extent up.
Tensor playgroundGrid(int size);

// The dense layers of a Playground model, in order (column c of the drawing is dense[c - 1]).
std::vector<Dense*> playgroundDenseLayers(Sequential& model);

// Writes one typed weight or bias into the model. An edit that names no existing weight (the
// network was rebuilt meanwhile) changes nothing and returns false.
bool applyPlaygroundEdit(Sequential& model, const PlaygroundWeightEdit& edit);

// The run record's config of a Playground run: {"playground": {...}, "train": {...}}, as
// recorded since the first Playground runs; the user's own points are kept in it
// (playground.points) so that such a run re-runs too. playgroundRecipeFromRun reads it back and throws
// ConfigError naming the key that is missing or wrong.
nlohmann::json playgroundRunConfig(const PlaygroundRecipe& recipe);
PlaygroundRecipe playgroundRecipeFromRun(const nlohmann::json& config);
bool isPlaygroundRunConfig(const nlohmann::json& config);

// "2-8,8-1 tanh": the network in one line, for the runs table ("2-8,8-4 tanh" for 4 classes).
std::string playgroundModelSummary(const PlaygroundRecipe& recipe, const Sequential& model);

} // namespace ws
