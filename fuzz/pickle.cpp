// SPDX-License-Identifier: GPL-3.0-or-later
// The restricted unpickler on raw bytes: opcodes, memo, marks, the globals understood as data
// and the inert records of all others, then the walk that names tensors and builds module trees
// (io/TorchObject.h), without the zip layer of a torch checkpoint in front (fuzz_torch covers
// that path). Seeds: the data.pkl of whole models, TorchScript and checkpoints (#17).
#include "io/PickleReader.h"
#include "io/TorchObject.h"
#include "util/Error.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try {
        const ws::Pickle p = ws::unpickle(data, size, "fuzz input");
        (void)ws::walkTorchObject(p, p.root, "fuzz input");
    } catch (const ws::Error&) {
        // Refused opcodes, broken streams and hostile object graphs are the expected answers.
    }
    return 0;
}
