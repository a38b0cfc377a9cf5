// SPDX-License-Identifier: GPL-3.0-or-later
// weightscope-cli inspect FILE_OR_FOLDER: what a weight file holds — format, metadata, every
// tensor (name, dtype, shape, parameters, bytes) and totals; --stats adds statistics per tensor,
// --json prints the same as JSON (schema in docs/cli.md). A .keras file's weights are listed by
// Keras's names (io/KerasVariableNames.h), their store paths in a last column.
#include "cli/Args.h"
#include "cli/Commands.h"

#include "analysis/TensorStats.h"
#include "formats/WeightFormats.h"
#include "io/KerasVariableNames.h"
#include "util/ByteSize.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

namespace ws::cli {

namespace {

const std::vector<OptionSpec>& inspectOptions()
{
    static const std::vector<OptionSpec> specs = {
        { "json", "", "print JSON instead of text (schema in docs/cli.md)" },
        { "stats", "", "add min, max, mean, std, L2 norm, zeros, NaN and Inf counts per tensor" },
        { "threads", "N", "threads for --stats (default: all cores)" },
        { "help", "", "this help" },
    };
    return specs;
}

// A metadata value on one line: strings bare (line breaks and tabs written \n, \t: TorchScript
// code and module sources are multi-line), the rest as compact JSON, cut at 100 characters.
std::string oneLine(const nlohmann::json& v)
{
    std::string s;
    for (const char c : v.is_string() ? v.get<std::string>() : v.dump())
        s += c == '\n' ? std::string("\\n") : c == '\t' ? std::string("\\t") : c == '\r' ? std::string("\\r") : std::string(1, c);
    if (s.size() > 100)
        s = s.substr(0, 97) + "...";
    return s;
}

void printMetadata(std::ostream& out, const nlohmann::json& meta)
{
    if (meta.empty())
        return;
    out << "metadata:\n";
    for (const auto& [key, v] : meta.items()) {
        if (key == "graph")
            continue; // printed on its own (printGraph)
        if (v.is_object()) {
            for (const auto& [sub, sv] : v.items())
                out << "  " << key << "." << sub << ": " << oneLine(sv) << "\n";
        } else if (v.is_array()) {
            for (const auto& e : v)
                out << "  " << key << ": " << oneLine(e) << "\n";
        } else {
            out << "  " << key << ": " << oneLine(v) << "\n";
        }
    }
}

// A value's name, dtype and shape: "input FLOAT (batch, 2, 8, 8)".
std::string valueLine(const nlohmann::json& v)
{
    std::string dims;
    for (const auto& d : v.value("shape", nlohmann::json::array()))
        dims += (dims.empty() ? "" : ", ") + (d.is_string() ? d.get<std::string>() : d.is_null() ? "?" : d.dump());
    return v.value("name", "") + " " + v.value("dtype", "") + " (" + dims + ")";
}

// The graph of a format that has one (ONNX): inputs, outputs and one line per node, the first
// kMaxNodes of them; --json carries everything.
void printGraph(std::ostream& out, const nlohmann::json& graph)
{
    constexpr size_t kMaxNodes = 60;
    const nlohmann::json nodes = graph.value("nodes", nlohmann::json::array());
    out << "graph: " << graph.value("name", "") << " (" << nodes.size() << " nodes)\n";
    for (const auto& v : graph.value("inputs", nlohmann::json::array()))
        out << "  input:  " << valueLine(v) << "\n";
    for (const auto& v : graph.value("outputs", nlohmann::json::array()))
        out << "  output: " << valueLine(v) << "\n";
    for (size_t i = 0; i < nodes.size() && i < kMaxNodes; ++i) {
        const nlohmann::json& n = nodes[i];
        std::string ins, outs;
        for (const auto& x : n.value("inputs", nlohmann::json::array()))
            ins += (ins.empty() ? "" : ", ") + x.get<std::string>();
        for (const auto& x : n.value("outputs", nlohmann::json::array()))
            outs += (outs.empty() ? "" : ", ") + x.get<std::string>();
        std::string op = n.value("op_type", "");
        if (n.contains("domain"))
            op = n.at("domain").get<std::string>() + "." + op;
        out << "  " << std::setw(3) << i << " " << std::left << std::setw(18) << op << std::right << " "
            << n.value("name", "") << ": " << ins << " -> " << outs;
        if (n.contains("attributes"))
            out << "  " << oneLine(n.at("attributes"));
        out << "\n";
    }
    if (nodes.size() > kMaxNodes)
        out << "  ... " << nodes.size() - kMaxNodes << " more nodes (--json lists them all)\n";
}

// "LlamaForCausalLM (llama): 16 layers, hidden 2048, vocab 128256" from a Hugging Face config.json.
std::string architecture(const nlohmann::json& config)
{
    std::ostringstream s;
    const auto archs = config.find("architectures");
    if (archs != config.end() && archs->is_array() && !archs->empty() && archs->front().is_string())
        s << archs->front().get<std::string>();
    const auto type = config.find("model_type");
    if (type != config.end() && type->is_string())
        s << " (" << type->get<std::string>() << ")";
    const char* sep = ": ";
    for (const auto& [key, label] : { std::pair{ "num_hidden_layers", "layers" }, std::pair{ "hidden_size", "hidden" },
             std::pair{ "intermediate_size", "intermediate" }, std::pair{ "num_attention_heads", "heads" },
             std::pair{ "vocab_size", "vocab" } }) {
        const auto v = config.find(key);
        if (v != config.end() && v->is_number_integer()) {
            s << sep << label << " " << v->get<int64_t>();
            sep = ", ";
        }
    }
    return s.str();
}

std::string number(double v)
{
    std::ostringstream s;
    s << std::setprecision(6) << v;
    return s.str();
}

nlohmann::ordered_json statsJson(const TensorStats& s)
{
    return { { "count", s.count }, { "finite", s.finite }, { "nans", s.nans }, { "infs", s.infs },
        { "zeros", s.zeros }, { "zero_fraction", s.zeroFraction() }, { "min", s.min }, { "max", s.max },
        { "mean", s.mean }, { "std", s.std }, { "l2", s.l2 } };
}

} // namespace

std::string inspectHelp()
{
    return "usage: weightscope-cli inspect FILE_OR_FOLDER [options]\n\n"
           "Lists a weight file's format, metadata and tensors (name, dtype, shape, parameters, bytes).\n"
           "Reads .safetensors files and sharded Hugging Face folders (model.safetensors.index.json),\n"
           ".npy/.npz, Keras .h5/.keras, GGUF (quantised tensors show their type, e.g. Q4_K, and bits\n"
           "per weight; --stats dequantises them) and ONNX (with its graph: inputs, outputs, nodes).\n"
           "A .keras file's weights are listed by Keras's names (norm/moving_mean), their path in the\n"
           "archive last (layers/batch_normalization/vars/2).\n\n"
        + Args::help(inspectOptions());
}

int inspectCommand(const std::vector<std::string>& argv)
{
    const Args a(inspectOptions(), argv);
    if (a.has("help")) {
        std::cout << inspectHelp();
        return 0;
    }
    if (a.positional().size() != 1)
        throw ConfigError("inspect needs exactly one file or folder (see inspect --help)");
    const bool withStats = a.has("stats");
    const int threads = int(a.integer("threads", 0));
    const auto file = openWeightFile(a.positional().front());
    const auto& tensors = file->tensors();
    const std::map<std::string, std::string> kerasNames = kerasVariableNames(*file);
    auto kerasName = [&kerasNames](const TensorInfo& t) -> const std::string* {
        const auto it = kerasNames.find(t.name);
        return it == kerasNames.end() ? nullptr : &it->second;
    };

    std::vector<TensorStats> stats;
    // A tensor whose values cannot be read (a GGUF IQ2_XS, say) keeps its row, with the reason.
    std::vector<std::string> statsErrors(tensors.size());
    if (withStats)
        for (size_t i = 0; i < tensors.size(); ++i) {
            try {
                stats.push_back(computeTensorStats(*file, i, threads));
            } catch (const FormatError& e) {
                stats.emplace_back();
                statsErrors[i] = e.what();
            }
        }
    int64_t params = 0;
    uint64_t bytes = 0;
    size_t slices = 0;
    for (const auto& t : tensors) {
        slices += t.slice ? 1 : 0;
        params += t.slice ? 0 : t.numel(); // a slice's elements are counted in its whole tensor
        bytes += t.slice ? 0 : t.nbytes;
    }

    if (a.has("json")) {
        nlohmann::ordered_json out;
        out["path"] = file->path();
        out["format"] = file->format();
        out["metadata"] = file->metadata();
        out["tensors"] = nlohmann::ordered_json::array();
        for (size_t i = 0; i < tensors.size(); ++i) {
            const auto& t = tensors[i];
            nlohmann::ordered_json j = { { "name", t.name }, { "dtype", dtypeName(t.dtype) }, { "shape", t.shape },
                { "params", t.numel() }, { "bytes", t.nbytes } };
            if (const std::string* keras = kerasName(t))
                j["keras_name"] = *keras;
            if (t.slice)
                j["slice_of_whole_tensor"] = true; // not counted in the totals
            if (!t.storage.empty())
                j["storage"] = t.storage;
            if (t.bitsPerWeight > 0)
                j["bits_per_weight"] = t.bitsPerWeight;
            if (withStats && !statsErrors[i].empty())
                j["stats_error"] = statsErrors[i];
            else if (withStats)
                j["stats"] = statsJson(stats[i]);
            out["tensors"].push_back(std::move(j));
        }
        out["totals"] = { { "tensors", tensors.size() }, { "params", params }, { "bytes", bytes } };
        // Tensor names are the file's own bytes (lookup keys, not rewritten): any that are not
        // UTF-8 are printed with U+FFFD, as the metadata already is (openWeightFile).
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return 0;
    }

    std::ostream& out = std::cout;
    out << "file: " << file->path() << "\n"
        << "format: " << file->format() << "\n";
    if (file->metadata().contains("config") && file->metadata().at("config").is_object())
        if (const std::string arch = architecture(file->metadata().at("config")); !arch.empty())
            out << "architecture: " << arch << "\n";
    printMetadata(out, file->metadata());
    if (file->metadata().contains("graph") && file->metadata().at("graph").is_object())
        printGraph(out, file->metadata().at("graph"));
    size_t nameWidth = 4;
    bool withBits = false; // a bits-per-weight column for formats that give it (GGUF)
    for (const auto& t : tensors) {
        nameWidth = std::max(nameWidth, kerasName(t) ? kerasName(t)->size() : t.name.size());
        withBits = withBits || t.bitsPerWeight > 0;
    }
    nameWidth = std::min<size_t>(nameWidth, 60);
    out << "tensors:\n  " << std::left << std::setw(int(nameWidth)) << "name" << "  " << std::setw(8) << "dtype"
        << std::setw(20) << "shape" << std::right << std::setw(14) << "params" << std::setw(14) << "bytes";
    if (withBits)
        out << std::setw(7) << "bpw";
    if (withStats)
        out << std::setw(13) << "min" << std::setw(13) << "max" << std::setw(13) << "mean" << std::setw(13) << "std"
            << std::setw(13) << "l2" << std::setw(9) << "zeros%" << std::setw(8) << "nan" << std::setw(8) << "inf";
    if (!kerasNames.empty())
        out << "  in the file";
    out << "\n";
    for (size_t i = 0; i < tensors.size(); ++i) {
        const auto& t = tensors[i];
        // A quantised tensor shows its storage type (Q4_K); read() gives its values as float32.
        const std::string type = t.storage.empty() ? dtypeName(t.dtype) : t.storage;
        const std::string* keras = kerasName(t);
        out << "  " << std::left << std::setw(int(nameWidth)) << (keras ? *keras : t.name) << "  " << std::setw(8) << type
            << std::setw(20) << shapeToString(t.shape) << std::right << std::setw(14) << t.numel() << std::setw(14)
            << t.nbytes;
        if (withBits)
            out << std::setw(7) << number(t.bitsPerWeight);
        if (withStats && !statsErrors[i].empty()) {
            out << "  (no statistics: its " << type << " values cannot be read)";
        } else if (withStats) {
            const TensorStats& s = stats[i];
            out << std::setw(13) << number(s.min) << std::setw(13) << number(s.max) << std::setw(13) << number(s.mean)
                << std::setw(13) << number(s.std) << std::setw(13) << number(s.l2) << std::setw(9)
                << number(100.0 * s.zeroFraction()) << std::setw(8) << s.nans << std::setw(8) << s.infs;
        }
        if (keras) // the store path; a tensor without a Keras name is listed by it already
            out << "  " << t.name;
        out << "\n";
    }
    out << "total: " << tensors.size() << " tensors, " << params << " parameters, " << bytes << " bytes ("
        << byteSize(uint64_t(bytes)) << ")";
    if (slices > 0)
        out << "; the " << slices << " per-file slices of whole tensors are not counted again";
    out << "\n";
    return 0;
}

} // namespace ws::cli
