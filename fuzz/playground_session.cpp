// SPDX-License-Identifier: GPL-3.0-or-later
// Playground session files (#22, core/run/PlaygroundSession.h): the JSON, the recipe in it and the
// training state checked against the network the recipe builds.
#include "FuzzInput.h"

#include "run/PlaygroundSession.h"
#include "util/Error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string path = ws::fuzz::writeInput("input.wsplay", data, size);
    try {
        (void)ws::loadPlaygroundSession(path);
    } catch (const ws::Error&) {
    }
    return 0;
}
