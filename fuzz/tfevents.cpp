// SPDX-License-Identifier: GPL-3.0-or-later
// TensorBoard event files (run/TensorBoardEvents.h): the input read as a file, and again framed as
// one TFRecord with correct CRCs, so that mutations reach the protobuf parsing and the summary
// decoding instead of dying at the CRC check; then the run and both histories made of it.
#include "run/TensorBoardRuns.h"
#include "run/TfRecord.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    ws::TensorBoardData d;
    ws::addEventFile(d, data, size, "input");
    const std::string framed = ws::frameTfRecord(std::string(reinterpret_cast<const char*>(data), size));
    ws::addEventFile(d, reinterpret_cast<const uint8_t*>(framed.data()), framed.size(), "framed");
    ws::finishTensorBoardData(d);
    (void)ws::tensorBoardRunInfo(d, "input", "fuzz", { "accuracy" }).final.dump();
    (void)ws::tensorBoardHistory(d, ws::HistoryKind::Batch);
    (void)ws::tensorBoardHistory(d, ws::HistoryKind::Epoch);
    return 0;
}
