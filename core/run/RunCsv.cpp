// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/RunCsv.h"

#include <cstdio>
#include <ostream>

namespace ws {

namespace {

std::string quoted(const std::string& field)
{
    if (field.find_first_of(",\"\r\n") == std::string::npos)
        return field;
    std::string out = "\"";
    for (char c : field)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace

void writeHistoryCsv(std::ostream& out, const RunHistory& h, bool epochs, const std::string& run, bool header)
{
    const std::string prefix = run.empty() ? "" : quoted(run) + ",";
    if (header)
        out << (run.empty() ? "" : "run,") << "step,epoch,wall_time,loss,accuracy,"
            << (epochs ? "val_loss,val_accuracy," : "") << "learning_rate\n";
    char buf[32];
    const auto put = [&](double v, bool last = false) {
        std::snprintf(buf, sizeof buf, "%.17g", v);
        out << buf << (last ? "\n" : ",");
    };
    for (size_t i = 0; i < h.size(); ++i) {
        out << prefix << h.step[i] << ",";
        put(h.epoch[i]);
        put(h.wallTime[i]);
        put(h.loss[i]);
        put(h.accuracy[i]);
        if (epochs) {
            put(h.valLoss[i]);
            put(h.valAccuracy[i]);
        }
        put(h.learningRate[i], true);
    }
}

void writeScalarsCsv(std::ostream& out, const RunScalars& scalars, const std::string& run, bool header)
{
    if (header)
        out << "run,tag,step,wall_time,value\n";
    const std::string name = quoted(run) + ",";
    char buf[64];
    for (const auto& [tag, s] : scalars) {
        const std::string prefix = name + quoted(tag) + ",";
        for (size_t i = 0; i < s.size(); ++i) {
            std::snprintf(buf, sizeof buf, ",%.17g,%.17g\n", s.wallTime[i], s.value[i]);
            out << prefix << s.step[i] << buf;
        }
    }
}

} // namespace ws
