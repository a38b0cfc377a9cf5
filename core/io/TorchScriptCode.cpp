// SPDX-License-Identifier: GPL-3.0-or-later
// The declaration reader of io/TorchScriptCode.h. The shapes of the lines are those
// torch/csrc/jit/serialization/python_print.cpp prints for a module class (torch 1.13 to 2.x):
// `__parameters__`/`__buffers__` lists, attribute annotations, Final constants, `__annotations__`
// entries for submodules whose names are not identifiers, and `def` methods.
#include "io/TorchScriptCode.h"

#include "util/Error.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace ws {

namespace {

using json = nlohmann::json;

bool identStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool identChar(char c)
{
    return identStart(c) || (c >= '0' && c <= '9');
}

// A cursor over one line (or one right-hand side): every step looks at a bounded text once.
class Cursor {
public:
    explicit Cursor(std::string_view s)
        : s_(s)
    {
    }
    bool done() const { return pos_ == s_.size(); }
    char peek() const { return done() ? '\0' : s_[pos_]; }
    bool eat(std::string_view token)
    {
        if (s_.substr(pos_, token.size()) != token)
            return false;
        pos_ += token.size();
        return true;
    }
    std::string_view rest() const { return s_.substr(pos_); }

    std::optional<std::string> ident()
    {
        if (!identStart(peek()))
            return std::nullopt;
        const size_t start = pos_;
        while (!done() && identChar(s_[pos_]))
            ++pos_;
        if (pos_ - start > 200)
            return std::nullopt;
        return std::string(s_.substr(start, pos_ - start));
    }
    // a.b.c: identifiers joined by dots (a class name), at most 64 parts.
    std::optional<std::string> dotted()
    {
        std::string out;
        for (int parts = 0; parts < 64; ++parts) {
            const auto part = ident();
            if (!part)
                return std::nullopt;
            out += *part;
            if (!eat("."))
                return out;
            out += '.';
        }
        return std::nullopt;
    }
    // A type as the printer writes it (Tensor, Optional[Tensor], Tuple[int, int],
    // __torch__.a.B): dotted names, brackets nested at most 8 deep, ", " between.
    bool type(int depth = 0)
    {
        if (depth > 8 || !dotted())
            return false;
        if (!eat("["))
            return true;
        do {
            if (!type(depth + 1))
                return false;
        } while (eat(", "));
        return eat("]");
    }

    std::optional<json> literal(int depth = 0)
    {
        const char c = peek();
        if (c == '(' || c == '[') {
            if (depth >= kScriptMaxNesting)
                return std::nullopt;
            const char close = c == '(' ? ')' : ']';
            ++pos_;
            json items = json::array();
            while (!eat(std::string_view(&close, 1))) {
                if (items.size() == kScriptMaxItems)
                    return std::nullopt;
                auto item = literal(depth + 1);
                if (!item)
                    return std::nullopt;
                items.push_back(std::move(*item));
                if (!eat(", ") && !eat(",") && peek() != close)
                    return std::nullopt;
            }
            return items;
        }
        if (c == '"') {
            const size_t start = ++pos_;
            while (!done() && (identChar(s_[pos_]) || s_[pos_] == ' ' || s_[pos_] == '.' || s_[pos_] == '-'))
                ++pos_;
            if (peek() != '"' || pos_ - start > 256)
                return std::nullopt;
            ++pos_;
            return std::string(s_.substr(start, pos_ - 1 - start));
        }
        if (eat("True"))
            return true;
        if (eat("False"))
            return false;
        if (eat("None"))
            return nullptr;
        return number();
    }

private:
    // -?digits, optionally .digits and an exponent: Python's repr of an int or a finite float.
    std::optional<json> number()
    {
        const size_t start = pos_;
        eat("-");
        auto digits = [&] {
            const size_t from = pos_;
            while (!done() && s_[pos_] >= '0' && s_[pos_] <= '9')
                ++pos_;
            return pos_ - from;
        };
        if (digits() == 0)
            return std::nullopt;
        bool real = false;
        if (eat(".")) {
            real = true;
            digits();
        }
        if (eat("e") || eat("E")) {
            real = true;
            if (!eat("-"))
                eat("+");
            if (digits() == 0)
                return std::nullopt;
        }
        const std::string_view text = s_.substr(start, pos_ - start);
        if (text.size() > 40)
            return std::nullopt;
        if (!real) {
            int64_t v = 0;
            const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
            if (r.ec != std::errc() || r.ptr != text.data() + text.size())
                return std::nullopt;
            return v;
        }
        double v = 0;
        const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
        if (r.ec != std::errc() || r.ptr != text.data() + text.size() || !std::isfinite(v))
            return std::nullopt;
        return v;
    }

    std::string_view s_;
    size_t pos_ = 0;
};

// The lines of `text` one at a time, numbered from 1, each checked against kScriptMaxLine.
class Lines {
public:
    Lines(std::string_view text, std::string where)
        : text_(text), where_(std::move(where))
    {
    }
    bool next()
    {
        if (pos_ >= text_.size())
            return false;
        const size_t end = std::min(text_.find('\n', pos_), text_.size());
        line_ = text_.substr(pos_, end - pos_);
        pos_ = end + 1;
        ++number_;
        if (line_.size() > kScriptMaxLine)
            fail("a line of " + std::to_string(line_.size()) + " bytes, longer than the "
                 + std::to_string(kScriptMaxLine) + " a declaration can be");
        return true;
    }
    std::string_view line() const { return line_; }
    size_t number() const { return number_; }
    // Indentation in spaces (TorchScript's printer indents by 2).
    size_t indent() const
    {
        const size_t n = line_.find_first_not_of(' ');
        return n == std::string_view::npos ? line_.size() : n;
    }
    // Messages from here on name the class too.
    void within(const std::string& cls) { suffix_ = " (class " + cls + ")"; }
    [[noreturn]] void fail(const std::string& why) const
    {
        throw FormatError(where_ + " line " + std::to_string(number_) + ": " + why + suffix_);
    }

private:
    std::string_view text_;
    std::string where_;
    std::string suffix_; // " (class Conv2d)" once inside the class
    std::string_view line_;
    size_t pos_ = 0;
    size_t number_ = 0;
};

// A `def` header's parameters after self, over one or more lines:
//   def forward(self: __torch__.X,
//     x: Tensor) -> Tensor:
// Returns once the line ending the header (") -> T:") was read.
std::vector<std::string> methodParameters(Lines& lines, std::string_view first)
{
    std::vector<std::string> params;
    std::string_view line = first;
    for (bool head = true;; head = false) {
        Cursor c(line);
        if (head) {
            c.eat("def ");
            if (!c.ident() || !c.eat("(self: ") || !c.type())
                lines.fail("a method header this reader does not know");
        } else {
            const auto name = c.ident();
            if (!name || !c.eat(": ") || !c.type())
                lines.fail("a parameter line this reader does not know");
            if (c.eat("=") && !c.literal())
                lines.fail("a parameter default that is not a literal");
            if (params.size() == kScriptMaxItems)
                lines.fail("more than " + std::to_string(kScriptMaxItems) + " parameters");
            params.push_back(*name);
        }
        if (c.eat(",")) {
            if (!c.done() || !lines.next() || lines.indent() != 4)
                lines.fail("a method header that does not go on as printed");
            line = lines.line().substr(4);
            continue;
        }
        if (!c.eat(") -> ") || !c.type() || !c.eat(":") || !c.done())
            lines.fail("a method header that does not end as printed (\") -> T:\")");
        return params;
    }
}

// Why a layer setting cannot be what a torch.nn module holds, or "": sizes, strides and
// dilations are at least 1, paddings at least 0, eps above 0, a dropout probability in [0, 1].
std::string implausible(const std::string& name, const json& v)
{
    static const char* const counts[] = { "stride", "kernel_size", "dilation", "groups", "in_channels",
                                          "out_channels", "in_features", "out_features", "num_features" };
    const bool count = std::find(std::begin(counts), std::end(counts), name) != std::end(counts);
    if (count || name == "padding") {
        const int64_t least = count ? 1 : 0;
        const json items = v.is_array() ? v : json::array({ v });
        for (const json& i : items)
            if (i.is_number_integer() && i.get<int64_t>() < least)
                return "below " + std::to_string(least);
    }
    if (name == "eps" && v.is_number() && !(v.get<double>() > 0))
        return "not above 0";
    if (name == "p" && v.is_number() && !(v.get<double>() >= 0 && v.get<double>() <= 1))
        return "not a probability";
    return "";
}

} // namespace

std::optional<json> parseScriptLiteral(std::string_view text)
{
    Cursor c(text);
    auto v = c.literal();
    if (!v || !c.done())
        return std::nullopt;
    return v;
}

std::optional<ScriptCall> parseScriptCall(std::string_view text)
{
    if (text.size() > kScriptMaxLine)
        return std::nullopt;
    Cursor c(text);
    ScriptCall call;
    const auto op = c.dotted();
    if (!op || !c.eat("("))
        return std::nullopt;
    call.op = *op;
    while (!c.eat(")")) {
        if (call.args.size() == 2 * kScriptMaxItems)
            return std::nullopt;
        ScriptArg a;
        if (identStart(c.peek()) && !c.rest().starts_with("True") && !c.rest().starts_with("False")
            && !c.rest().starts_with("None")) {
            a.ident = *c.ident();
        } else if (auto v = c.literal()) {
            a.literal = std::move(*v);
        } else {
            return std::nullopt;
        }
        call.args.push_back(std::move(a));
        if (!c.eat(", ") && c.peek() != ')')
            return std::nullopt;
    }
    if (!c.done())
        return std::nullopt;
    return call;
}

std::optional<std::pair<std::string, std::string>> scriptClassMember(const std::string& qualified)
{
    Cursor c(qualified);
    if (qualified.rfind("__torch__.", 0) != 0 || !c.dotted() || !c.done())
        return std::nullopt;
    const size_t dot = qualified.rfind('.');
    std::string member = qualified.substr(0, dot);
    for (char& ch : member)
        if (ch == '.')
            ch = '/';
    return std::pair { member + ".py", qualified.substr(dot + 1) };
}

ScriptClass readScriptClass(std::string_view text, const std::string& name, const std::string& member,
                            const std::string& where)
{
    ScriptClass out;
    out.member = member;
    Lines lines(text, where + ": code/" + member);
    const std::string header = "class " + name + "(Module):";
    bool found = false;
    while (!found && lines.next())
        found = lines.line() == header;
    if (!found)
        throw FormatError(where + ": code/" + member + " declares no 'class " + name + "(Module)'");
    lines.within(name);
    // In a method: 1 = forward's body (kept), 2 = another method's body (skipped).
    int method = 0;
    while (lines.next()) {
        const std::string_view line = lines.line();
        const size_t indent = lines.indent();
        if (indent == line.size())
            continue; // blank
        if (indent == 0)
            break;    // the next class or function
        if (indent >= 4) {
            if (method == 0)
                lines.fail("an indented line outside a method");
            if (method == 1)
                out.forwardBody.emplace_back(lines.number(), std::string(line.substr(4)));
            continue;
        }
        if (indent != 2)
            lines.fail("an indentation of " + std::to_string(indent) + " spaces");
        Cursor c(line.substr(2));
        if (c.rest().starts_with("def ")) {
            Cursor d(c.rest().substr(4));
            const bool forward = d.ident() == "forward";
            const auto params = methodParameters(lines, c.rest());
            if (forward) {
                if (out.hasForward)
                    lines.fail("a second forward()");
                out.hasForward = true;
                out.forwardParams = params;
            }
            method = forward ? 1 : 2;
            continue;
        }
        method = 0;
        if (c.eat("__parameters__ = ") || c.eat("__buffers__ = ")) {
            const auto v = c.literal();
            if (!v || !v->is_array() || !c.done())
                lines.fail("a __parameters__ or __buffers__ that is not a list of names");
            continue;
        }
        if (c.eat("__annotations__[\"")) {
            const auto key = c.ident();
            const size_t digits = key ? 0 : std::string_view(c.rest()).find_first_not_of("0123456789");
            std::string k;
            if (key) {
                k = *key;
            } else if (digits != 0 && digits != std::string_view::npos && digits <= 9) {
                k = std::string(c.rest().substr(0, digits));
                c.eat(k);
            } else {
                lines.fail("an __annotations__ key that is not a name or a number");
            }
            if (!c.eat("\"] = "))
                lines.fail("an __annotations__ entry this reader does not know");
            const auto type = c.dotted();
            if (!type || !c.done())
                lines.fail("an __annotations__ entry whose class is not a dotted name");
            if (out.children.size() == size_t(1) << 16)
                lines.fail("more than 65536 __annotations__ entries");
            out.children.emplace_back(k, *type);
            continue;
        }
        const auto attr = c.ident();
        if (!attr || !c.eat(" : "))
            lines.fail("not a declaration this reader knows (an annotation, a Final constant, "
                       "__annotations__ or a def)");
        if (c.eat("Final[")) {
            if (!c.type() || !c.eat("] = "))
                lines.fail("a Final constant '" + *attr + "' whose type is not as printed");
            auto v = c.literal();
            if (!v || !c.done())
                lines.fail("the Final constant '" + *attr + "' is not one literal (ints, floats, bools, "
                           "strings, tuples or lists of at most " + std::to_string(kScriptMaxItems)
                           + " items, nested at most " + std::to_string(kScriptMaxNesting) + " deep)");
            if (const std::string bad = implausible(*attr, *v); !bad.empty())
                lines.fail("the Final constant '" + *attr + "' is " + v->dump() + ": " + bad);
            if (out.finals.contains(*attr))
                lines.fail("the Final constant '" + *attr + "' is declared twice");
            if (out.finals.size() == 4 * kScriptMaxItems)
                lines.fail("more than " + std::to_string(4 * kScriptMaxItems) + " Final constants");
            out.finals[*attr] = std::move(*v);
            continue;
        }
        if (!c.type() || !c.done())
            lines.fail("the annotation of '" + *attr + "' is not a type as printed (unbalanced brackets?)");
    }
    return out;
}

} // namespace ws
