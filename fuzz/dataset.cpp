// SPDX-License-Identifier: GPL-3.0-or-later
// Datasets of arrays (HDF5, .npz) as the Training panel and `weightscope-cli train --dataset`
// load them: the input is saved as "input<WS_FUZZ_SUFFIX>" and the default array pairs
// (x/y, images/labels, ...) are looked up, checked and converted.
#include "FuzzInput.h"

#include "data/DatasetSource.h"
#include "util/Error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    ws::DatasetSource source;
    source.name = ws::fuzz::writeInput("input" WS_FUZZ_SUFFIX, data, size);
    try {
        (void)ws::loadDatasetSource(source);
    } catch (const ws::Error&) {
    }
    return 0;
}
