// SPDX-License-Identifier: GPL-3.0-or-later
// The layer settings of a TorchScript archive's modules, read from the `code/` text that
// torch.jit.save writes (io/TorchReader.h keeps it), so that io/TorchModel.h can run a scripted or
// traced nn.Sequential. This is a reader of declarations and of one call, never an interpreter:
// nothing in the text is evaluated, looked up or run, and there is no expression language.
//  - A scripted torch.nn module declares its settings as class constants, one a line:
//      `  stride : Final[Tuple[int, int]] = (2, 2)`, `  eps : Final[float] = 1.0000000000000001e-05`
//    (torch/csrc/jit/serialization/python_print.cpp prints them from the module's __constants__);
//  - a traced one has none: its forward() is a few `x = self.weight` loads and ONE call of a known
//    ATen operator with literal arguments,
//      `    input = torch._convolution(x, weight, bias, [2, 2], [1, 1], [1, 1], False, ...)`;
//  - a Sequential lists its children in order as `  __annotations__["0"] = __torch__....Conv2d`.
// Every line of a class must be one of the shapes below with literal ints, floats, bools, None,
// strings, tuples and lists; any other line refuses the class, naming the member and the line.
// Bounded: a line is at most kScriptMaxLine bytes, literals nest kScriptMaxNesting deep with
// kScriptMaxItems items; the scan is linear in the text.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ws {

inline constexpr size_t kScriptMaxLine = 4096;
inline constexpr int kScriptMaxNesting = 4;
inline constexpr size_t kScriptMaxItems = 16;

// An argument of a call or a literal: `ident` is set for a name (x, weight), `literal` otherwise.
struct ScriptArg {
    std::string ident;
    nlohmann::json literal;
};

// What a class of the code text declares. Method bodies other than forward's are skipped (a
// scripted torch.nn class's methods are torch's own code, configured by its constants).
struct ScriptClass {
    std::string member;                    // "__torch__/torch/nn/modules/conv.py", for messages
    nlohmann::json finals = nlohmann::json::object(); // `name : Final[T] = literal`, by name
    std::vector<std::pair<std::string, std::string>> children; // __annotations__["0"] = qualified
    bool hasForward = false;
    std::vector<std::string> forwardParams; // forward's parameters after self
    std::vector<std::pair<size_t, std::string>> forwardBody; // (line number, line without indent)
};

// Class `name` ("Conv2d") of the code member `member` whose text is `text`. `where` names the file.
// Throws FormatError naming the file, the member and the line.
ScriptClass readScriptClass(std::string_view text, const std::string& name, const std::string& member,
                            const std::string& where);

// One call `torch.<op>(args)`: `op` and its arguments, from the text of a line's right-hand side.
struct ScriptCall {
    std::string op; // "torch._convolution"
    std::vector<ScriptArg> args;
};
// nullopt when `text` is not exactly one call with identifiers and literals as arguments.
std::optional<ScriptCall> parseScriptCall(std::string_view text);

// A literal (int, float, bool, None, "string", tuple, list) as JSON (tuples as arrays); nullopt
// when `text` is anything else, a float is not finite, or the limits above are passed.
std::optional<nlohmann::json> parseScriptLiteral(std::string_view text);

// The code member holding class `qualified` ("__torch__.torch.nn.modules.conv.___torch_mangle_1.Conv2d"
// -> "__torch__/torch/nn/modules/conv/___torch_mangle_1.py") and the class's own name; nullopt
// when `qualified` is not a dotted name of identifiers under __torch__.
std::optional<std::pair<std::string, std::string>> scriptClassMember(const std::string& qualified);

} // namespace ws
