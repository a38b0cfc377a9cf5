// SPDX-License-Identifier: GPL-3.0-or-later
// The restricted unpickler on raw bytes: opcodes, memo, marks and the allowed globals, without
// the zip layer of a torch checkpoint in front (fuzz_torch covers that path).
#include "io/PickleReader.h"
#include "util/Error.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try {
        (void)ws::unpickle(data, size, "fuzz input");
    } catch (const ws::Error&) {
        // Refused opcodes, globals and broken streams are the expected answers.
    }
    return 0;
}
