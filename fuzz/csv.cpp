// SPDX-License-Identifier: GPL-3.0-or-later
// CSV datasets, read as classification (the default) and as regression.
#include "FuzzInput.h"

#include "data/Csv.h"
#include "util/Error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string path = ws::fuzz::writeInput("input.csv", data, size);
    for (bool regression : { false, true }) {
        try {
            ws::CsvOptions options;
            options.regression = regression;
            (void)ws::readCsv(path, options);
        } catch (const ws::Error&) {
        }
    }
    return 0;
}
