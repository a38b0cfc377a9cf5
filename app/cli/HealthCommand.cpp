// SPDX-License-Identifier: GPL-3.0-or-later
// weightscope-cli health FILE: the model health report (analysis/ModelHealth.h, #18 item 4) —
// one row a 2-D weight or conv kernel: α, spectral norm, stable rank, Marchenko–Pastur edge and
// soft rank, outliers, sparsity, and the method (exact, or randomized for the layers above the
// exact bound). Progress goes to stderr; --json and --csv print the same (schema in docs/cli.md).
#include "cli/Args.h"
#include "cli/Commands.h"
#include "cli/Output.h"

#include "analysis/ModelHealth.h"
#include "formats/WeightFormats.h"
#include "util/Error.h"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace ws::cli {

namespace {

const std::vector<OptionSpec>& healthOptions()
{
    static const std::vector<OptionSpec> specs = {
        { "json", "", "print JSON instead of text (schema in docs/cli.md)" },
        { "csv", "", "print CSV instead of text: one line per weight" },
        { "out", "FILE", "write the text, JSON or CSV to FILE (replaced if it exists) instead of the terminal" },
        { "cache", "DIR", "where results are cached (default $XDG_CACHE_HOME/weightscope/health)" },
        { "no-cache", "", "neither read nor write the cache" },
        { "exact-max-side", "N", "matrices whose smaller side exceeds N use the randomized method (default 4096, at most 4096)" },
        { "top-k", "N", "eigenvalues the randomized method finds (default 64)" },
        { "quiet", "", "no progress on stderr" },
        { "help", "", "this help" },
    };
    return specs;
}

std::string num(double v, int precision)
{
    if (!std::isfinite(v))
        return "-";
    std::ostringstream s;
    s << std::setprecision(precision) << v;
    return s.str();
}

void printText(std::ostream& out, const HealthReport& r)
{
    out << r.path << " (" << r.format << "): " << r.rows.size() << " row(s), one a weight matrix or kernel";
    if (r.otherTensors > 0)
        out << "; " << r.otherTensors << " tensor(s) of other ranks (biases, norms) without a spectrum";
    if (r.cached > 0)
        out << "; " << r.cached << " from the cache";
    out << "\n\n";
    out << std::setw(8) << "alpha" << std::setw(12) << "sigma_max" << std::setw(10) << "st.rank" << std::setw(12)
        << "MP edge" << std::setw(8) << "soft r." << std::setw(9) << "outliers" << std::setw(9) << "sparsity"
        << "  method  tensor (matrix)\n";
    for (const HealthRow& row : r.rows) {
        if (!row.error.empty()) {
            out << std::setw(68) << "(not analysed)" << "  -       " << row.name << " " << shapeToString(row.shape)
                << "\n    error: " << row.error << "\n";
            continue;
        }
        out << std::setw(8) << (row.fit.valid ? num(row.fit.alpha, 4) : "-") << std::setw(12)
            << num(row.spectralNorm, 5) << std::setw(10) << num(row.stableRank, 4) << std::setw(12) << num(row.mpEdge, 5)
            << std::setw(8) << num(row.mpSoftRank, 3) << std::setw(9)
            << ((row.outliersAtLeast ? ">=" : "") + std::to_string(row.outliers)) << std::setw(8)
            << num(100 * row.sparsity, 3) << "%  " << std::left << std::setw(7)
            << (row.method == HealthMethod::Exact ? "exact" : "top " + std::to_string(row.eigenvalues)) << std::right
            << " " << row.name << " (" << row.rows << " × " << row.cols << (row.reshaped ? ", kernel reshaped" : "")
            << ")\n";
    }
    if (r.randomized > 0)
        out << "\n" << r.randomized << " matrix(es) above the exact bound: \"top k\" rows are randomized, the top k eigenvalues by randomized subspace "
               "iteration (Halko, Martinsson & Tropp 2011); their alpha is fitted to those k, their MP edge uses the "
               "exact Frobenius norm.\n";
    if (r.failed > 0)
        out << "\n" << r.failed << " tensor(s) could not be analysed (see the errors above).\n";
}

// One line a second at most, rewritten in place on a terminal.
class ProgressLine {
public:
    explicit ProgressLine(bool on) : on_(on), tty_(on && isatty(2)) {}
    void operator()(double fraction, const std::string& tensor)
    {
        if (!on_ || tensor.empty())
            return;
        const auto now = std::chrono::steady_clock::now();
        if (tensor == last_ && now - shown_ < std::chrono::seconds(1))
            return;
        shown_ = now;
        last_ = tensor;
        std::cerr << (tty_ ? "\r\033[K" : "") << "health: " << std::fixed << std::setprecision(1) << 100 * fraction
                  << std::defaultfloat << "% " << tensor << (tty_ ? "" : "\n") << std::flush;
    }
    void done()
    {
        if (tty_ && !last_.empty())
            std::cerr << "\r\033[K" << std::flush;
    }

private:
    bool on_, tty_;
    std::string last_;
    std::chrono::steady_clock::time_point shown_;
};

} // namespace

std::string healthHelp()
{
    return "usage: weightscope-cli health FILE [--json | --csv] [--out FILE] [--cache DIR | --no-cache]\n\n"
           "The model health report: for every 2-D weight and convolution kernel (seen as out x in*kh*kw), the "
           "power-law alpha of its eigenvalue spectrum (WeightWatcher's), the spectral norm, the stable rank, the "
           "Marchenko-Pastur bulk edge and soft rank, the number of eigenvalues above the edge (outliers), the "
           "sparsity. Matrices whose smaller side is above 4096 are not skipped: their top 64 eigenvalues come from "
           "randomized subspace iteration, and their rows say so. Results are cached per file; progress goes to "
           "stderr.\n\n"
        + Args::help(healthOptions());
}

int healthCommand(const std::vector<std::string>& argv)
{
    const Args a(healthOptions(), argv);
    if (a.has("help")) {
        std::cout << healthHelp();
        return 0;
    }
    if (a.positional().size() != 1)
        throw ConfigError("health needs one weight file (see health --help)");
    if (a.has("json") && a.has("csv"))
        throw ConfigError("--json and --csv exclude each other");
    HealthOptions options;
    options.exactMaxSide = a.integer("exact-max-side", kSpectrumMaxSide);
    options.topK = int(a.integer("top-k", options.topK));
    if (options.exactMaxSide < 1 || options.exactMaxSide > kSpectrumMaxSide)
        throw ConfigError("--exact-max-side must be between 1 and " + std::to_string(kSpectrumMaxSide));
    if (options.topK < 1 || options.topK > 4096)
        throw ConfigError("--top-k must be between 1 and 4096");
    const std::string cacheDir = a.has("no-cache") ? "" : a.get("cache").value_or(defaultHealthCacheDir());

    const auto file = openWeightFile(a.positional()[0]);
    ProgressLine line(!a.has("quiet"));
    const HealthReport report = computeHealth(*file, cacheDir, options, {}, std::ref(line));
    line.done();
    if (!report.cacheNote.empty())
        std::cerr << "weightscope-cli: " << report.cacheNote << "\n";
    printTable(a, [&](std::ostream& out) { out << healthReportJson(report).dump(2) << "\n"; },
        [&](std::ostream& out) { writeHealthCsv(out, report); }, [&](std::ostream& out) { printText(out, report); });
    if (report.rows.size() == size_t(report.failed)) {
        std::cerr << "weightscope-cli: " << file->path()
                  << (report.rows.empty() ? ": no 2-D weight or convolution kernel to analyse" : ": no tensor could be analysed")
                  << "\n";
        return 1;
    }
    return 0;
}

} // namespace ws::cli
