// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/NameTree.h"

#include <algorithm>
#include <charconv>

namespace ws {

namespace {

bool isNumber(const std::string& s, uint64_t& value)
{
    if (s.empty() || s.size() > 18)
        return false;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    return ec == std::errc() && end == s.data() + s.size();
}

void finish(NameNode& node)
{
    uint64_t a = 0, b = 0;
    const bool numeric = !node.children.empty()
        && std::all_of(node.children.begin(), node.children.end(), [&a](const NameNode& c) { return isNumber(c.label, a); });
    if (numeric)
        std::stable_sort(node.children.begin(), node.children.end(), [&a, &b](const NameNode& x, const NameNode& y) {
            isNumber(x.label, a);
            isNumber(y.label, b);
            return a < b;
        });
    for (NameNode& child : node.children) {
        finish(child);
        node.tensorCount += child.tensorCount;
        node.params += child.params;
        node.bytes += child.bytes;
    }
}

} // namespace

std::vector<std::string> splitTensorName(const std::string& name)
{
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t i = 0; i <= name.size(); ++i)
        if (i == name.size() || name[i] == '.' || name[i] == '/') {
            if (i > start) // "a..b" and a leading '/' give no empty labels
                parts.push_back(name.substr(start, i - start));
            start = i + 1;
        }
    if (parts.empty())
        parts.push_back(name);
    return parts;
}

NameNode buildNameTree(const std::vector<TensorInfo>& tensors)
{
    NameNode root;
    for (size_t t = 0; t < tensors.size(); ++t) {
        const std::string& name = tensors[t].name;
        NameNode* node = &root;
        size_t searchFrom = 0;
        for (const std::string& part : splitTensorName(name)) {
            const size_t at = name.find(part, searchFrom);
            searchFrom = at + part.size();
            auto it = std::find_if(node->children.begin(), node->children.end(),
                [&part](const NameNode& c) { return c.label == part; });
            if (it == node->children.end()) {
                NameNode child;
                child.label = part;
                child.path = name.substr(0, searchFrom);
                node->children.push_back(std::move(child));
                it = node->children.end() - 1;
            }
            node = &*it;
        }
        if (node->tensor >= 0) { // two tensors whose names differ only in separators: keep both
            NameNode twin;
            twin.label = name;
            twin.path = name;
            node->children.push_back(std::move(twin));
            node = &node->children.back();
        }
        node->tensor = int64_t(t);
        node->tensorCount += 1;
        node->params += tensors[t].numel();
        node->bytes += tensors[t].nbytes;
    }
    finish(root);
    // The whole file's totals leave out slices that repeat a whole tensor's elements (their own
    // groups keep their counts).
    for (const TensorInfo& t : tensors)
        if (t.slice) {
            root.params -= t.numel();
            root.bytes -= t.nbytes;
        }
    return root;
}

} // namespace ws
