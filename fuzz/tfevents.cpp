// SPDX-License-Identifier: GPL-3.0-or-later
// TensorBoard event files (run/TensorBoardEvents.h): the input read as a file, and again framed as
// one TFRecord with correct CRCs, so that mutations reach the protobuf parsing and the summary
// decoding instead of dying at the CRC check; then the run and both histories made of it.
#include "run/TensorBoardRuns.h"
#include "run/TfRecord.h"

#include <cstring>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    ws::TensorBoardData d;
    ws::addEventFile(d, data, size, "input");
    std::vector<uint8_t> framed(size + 16);
    const uint64_t length = size;
    std::memcpy(framed.data(), &length, 8);
    const uint32_t lengthCrc = ws::maskedCrc32c(framed.data(), 8);
    std::memcpy(framed.data() + 8, &lengthCrc, 4);
    if (size > 0)
        std::memcpy(framed.data() + 12, data, size);
    const uint32_t dataCrc = ws::maskedCrc32c(data, size);
    std::memcpy(framed.data() + 12 + size, &dataCrc, 4);
    ws::addEventFile(d, framed.data(), framed.size(), "framed");
    ws::finishTensorBoardData(d);
    (void)ws::tensorBoardRunInfo(d, "input", "fuzz", { "accuracy" }).final.dump();
    (void)ws::tensorBoardHistory(d, ws::HistoryKind::Batch);
    (void)ws::tensorBoardHistory(d, ws::HistoryKind::Epoch);
    return 0;
}
