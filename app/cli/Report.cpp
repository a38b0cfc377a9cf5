// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/Report.h"

#include <cmath>
#include <iomanip>
#include <ostream>

namespace ws::cli {

void printEvaluation(std::ostream& out, const Evaluation& ev, const Dataset& data)
{
    out << std::fixed << std::setprecision(4);
    out << "test: " << ev.samples << " samples  loss " << ev.loss;
    if (!std::isnan(ev.accuracy))
        out << "  accuracy " << ev.accuracy;
    if (!std::isnan(ev.topKAccuracy))
        out << "  top-" << ev.topK << " " << ev.topKAccuracy;
    out << "\n";
    if (ev.confusion.empty())
        return;
    const size_t k = ev.confusion.size();
    auto className = [&](size_t c) {
        return c < data.classNames.size() ? data.classNames[c] : std::to_string(c);
    };
    out << "confusion matrix (rows: true class, columns: predicted):\n";
    out << std::setw(14) << "";
    for (size_t c = 0; c < k; ++c)
        out << std::setw(7) << c;
    out << "\n";
    for (size_t r = 0; r < k; ++r) {
        out << std::setw(3) << r << " " << std::left << std::setw(10) << className(r).substr(0, 10) << std::right;
        for (size_t c = 0; c < k; ++c)
            out << std::setw(7) << ev.confusion[r][c];
        out << "\n";
    }
    out << "per class:    precision  recall      F1\n";
    for (size_t c = 0; c < k; ++c)
        out << std::setw(3) << c << " " << std::left << std::setw(10) << className(c).substr(0, 10) << std::right
            << std::setw(10) << ev.precision[c] << std::setw(8) << ev.recall[c] << std::setw(8) << ev.f1[c] << "\n";
    out << "macro F1 " << ev.macroF1() << "\n";
}

void printWeightAssignments(std::ostream& out, const std::string& path, const std::vector<std::string>& assignments)
{
    if (assignments.empty())
        return;
    out << path << ": " << assignments.size() << " tensors given to the layers of --model, in file order:\n";
    for (const std::string& line : assignments)
        out << "  " << line << "\n";
}

} // namespace ws::cli
