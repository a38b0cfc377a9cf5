// SPDX-License-Identifier: GPL-3.0-or-later
// The TorchScript code reader (io/TorchScriptCode.h) on raw text, without the zip and the module
// tree in front (fuzz_torch covers that path through model()): every `class X(Module):` the text
// declares (at most 16) is read, and every line of its forward() is taken as a call the way a
// traced layer's is. Seeds: the code/ members of the TorchScript files in tests/data/torch/models
// (fuzz/CMakeLists.txt extracts them).
#include "io/TorchScriptCode.h"
#include "util/Error.h"

#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    size_t classes = 0;
    for (size_t at = text.find("class "); at != std::string_view::npos && classes < 16;
         at = text.find("class ", at + 6), ++classes) {
        const size_t open = text.find("(Module):", at);
        if (open == std::string_view::npos || open - at > 200)
            continue;
        try {
            const ws::ScriptClass c
                = ws::readScriptClass(text, std::string(text.substr(at + 6, open - at - 6)), "fuzz.py", "fuzz input");
            for (const auto& [number, line] : c.forwardBody) {
                const size_t eq = line.find(" = ");
                (void)ws::parseScriptCall(eq == std::string::npos ? line : line.substr(eq + 3));
            }
            for (const auto& [key, type] : c.children)
                (void)ws::scriptClassMember(type);
        } catch (const ws::Error&) {
            // A line the reader does not know refuses the class: the expected answer.
        }
    }
    (void)ws::parseScriptLiteral(text.substr(0, 4096));
    return 0;
}
