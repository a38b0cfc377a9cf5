// SPDX-License-Identifier: GPL-3.0-or-later
// IDX (MNIST) files, plain or gzipped (the reader sniffs the gzip magic).
#include "FuzzInput.h"

#include "data/Idx.h"
#include "util/Error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string path = ws::fuzz::writeInput("input.idx", data, size);
    try {
        (void)ws::readIdx(path);
    } catch (const ws::Error&) {
    }
    return 0;
}
