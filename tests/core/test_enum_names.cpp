// SPDX-License-Identifier: GPL-3.0-or-later
// util/EnumNames.h and every enum's table: names round-trip, aliases and old spellings still
// parse, errors list the known names, and the special rules next to the tables still hold (#20).
#include "data/Normalize.h"
#include "data/Playground.h"
#include "nn/Activation.h"
#include "nn/Initializer.h"
#include "nn/Loss.h"
#include "nn/Pooling2D.h"
#include "nn/Window2D.h"
#include "run/RunRecord.h"
#include "tensor/DType.h"
#include "train/Optimizer.h"
#include "train/Schedule.h"
#include "util/EnumNames.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

using namespace ws;

namespace {

// Every value once, names and aliases unique, each name parses back to its value.
template <class E> void expectTableIsConsistent()
{
    const std::string what(EnumNames<E>::what);
    std::set<int> values;
    std::set<std::string> spellings;
    for (const auto& e : EnumNames<E>::entries) {
        EXPECT_TRUE(values.insert(int(e.value)).second) << what << ": value " << int(e.value) << " listed twice";
        EXPECT_FALSE(e.name.empty()) << what << ": value " << int(e.value) << " has no name";
        EXPECT_FALSE(e.label.empty()) << what << " '" << e.name << "' has no label";
        EXPECT_TRUE(spellings.insert(std::string(e.name)).second) << what << ": '" << e.name << "' used twice";
        EXPECT_EQ(parseEnum<E>(e.name), e.value) << what << " '" << e.name << "'";
        EXPECT_EQ(enumName(parseEnum<E>(e.name)), e.name) << what;
        EXPECT_EQ(enumLabel(e.value), e.label) << what << " '" << e.name << "'";
        std::string_view aliases = e.aliases;
        while (!aliases.empty()) {
            const size_t bar = aliases.find('|');
            const std::string alias(aliases.substr(0, bar));
            EXPECT_TRUE(spellings.insert(alias).second) << what << ": alias '" << alias << "' used twice";
            aliases = bar == std::string_view::npos ? std::string_view() : aliases.substr(bar + 1);
        }
    }
    const auto all = enumValues<E>();
    ASSERT_EQ(all.size(), std::size(EnumNames<E>::entries)) << what;
    for (size_t i = 0; i < all.size(); ++i)
        EXPECT_EQ(all[i], EnumNames<E>::entries[i].value) << what << ": enumValues is not in table order";
}

template <class E> std::string parseErrorOf(const std::string& text)
{
    try {
        parseEnum<E>(text);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

TEST(EnumNames, EveryTableRoundTripsNameToValueToName)
{
    expectTableIsConsistent<ActivationKind>();
    expectTableIsConsistent<Padding>();
    expectTableIsConsistent<PoolKind>();
    expectTableIsConsistent<LossKind>();
    expectTableIsConsistent<Init>();
    expectTableIsConsistent<OptimizerKind>();
    expectTableIsConsistent<ScheduleKind>();
    expectTableIsConsistent<PlaygroundKind>();
    expectTableIsConsistent<NormalizeKind>();
    expectTableIsConsistent<DType>();
    expectTableIsConsistent<RunStatus>();
}

TEST(EnumNames, ParseErrorsNameWhatWasAskedAndListTheKnownNames)
{
    EXPECT_EQ(parseErrorOf<OptimizerKind>("adagrad"),
        "unknown optimizer 'adagrad' (known: sgd, adam, adamw, rmsprop)");
    EXPECT_EQ(parseErrorOf<LossKind>("hinge"),
        "unknown loss 'hinge' (known: softmax_cross_entropy, cross_entropy, binary_cross_entropy, mse)");
    EXPECT_EQ(parseErrorOf<PlaygroundKind>("moons"),
        "unknown Playground dataset 'moons' (known: circle, xor, gauss, spiral, plane, multi-gauss, four-blobs, custom)");
    EXPECT_EQ(parseErrorOf<NormalizeKind>("zscore"), "unknown normalisation 'zscore' (known: none, minmax, standardize)");
    EXPECT_EQ(parseErrorOf<ScheduleKind>("wavy"), "unknown schedule 'wavy' (known: constant, step, cosine)");
    EXPECT_EQ(parseErrorOf<Padding>("full"), "unknown padding 'full' (known: valid, same)");
    EXPECT_EQ(parseErrorOf<ActivationKind>("swish"),
        "unknown activation 'swish' (known: linear, relu, leaky_relu, elu, gelu, tanh, sigmoid, softmax, relu6, hard_sigmoid, hard_silu, gelu_tanh)");
}

TEST(EnumNames, ParsingIsCaseSensitiveAsTheOldParsersWere)
{
    EXPECT_THROW(parseLoss("MSE"), ConfigError);
    EXPECT_THROW(parseOptimizer("Adam"), ConfigError);
    EXPECT_FALSE(findEnum<DType>("f32").has_value());
}

TEST(EnumNames, EveryOldAliasStillParses)
{
    EXPECT_EQ(parseLoss("bce"), LossKind::BinaryCrossEntropy);
    EXPECT_EQ(parseLoss("sce"), LossKind::SoftmaxCrossEntropy);
    EXPECT_EQ(parseLoss("sparse_categorical_crossentropy"), LossKind::SoftmaxCrossEntropy);
    EXPECT_EQ(parseLoss("mean_squared_error"), LossKind::MeanSquaredError);
    EXPECT_EQ(parseActivation("none"), ActivationKind::Linear);
    EXPECT_EQ(parseActivation(""), ActivationKind::Linear);
    // An alias is read, never written: the name stays the one configs already hold.
    EXPECT_EQ(lossName(parseLoss("bce")), "binary_cross_entropy");
    EXPECT_EQ(activationName(parseActivation("none")), "linear");
}

TEST(EnumNames, TheOldFunctionsPrintTheSameSpellings)
{
    EXPECT_EQ(activationName(ActivationKind::LeakyReLU), "leaky_relu");
    EXPECT_EQ(ActivationLayer(ActivationKind::LeakyReLU).typeName(), "LeakyReLU");
    EXPECT_EQ(Pooling2D(PoolKind::Max, { 2, 2 }).typeName(), "MaxPooling2D");
    EXPECT_EQ(Pooling2D(PoolKind::Average, { 2, 2 }).typeName(), "AveragePooling2D");
    EXPECT_EQ(paddingName(Padding::Same), "same");
    EXPECT_EQ(lossName(LossKind::MeanSquaredError), "mse");
    EXPECT_EQ(optimizerName(OptimizerKind::RMSprop), "rmsprop");
    EXPECT_EQ(scheduleName(ScheduleKind::Cosine), "cosine");
    EXPECT_EQ(playgroundName(PlaygroundKind::MultiGauss), "multi-gauss");
    EXPECT_EQ(normalizeName(NormalizeKind::MinMax), "minmax");
    EXPECT_EQ(dtypeName(DType::Bool), "BOOL");
    EXPECT_EQ(runStatusName(RunStatus::Interrupted), "interrupted");
    EXPECT_EQ(Initializer::parse("he_normal").toString(), "he_normal");
    EXPECT_EQ(Initializer::parse("constant:0.5").kind, Init::Constant);
}

TEST(EnumNames, AnUnknownRunStatusReadsAsInterrupted)
{
    EXPECT_EQ(parseRunStatus("completed"), RunStatus::Completed);
    EXPECT_EQ(parseRunStatus("paused"), RunStatus::Interrupted);
    EXPECT_EQ(parseRunStatus(""), RunStatus::Interrupted);
}

TEST(EnumNames, AnUnknownDTypeIsAFormatErrorListingTheKnownNames)
{
    try {
        parseDType("F128");
        FAIL() << "F128 parsed";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("unknown dtype 'F128' (known: F64, F32,"), std::string::npos) << e.what();
    }
}

TEST(EnumNames, AValueOutsideTheTableIsNamedWithAQuestionMark)
{
    EXPECT_EQ(enumName(OptimizerKind(42)), "?");
    EXPECT_EQ(enumLabel(OptimizerKind(42)), "?");
}

TEST(EnumNames, JsonHoldsTheNameAndReadsNamesAndAliases)
{
    const nlohmann::json j = { { "loss", LossKind::BinaryCrossEntropy }, { "normalize", NormalizeKind::MinMax } };
    EXPECT_EQ(j.dump(), R"({"loss":"binary_cross_entropy","normalize":"minmax"})");
    EXPECT_EQ(j.at("loss").get<LossKind>(), LossKind::BinaryCrossEntropy);
    EXPECT_EQ(nlohmann::json("bce").get<LossKind>(), LossKind::BinaryCrossEntropy);
    EXPECT_THROW(nlohmann::json("hinge").get<LossKind>(), ConfigError);
    EXPECT_THROW(nlohmann::json(2).get<LossKind>(), nlohmann::json::type_error); // never the enum's number
}

TEST(EnumNames, ATableCanBeReadAtCompileTime)
{
    static_assert(enumName(ScheduleKind::Step) == "step");
    static_assert(findEnum<LossKind>("bce") == LossKind::BinaryCrossEntropy);
    static_assert(enumValues<Padding>().size() == 2);
    SUCCEED();
}
