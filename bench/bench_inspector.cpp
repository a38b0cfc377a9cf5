// SPDX-License-Identifier: GPL-3.0-or-later
// The inspector's responsiveness on a Llama-sized matrix (issue #5, "Speed"): a 4096 × 11008 BF16
// tensor (45 M elements, 90 MB) in a safetensors file in the temporary folder is opened in the
// main window offscreen; the program prints how long the heatmap and the statistics take to
// appear after selection, and the longest gap between two ticks of a 5 ms timer on the GUI
// thread (an event-loop stall) during opening and drawing. Prints figures; asserts nothing.
//   QT_QPA_PLATFORM=offscreen build/release/bench/bench_inspector
#include "shell/MainWindow.h"
#include "inspector/Inspector.h"
#include "inspector/TensorViewPanel.h"
#include "tensor/DType.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include <time.h>

#include <unistd.h>

namespace {

constexpr int64_t kRows = 4096, kCols = 11008;

std::string writeFile()
{
    const std::string p = (std::filesystem::temp_directory_path()
        / ("ws_bench_inspector_" + std::to_string(::getpid()) + ".safetensors")).string();
    std::string header = R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"w":{"dtype":"BF16","shape":[4096,11008],"data_offsets":[8,)"
        + std::to_string(8 + 2 * kRows * kCols) + "]}}";
    header.append((8 - header.size() % 8) % 8, ' ');
    std::ofstream out(p, std::ios::binary);
    const uint64_t len = header.size();
    for (int i = 0; i < 8; ++i)
        out.put(char(uint8_t(len >> (8 * i))));
    out << header;
    const float a[2] = { 1, 2 };
    out.write(reinterpret_cast<const char*>(a), 8);
    std::mt19937 rng(1);
    std::normal_distribution<float> normal(0.0f, 0.02f);
    std::vector<uint16_t> row(static_cast<size_t>(kCols));
    for (int64_t r = 0; r < kRows; ++r) {
        for (auto& v : row)
            v = ws::floatToBfloat16(normal(rng));
        out.write(reinterpret_cast<const char*>(row.data()), std::streamsize(row.size() * 2));
    }
    return p;
}

// Longest interval between ticks of a 5 ms timer: what the user would feel as a freeze.
struct StallProbe {
    QElapsedTimer clock;
    qint64 last = 0, worst = 0;
    QTimer timer;
    StallProbe()
    {
        clock.start();
        timer.setInterval(5);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            const qint64 now = clock.elapsed();
            worst = std::max(worst, now - last);
            last = now;
        });
    }
    void reset()
    {
        last = clock.elapsed();
        worst = 0;
        timer.start();
    }
};

bool waitFor(QSignalSpy& spy, int count, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (spy.count() < count && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return spy.count() >= count;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("WeightscopeBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_inspector"));
    const std::string path = writeFile();

    ws::ui::MainWindow window;
    window.show();
    auto* inspector = window.inspector();
    StallProbe probe;

    QSignalSpy opened(inspector, &ws::ui::Inspector::modelOpened);
    QSignalSpy pictures(inspector, &ws::ui::Inspector::pictureShown);
    QSignalSpy numbers(inspector, &ws::ui::Inspector::numbersShown);
    probe.reset();
    QElapsedTimer t;
    t.start();
    inspector->open(QString::fromStdString(path));
    if (!waitFor(opened, 1, 30000) || !waitFor(numbers, 1, 30000)) { // opening shows tensor "a"
        std::fprintf(stderr, "bench_inspector: the file did not open\n");
        return 1;
    }
    std::printf("open (tensor list and first tensor shown): %lld ms, longest event-loop stall %lld ms\n",
        static_cast<long long>(t.elapsed()), static_cast<long long>(probe.worst));

    for (int run = 0; run < 3; ++run) {
        inspector->selectTensor(0);
        waitFor(numbers, 2 + 2 * run, 30000);
        pictures.clear();
        const int before = int(numbers.count());
        probe.reset();
        t.restart();
        inspector->selectTensor(1); // the 4096 × 11008 matrix
        if (!waitFor(pictures, 1, 30000))
            return 1;
        const qint64 picture = t.elapsed();
        if (!waitFor(numbers, before + 1, 60000))
            return 1;
        std::printf("run %d: heatmap %lld ms after selection, statistics %lld ms%s; longest stall %lld ms; %s\n", run + 1,
            static_cast<long long>(picture), static_cast<long long>(t.elapsed()), run > 0 ? " (cached)" : "",
            static_cast<long long>(probe.worst), qPrintable(inspector->tensorView()->statusText().section(QLatin1Char(';'), 0, 0)));
    }
    // The GUI thread's own share of drawing the heatmap (filling the colour map, replotting), as
    // CPU time of this thread: the figure a loaded machine does not inflate.
    auto* view = inspector->tensorView();
    const ws::ui::TensorPicture shown = view->picture();
    for (int run = 0; run < 3; ++run) {
        timespec a{}, b{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
        t.restart();
        view->showPicture(shown);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
        std::printf("drawing the heatmap on the GUI thread: %.1f ms CPU, %lld ms wall\n",
            double(b.tv_sec - a.tv_sec) * 1e3 + double(b.tv_nsec - a.tv_nsec) / 1e6, static_cast<long long>(t.elapsed()));
    }
    window.close();
    std::remove(path.c_str());
    return 0;
}
