// SPDX-License-Identifier: GPL-3.0-or-later
// The Playground's own points (#22): the same bytes as a CSV file (readPlaygroundCsv) and as the
// kept-points JSON (loadPlaygroundPoints).
#include "FuzzInput.h"

#include "data/PlaygroundPoints.h"
#include "util/Error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string csv = ws::fuzz::writeInput("input.csv", data, size);
    try {
        (void)ws::readPlaygroundCsv(csv);
    } catch (const ws::Error&) {
    }
    const std::string json = ws::fuzz::writeInput("input.json", data, size);
    try {
        (void)ws::loadPlaygroundPoints(json);
    } catch (const ws::Error&) {
    }
    return 0;
}
