// SPDX-License-Identifier: GPL-3.0-or-later
// Generic target for one weight-file reader: the input is saved as "input<WS_FUZZ_SUFFIX>" and
// opened through openWeightFile, so the suffix chooses the reader the way a user's file name
// does (content sniffing included). fuzz/CMakeLists.txt builds one executable per suffix.
#include "FuzzInput.h"

#include "formats/WeightFormats.h"
#include "util/Error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string path = ws::fuzz::writeInput("input" WS_FUZZ_SUFFIX, data, size);
    try {
        const auto file = ws::openWeightFile(path);
        ws::fuzz::exercise(*file);
    } catch (const ws::Error&) {
        // FormatError and friends are the expected answer to a bad file.
    }
    return 0;
}
