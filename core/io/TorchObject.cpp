// SPDX-License-Identifier: GPL-3.0-or-later
// The walk of io/TorchObject.h. Module layouts as torch/nn/modules/module.py keeps them
// (Module.__dict__, state_dict() and _save_to_state_dict) and as TorchScript pickles them
// (torch/csrc/jit/serialization/pickler.cpp: one dict of every attribute slot).
#include "io/TorchObject.h"

#include "util/Error.h"

#include <set>
#include <unordered_map>
#include <unordered_set>

namespace ws {

namespace {

using Kind = Pickle::Kind;

// The bookkeeping nn.Module keeps in its __dict__ beside parameters, buffers and submodules
// (torch 1.13 to 2.x): not attributes a person set.
bool moduleInternal(const std::string& key)
{
    static const std::set<std::string> internal = {
        "_parameters", "_buffers", "_non_persistent_buffers_set", "_modules", "_backward_hooks",
        "_backward_pre_hooks", "_is_full_backward_hook", "_forward_hooks", "_forward_hooks_with_kwargs",
        "_forward_hooks_always_called", "_forward_pre_hooks", "_forward_pre_hooks_with_kwargs", "_state_dict_hooks",
        "_state_dict_pre_hooks", "_load_state_dict_pre_hooks", "_load_state_dict_post_hooks",
    };
    return internal.count(key) != 0;
}

std::string shortName(const std::string& qualified)
{
    const size_t dot = qualified.rfind('.');
    return dot == std::string::npos ? qualified : qualified.substr(dot + 1);
}

std::string join(const std::string& path, const std::string& key)
{
    return path.empty() ? key : path + "." + key;
}

class Walker {
public:
    Walker(const Pickle& p, std::string where)
        : p_(p), where_(std::move(where)), hasTensor_(p.nodes.size(), kUnknown), budget_(4 * p.nodes.size() + 1000)
    {
    }

    TorchObject out;

    void walk(uint32_t v, const std::string& path, int depth)
    {
        spend(depth, path);
        const auto& n = p_.node(v);
        if (n.kind == Kind::Tensor) {
            out.tensors.emplace_back(path.empty() ? "tensor" : path, n.ref);
            return;
        }
        if (n.kind == Kind::Record && (isModule(v) || isScriptModule(v))) {
            module(v, path, depth);
            return;
        }
        if (!containsTensor(v, depth)) {
            out.values[path.empty() ? "(root)" : path] = json(v, depth);
            return;
        }
        for (const auto& [key, value] : fields(v))
            walk(value, join(path, key), depth + 1);
    }

private:
    enum : int8_t { kUnknown, kVisiting, kNo, kYes };

    [[noreturn]] void fail(const std::string& what, const std::string& path) const
    {
        throw FormatError(where_ + ": " + (path.empty() ? std::string("the object") : "'" + path + "'") + ": " + what);
    }

    void spend(int depth, const std::string& path)
    {
        if (depth > kPickleMaxNesting)
            fail("nested more than " + std::to_string(kPickleMaxNesting) + " levels deep", path);
        if (budget_-- == 0)
            fail("the object refers to its shared parts too many times", path);
    }

    // The state of a record as a dict node, or 0: BUILD's dict, or the first of (state, slotstate).
    uint32_t stateDict(uint32_t v) const
    {
        uint32_t s = p_.record(v).state;
        if (p_.node(s).kind == Kind::Tuple && !p_.children(s).empty())
            s = p_.children(s)[0];
        return p_.node(s).kind == Kind::Dict ? s : 0;
    }

    uint32_t entry(uint32_t dict, const std::string& key) const
    {
        if (dict == 0)
            return 0;
        for (const auto& [k, value] : dictEntries(dict))
            if (k == key)
                return value;
        return 0;
    }

    // torch.save(model): an nn.Module instance whose __dict__ holds _parameters and _modules.
    bool isModule(uint32_t v) const
    {
        const uint32_t s = stateDict(v);
        return p_.record(v).instance && s && entry(s, "_parameters") && entry(s, "_modules");
    }

    // torch.jit.save: a __torch__.* object with its attribute slots in one dict.
    bool isScriptModule(uint32_t v) const
    {
        return p_.record(v).instance && stateDict(v) && p_.recordName(v).rfind("__torch__.", 0) == 0;
    }

    // A module's tensors under their state-dict names; its node goes to out.modules under its path.
    void module(uint32_t v, const std::string& path, int depth)
    {
        spend(depth, path);
        if (++modules_ > kTorchMaxModules)
            fail("more than " + std::to_string(kTorchMaxModules) + " modules", path);
        if (!onPath_.insert(v).second)
            fail("the module contains itself (a cycle of submodules)", path);
        const std::string& qualified = p_.recordName(v);
        nlohmann::json node = { { "class", shortName(qualified) }, { "type", qualified } };
        nlohmann::json attributes = nlohmann::json::object(), children = nlohmann::json::array();
        const uint32_t state = stateDict(v);
        std::vector<std::pair<std::string, uint32_t>> submodules;
        if (isModule(v)) {
            std::set<std::string> nonPersistent;
            if (const uint32_t np = entry(state, "_non_persistent_buffers_set"); np && p_.node(np).kind == Kind::List)
                for (const uint32_t name : p_.children(np))
                    if (p_.node(name).kind == Kind::Str)
                        nonPersistent.insert(p_.str(name));
            for (const char* group : { "_parameters", "_buffers" })
                if (const uint32_t d = entry(state, group); p_.node(d).kind == Kind::Dict) {
                    for (const auto& [key, value] : dictEntries(d))
                        if (p_.node(value).kind != Kind::None && !nonPersistent.count(key))
                            walk(value, join(path, key), depth + 1);
                } else if (p_.node(d).kind != Kind::None) {
                    fail(std::string(group) + " is not a dict", path);
                }
            const uint32_t mods = entry(state, "_modules");
            if (p_.node(mods).kind != Kind::Dict)
                fail("_modules is not a dict", path);
            submodules = dictEntries(mods);
            if (!nonPersistent.empty())
                node["non_persistent_buffers"] = std::vector<std::string>(nonPersistent.begin(), nonPersistent.end());
            for (const auto& [key, value] : dictEntries(state))
                if (!moduleInternal(key))
                    attribute(attributes, value, path, key, depth);
        } else {
            // TorchScript: parameters (tensors that require grad), then buffers, then submodules.
            const auto entries = dictEntries(state);
            for (const bool parameters : { true, false })
                for (const auto& [key, value] : entries)
                    if (p_.node(value).kind == Kind::Tensor
                        && p_.tensors[p_.node(value).ref].requiresGrad == parameters)
                        walk(value, join(path, key), depth + 1);
            for (const auto& [key, value] : entries) {
                if (p_.node(value).kind == Kind::Record && isScriptModule(value))
                    submodules.emplace_back(key, value);
                else if (p_.node(value).kind != Kind::Tensor && key != "_is_full_backward_hook")
                    attribute(attributes, value, path, key, depth);
            }
        }
        for (const auto& [key, value] : submodules) {
            const std::string at = join(path, key);
            if (p_.node(value).kind == Kind::None)
                continue;
            if (p_.node(value).kind == Kind::Record && (isModule(value) || isScriptModule(value))) {
                children.push_back(key);
                module(value, at, depth + 1);
            } else {
                walk(value, at, depth + 1);
            }
        }
        if (!attributes.empty())
            node["attributes"] = std::move(attributes);
        if (!children.empty())
            node["children"] = std::move(children);
        out.modules[path.empty() ? "(root)" : path] = std::move(node);
        onPath_.erase(v);
    }

    // A plain attribute goes to the tree; one holding tensors (a tensor attribute that is not a
    // registered buffer) is listed under its path as well.
    void attribute(nlohmann::json& attributes, uint32_t value, const std::string& path, const std::string& key,
                   int depth)
    {
        if (containsTensor(value, depth + 1))
            walk(value, join(path, key), depth + 1);
        else
            attributes[key] = json(value, depth + 1);
    }

    bool isContainer(uint32_t v) const
    {
        const Kind k = p_.node(v).kind;
        return k == Kind::Dict || k == Kind::List || k == Kind::Tuple || k == Kind::Record;
    }

    // The parts of a record: its arguments, state and stored items.
    std::vector<uint32_t> parts(uint32_t v) const
    {
        if (p_.node(v).kind != Kind::Record)
            return p_.children(v);
        const PickleRecord& r = p_.record(v);
        return { r.args, r.state, r.dictItems, r.listItems };
    }

    bool containsTensor(uint32_t v, int depth)
    {
        if (p_.node(v).kind == Kind::Tensor)
            return true;
        if (!isContainer(v))
            return false;
        if (hasTensor_[v] == kVisiting)
            throw FormatError(where_ + ": a container holds itself (a cycle in the object)");
        if (hasTensor_[v] != kUnknown)
            return hasTensor_[v] == kYes;
        if (depth > kPickleMaxNesting)
            throw FormatError(where_ + ": the object is nested more than " + std::to_string(kPickleMaxNesting)
                              + " levels deep");
        hasTensor_[v] = kVisiting;
        bool any = false;
        for (const uint32_t c : parts(v))
            any = containsTensor(c, depth + 1) || any;
        hasTensor_[v] = any ? kYes : kNo;
        return any;
    }

    // Named parts of a container or record: dict keys, list and tuple indices; a record's state
    // fields (a dict state by key, others as "state"), then "args", "items", "list" where present.
    std::vector<std::pair<std::string, uint32_t>> fields(uint32_t v) const
    {
        const auto& n = p_.node(v);
        if (n.kind == Kind::Dict)
            return dictEntries(v);
        std::vector<std::pair<std::string, uint32_t>> out;
        if (n.kind == Kind::Record) {
            const PickleRecord& r = p_.record(v);
            if (r.state) {
                if (const uint32_t s = stateDict(v); s && p_.node(r.state).kind == Kind::Dict)
                    out = dictEntries(s);
                else
                    out.emplace_back("state", r.state);
            }
            if (r.args && !p_.children(r.args).empty())
                out.emplace_back("args", r.args);
            if (r.dictItems)
                out.emplace_back("items", r.dictItems);
            if (r.listItems)
                out.emplace_back("list", r.listItems);
            return out;
        }
        const auto& items = p_.children(v);
        for (size_t i = 0; i < items.size(); ++i)
            out.emplace_back(std::to_string(i), items[i]);
        return out;
    }

    // A dict key as a name part: strings as they are, integers in decimal (optimizer state).
    std::string keyName(uint32_t k) const
    {
        const auto& n = p_.node(k);
        switch (n.kind) {
        case Kind::Str: return p_.str(k);
        case Kind::Int: return std::to_string(n.num);
        case Kind::Bool: return n.num ? "True" : "False";
        case Kind::None: return "None";
        default: throw FormatError(where_ + ": a dict key that is not a string or an integer");
        }
    }

    // Python dict semantics: a repeated key keeps its first place and takes its last value.
    std::vector<std::pair<std::string, uint32_t>> dictEntries(uint32_t v) const
    {
        const auto& items = p_.children(v);
        std::vector<std::pair<std::string, uint32_t>> out;
        std::unordered_map<std::string, size_t> seen;
        for (size_t i = 0; i + 1 < items.size(); i += 2) {
            const auto& kn = p_.node(items[i]);
            std::string key = keyName(items[i]);
            const std::string tagged = char('0' + int(kn.kind)) + key;
            const auto [it, fresh] = seen.emplace(tagged, out.size());
            if (fresh)
                out.emplace_back(std::move(key), items[i + 1]);
            else
                out[it->second].second = items[i + 1];
        }
        return out;
    }

    // A value JSON cannot hold, described: "<12 bytes>".
    static std::string placeholder(const std::string& what)
    {
        std::string s(1, '<');
        s += what;
        s += '>';
        return s;
    }

    nlohmann::json json(uint32_t v, int depth)
    {
        spend(depth, "");
        const auto& n = p_.node(v);
        switch (n.kind) {
        case Kind::None: return nullptr;
        case Kind::Bool: return n.num != 0;
        case Kind::Int: return n.num;
        case Kind::BigInt: return placeholder("integer of " + std::to_string(p_.str(v).size()) + " bytes");
        case Kind::Float: return n.real();
        case Kind::Str: return p_.str(v);
        case Kind::Bytes: return placeholder(std::to_string(p_.str(v).size()) + " bytes");
        case Kind::Global: return placeholder(p_.str(v));
        case Kind::Storage: return placeholder("storage '" + p_.storages[n.ref].key + "'");
        case Kind::Tensor: return placeholder("tensor");
        case Kind::Record: {
            // The class itself (torch.float32, a function) by name; an object as its class and state.
            if (!p_.record(v).instance)
                return placeholder(p_.recordName(v));
            if (hasTensor_[v] == kVisiting)
                throw FormatError(where_ + ": an object holds itself (a cycle in the object)");
            hasTensor_[v] = kVisiting;
            nlohmann::json o = nlohmann::json::object();
            o["__class__"] = p_.recordName(v);
            for (const auto& [key, value] : fields(v))
                o[key] = json(value, depth + 1);
            hasTensor_[v] = kNo;
            return o;
        }
        case Kind::Dict: {
            nlohmann::json o = nlohmann::json::object();
            for (const auto& [key, value] : dictEntries(v))
                o[key] = json(value, depth + 1);
            return o;
        }
        case Kind::List:
        case Kind::Tuple: {
            nlohmann::json a = nlohmann::json::array();
            for (const uint32_t c : p_.children(v))
                a.push_back(json(c, depth + 1));
            return a;
        }
        }
        return nullptr;
    }

    const Pickle& p_;
    std::string where_;
    std::vector<int8_t> hasTensor_;
    size_t budget_;
    size_t modules_ = 0;
    std::unordered_set<uint32_t> onPath_; // modules being walked: a module met again is a cycle
};

} // namespace

TorchObject walkTorchObject(const Pickle& p, uint32_t root, const std::string& where, const std::string& name)
{
    Walker w(p, where);
    w.walk(root, name, 0);
    return std::move(w.out);
}

} // namespace ws
