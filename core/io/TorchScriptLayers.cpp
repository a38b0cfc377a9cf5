// SPDX-License-Identifier: GPL-3.0-or-later
// The TorchScript module tree -> layers mapping of io/TorchScriptLayers.h. The traced calls and
// their argument lists are ATen's schemas as torch 1.13 to 2.x trace them
// (aten/src/ATen/native/native_functions.yaml): _convolution(input, weight, bias, stride,
// padding, dilation, transposed, output_padding, groups, benchmark, deterministic,
// cudnn_enabled[, allow_tf32]), batch_norm(input, weight, bias, running_mean, running_var,
// training, momentum, eps, cudnn_enabled), max_pool2d(input, kernel_size, stride, padding,
// dilation[, ceil_mode]), flatten(input, start_dim[, end_dim]), linear(input, weight, bias),
// dropout(input, p, train), relu/sigmoid/tanh(input).
#include "io/TorchScriptLayers.h"

#include "io/TorchScriptCode.h"
#include "util/Error.h"

#include <algorithm>
#include <optional>

namespace ws {

namespace {

using json = nlohmann::json;

class ScriptTree {
public:
    ScriptTree(const json& modules, const json& code, const std::map<std::string, uint64_t>& unread,
               const WeightFile& file)
        : modules_(modules), code_(code), unread_(unread), file_(file)
    {
    }

    std::vector<TorchLayer> layers()
    {
        const json& root = node("(root)");
        const std::string rootType = root.value("type", "");
        std::string seqPath = "(root)";
        std::string prefix;
        if (nnKind(rootType) != "Sequential") {
            const std::string child = wrappedSequential(root, rootType);
            seqPath = child;
            prefix = child + ".";
        }
        const json& seq = node(seqPath);
        const ScriptClass seqClass = readClass(seq.value("type", ""), seqPath);
        // The children in the order the Sequential runs them: its _modules, which the archive
        // lists as __annotations__ entries; the pickle's slots must agree.
        const json children = seq.value("children", json::array());
        std::vector<std::string> declared;
        for (const auto& [key, type] : seqClass.children)
            declared.push_back(key);
        if (json(declared) != children)
            fail(seqPath, seq, "its children in the code (" + json(declared).dump() + ") are not those of data.pkl ("
                                   + children.dump() + ")");
        std::vector<TorchLayer> out;
        for (const std::string& key : declared) {
            const std::string path = prefix + key;
            const json& n = node(path);
            const std::string type = n.value("type", "");
            const std::string kind = nnKind(type);
            if (kind.empty())
                fail(path, n, "not a torch.nn module (a class of torch.nn.modules is needed to know what it does)");
            TorchLayer layer { path, kind, n.value("attributes", json::object()) };
            const ScriptClass cls = readClass(type, path);
            const json settings = cls.finals.empty() ? traced(cls, layer) : cls.finals;
            for (const auto& [k, v] : settings.items())
                layer.attrs[k] = v;
            out.push_back(std::move(layer));
        }
        return out;
    }

private:
    const json& node(const std::string& path) const
    {
        if (!modules_.contains(path) || !modules_.at(path).is_object())
            throw FormatError(file_.path() + ": the module tree has no module '" + path + "'");
        return modules_.at(path);
    }

    [[noreturn]] void fail(const std::string& path, const json& n, const std::string& why) const
    {
        const auto member = scriptClassMember(n.value("type", ""));
        throw FormatError(file_.path() + ": module '" + path + "' (" + n.value("type", "") + ", code/"
                          + (member ? member->first : "?") + "): " + why);
    }

    // "Conv2d" for __torch__.torch.nn.modules.conv[.___torch_mangle_N].Conv2d, "" for other classes
    // (a user's class named Conv2d is not torch's).
    static std::string nnKind(const std::string& type)
    {
        const std::string base = "__torch__.torch.nn.modules.";
        const auto member = scriptClassMember(type);
        if (!member || type.rfind(base, 0) != 0 || type.size() <= base.size() + member->second.size() + 1)
            return ""; // no module between torch.nn.modules and the class
        std::string_view rest = std::string_view(type).substr(base.size());
        rest.remove_suffix(member->second.size() + 1);
        const size_t dot = rest.find('.');
        if (dot != std::string_view::npos) {
            const std::string_view mangle = rest.substr(dot + 1);
            if (!mangle.starts_with("___torch_mangle_") || mangle.size() == 16
                || mangle.substr(16).find_first_not_of("0123456789") != std::string_view::npos)
                return "";
        }
        return member->second;
    }

    ScriptClass readClass(const std::string& type, const std::string& path) const
    {
        const auto member = scriptClassMember(type);
        if (!member)
            throw FormatError(file_.path() + ": module '" + path + "' has the class '" + type
                              + "', which is not a TorchScript class name");
        if (const auto big = unread_.find(member->first); big != unread_.end())
            throw FormatError(file_.path() + ": code/" + member->first + " (class of module '" + path + "') is "
                              + std::to_string(big->second) + " bytes, more than is read");
        if (!code_.contains(member->first) || !code_.at(member->first).is_string())
            throw FormatError(file_.path() + ": the archive has no code/" + member->first + " for the class "
                              + type + " of module '" + path + "'");
        return readScriptClass(code_.at(member->first).get_ref<const std::string&>(), member->second, member->first,
                               file_.path());
    }

    // The root's only child that is run, when its forward() is exactly "v = self.<child>" and
    // "return (v).forward(<input>, )" and the child is a torch.nn Sequential.
    std::string wrappedSequential(const json& root, const std::string& type) const
    {
        const ScriptClass cls = readClass(type, "(root)");
        const auto& body = cls.forwardBody;
        std::string child;
        if (cls.hasForward && cls.forwardParams.size() == 1 && body.size() == 2) {
            const std::string& load = body[0].second;
            const size_t eq = load.find(" = self.");
            if (eq != std::string::npos) {
                const std::string var = load.substr(0, eq);
                const std::string name = load.substr(eq + 8);
                if (body[1].second == "return (" + var + ").forward(" + cls.forwardParams[0] + ", )")
                    child = name;
            }
        }
        const json children = root.value("children", json::array());
        if (child.empty() || std::find(children.begin(), children.end(), json(child)) == children.end()
            || !modules_.contains(child) || nnKind(modules_.at(child).value("type", "")) != "Sequential")
            fail("(root)", root, "the model is a " + type + ", whose forward() does more than call one "
                                 "nn.Sequential child, so it cannot be run (a TorchScript nn.Sequential of Conv2d, "
                                 "Linear, BatchNorm, ReLU, Sigmoid, Tanh, MaxPool2d, Flatten and Dropout can, or a "
                                 "module whose forward() only calls one; its tensors and code can be inspected)");
        return child;
    }

    std::optional<Shape> shapeOf(const std::string& name) const
    {
        for (const TensorInfo& t : file_.tensors())
            if (t.name == name)
                return t.shape;
        return std::nullopt;
    }

    // The settings a traced forward() gives: its loads of self's tensors, one known call with
    // literal arguments, and the return of its result.
    json traced(const ScriptClass& cls, const TorchLayer& layer) const
    {
        const json& n = node(layer.name);
        const std::string at = " (code/" + cls.member + " line ";
        if (!cls.hasForward || cls.forwardParams.size() != 1)
            fail(layer.name, n, "no Final constants and no forward(input) whose call could be read");
        std::map<std::string, std::string> loaded; // variable -> attribute of self
        std::optional<ScriptCall> call;
        std::string result;
        size_t callLine = 0;
        for (const auto& [number, line] : cls.forwardBody) {
            const std::string where = at + std::to_string(number) + ")";
            std::string_view rhs = line;
            std::string var;
            if (rhs.starts_with("return ")) {
                rhs.remove_prefix(7);
                if (call && rhs == result) {
                    result.clear();
                    continue;
                }
            } else if (const size_t eq = rhs.find(" = "); eq != std::string_view::npos) {
                var = std::string(rhs.substr(0, eq));
                rhs.remove_prefix(eq + 3);
                if (!call && rhs.starts_with("self.")) {
                    loaded[var] = std::string(rhs.substr(5));
                    continue;
                }
            }
            if (call || (var.empty() && !line.starts_with("return ")))
                fail(layer.name, n, "its traced forward() has a line that is not a load of self's tensors, one "
                                    "call or its return" + where);
            call = parseScriptCall(rhs);
            if (!call)
                fail(layer.name, n, "its traced forward() has a line that is not one call with names and literals"
                                    + where);
            result = var;
            callLine = number;
        }
        if (!call || !result.empty())
            fail(layer.name, n, "its traced forward() does not return the result of one call");
        const std::string where = at + std::to_string(callLine) + ")";
        return settingsOf(*call, layer, n, loaded, cls.forwardParams[0], where);
    }

    json settingsOf(const ScriptCall& call, const TorchLayer& layer, const json& n,
                    const std::map<std::string, std::string>& loaded, const std::string& input,
                    const std::string& where) const
    {
        const std::string& kind = layer.cls;
        const auto& a = call.args;
        auto bad = [&](const std::string& why) {
            fail(layer.name, n, "its traced forward() calls " + call.op + " " + why + where);
        };
        // The argument at i is self.<attr> (or None where `optional`).
        auto tensorArg = [&](size_t i, const char* attr, bool optional = false) {
            if (optional && a[i].ident.empty() && a[i].literal.is_null())
                return;
            const auto it = loaded.find(a[i].ident);
            if (it == loaded.end() || it->second != attr)
                bad(std::string("without self.") + attr + " as argument " + std::to_string(i + 1));
        };
        auto literal = [&](size_t i, bool (json::*is)() const) -> const json& {
            if (!a[i].ident.empty() || !(a[i].literal.*is)())
                bad("with argument " + std::to_string(i + 1) + " not a literal of the expected kind");
            return a[i].literal;
        };
        auto pair = [&](size_t i) -> json {
            const json& v = literal(i, &json::is_array);
            if (v.size() != 2 || !v[0].is_number_integer() || !v[1].is_number_integer())
                bad("with argument " + std::to_string(i + 1) + " not a list of two integers");
            return v;
        };
        auto weightShape = [&](size_t rank) {
            const auto s = shapeOf(layer.name + ".weight");
            if (!s || s->size() != rank)
                fail(layer.name, n, "the file holds no " + std::to_string(rank) + "-D tensor '" + layer.name
                                        + ".weight'");
            return *s;
        };
        struct Known {
            const char* kind;
            const char* op;
            size_t minArgs, maxArgs;
        };
        static const Known known[] = {
            { "Conv2d", "torch._convolution", 12, 13 }, { "BatchNorm2d", "torch.batch_norm", 9, 9 },
            { "BatchNorm1d", "torch.batch_norm", 9, 9 }, { "MaxPool2d", "torch.max_pool2d", 5, 6 },
            { "Flatten", "torch.flatten", 2, 3 },        { "Linear", "torch.linear", 3, 3 },
            { "ReLU", "torch.relu", 1, 1 },              { "Sigmoid", "torch.sigmoid", 1, 1 },
            { "Tanh", "torch.tanh", 1, 1 },              { "Dropout", "torch.dropout", 3, 3 },
        };
        const Known* k = std::find_if(std::begin(known), std::end(known), [&](const Known& e) { return kind == e.kind; });
        if (k == std::end(known))
            bad("in a " + kind + ", which is not a module the engine runs (Conv2d, Linear, BatchNorm1d/2d, ReLU, "
                                 "Sigmoid, Tanh, MaxPool2d, Flatten and Dropout are)");
        if (call.op != k->op)
            bad("where a traced " + kind + " calls " + k->op);
        if (a.size() < k->minArgs || a.size() > k->maxArgs)
            bad("with " + std::to_string(a.size()) + " arguments");
        if (a[0].ident != input)
            bad("on something else than its input '" + input + "'");
        json s = json::object();
        if (kind == "Conv2d") {
            tensorArg(1, "weight");
            tensorArg(2, "bias", true);
            if (literal(6, &json::is_boolean).get<bool>() || pair(7) != json::array({ 0, 0 }))
                bad("as a transposed convolution");
            const int64_t groups = literal(8, &json::is_number_integer).get<int64_t>();
            for (size_t i = 9; i < a.size(); ++i)
                literal(i, &json::is_boolean);
            const Shape w = weightShape(4); // (out, in / groups, kh, kw)
            if (groups < 1 || groups > (int64_t(1) << 24))
                bad("with " + std::to_string(groups) + " groups");
            s = { { "stride", pair(3) }, { "padding", pair(4) }, { "dilation", pair(5) }, { "groups", groups },
                  { "padding_mode", "zeros" }, { "out_channels", w[0] }, { "in_channels", w[1] * groups },
                  { "kernel_size", json::array({ w[2], w[3] }) } };
        } else if (kind == "BatchNorm2d" || kind == "BatchNorm1d") {
            tensorArg(1, "weight");
            tensorArg(2, "bias");
            tensorArg(3, "running_mean");
            tensorArg(4, "running_var");
            if (literal(5, &json::is_boolean).get<bool>())
                bad("in training mode (traced while training: its statistics are the batch's)");
            literal(6, &json::is_number);
            const double eps = literal(7, &json::is_number).get<double>();
            literal(8, &json::is_boolean);
            if (!(eps > 0))
                bad("with eps " + std::to_string(eps) + ", not above 0");
            s = { { "eps", eps }, { "num_features", weightShape(1)[0] }, { "affine", true },
                  { "track_running_stats", true } };
        } else if (kind == "MaxPool2d") {
            s = { { "kernel_size", pair(1) }, { "stride", pair(2) }, { "padding", pair(3) }, { "dilation", pair(4) },
                  { "ceil_mode", a.size() == 6 && literal(5, &json::is_boolean).get<bool>() },
                  { "return_indices", false } };
        } else if (kind == "Flatten") {
            s = { { "start_dim", literal(1, &json::is_number_integer) },
                  { "end_dim", a.size() == 3 ? literal(2, &json::is_number_integer) : json(-1) } };
        } else if (kind == "Linear") {
            tensorArg(1, "weight");
            tensorArg(2, "bias", true);
            const Shape w = weightShape(2); // (out, in)
            s = { { "in_features", w[1] }, { "out_features", w[0] } };
        } else if (kind == "Dropout") {
            const double p = literal(1, &json::is_number).get<double>();
            if (literal(2, &json::is_boolean).get<bool>())
                bad("in training mode");
            s = { { "p", p } };
        }
        return s;
    }

    const json& modules_;
    const json& code_;
    const std::map<std::string, uint64_t>& unread_;
    const WeightFile& file_;
};

} // namespace

std::vector<TorchLayer> torchScriptLayers(const nlohmann::json& modules, const nlohmann::json& code,
                                          const std::map<std::string, uint64_t>& unread, const WeightFile& file)
{
    return ScriptTree(modules, code, unread, file).layers();
}

} // namespace ws
