// SPDX-License-Identifier: GPL-3.0-or-later
// The architecture dock with a 2,000-node graph (#16 item 7: "a 2,000-node graph lays out off the
// GUI thread in under 2 s on this machine and pans at interactive speed"): a ResNet-like chain of
// blocks (conv, bn, relu, conv, bn, add with a skip from the block's input, relu) laid out by
// layOutArchitecture (what the loader runs on its worker), then drawn by ArchitecturePanel at
// 1280 × 800 and panned: each frame moves the view by a tenth of its height and paints it at once
// (QWidget::repaint), at the zoom a file opens with (fitted) and at 1:1, where box text is legible.
//
//   QT_QPA_PLATFORM=offscreen build/release/bench/bench_architecture [BLOCKS]
#include "BenchGui.h"

#include "inspector/ArchitectureGroups.h"
#include "inspector/ArchitecturePanel.h"
#include "inspector/InspectorTypes.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QGraphicsView>
#include <QScrollBar>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

using namespace ws::ui;

namespace {

LoadedModel resnetModel(int blocks)
{
    LoadedModel model;
    model.hasModel = true;
    ArchitectureBox input;
    input.name = "input";
    input.type = "Input";
    input.outputShape = "(1, 32, 56, 56)";
    model.boxes << input;
    const char* ops[] = { "Conv", "BatchNormalization", "Relu", "Conv", "BatchNormalization", "Add", "Relu" };
    int in = 0;
    for (int b = 0; b < blocks; ++b) {
        const int base = int(model.boxes.size());
        for (int k = 0; k < 7; ++k) {
            ArchitectureBox box;
            box.name = QString("/layer%1/%2_%3").arg(b).arg(ops[k]).arg(k);
            box.type = ops[k];
            box.outputShape = "(1, 32, 56, 56)";
            box.params = k == 0 || k == 3 ? 9248 : k == 1 || k == 4 ? 128 : 0;
            box.inputs << (k == 0 ? in : base + k - 1);
            if (k == 5)
                box.inputs << in; // the skip
            model.boxes << box;
        }
        in = base + 6;
    }
    return model;
}

double loadAverage()
{
    double one = 0;
    std::ifstream("/proc/loadavg") >> one;
    return one;
}

struct Frames {
    std::vector<double> ms;
    double cpu = 0;
    int range = 0, step = 0; // the scroll bar's range and a frame's move, pixels
    double mean() const { return ms.empty() ? 0 : std::accumulate(ms.begin(), ms.end(), 0.0) / double(ms.size()); }
    double p95() const
    {
        std::vector<double> s = ms;
        std::sort(s.begin(), s.end());
        return s.empty() ? 0 : s[size_t(0.95 * double(s.size() - 1))];
    }
};

double guiCpu() { return threadCpuSeconds("bench_architecture"); } // the main thread has the program's name

// Pans down the scene a tenth of the view at a time, painting each frame at once, then back up.
Frames pan(QGraphicsView* view, int frames)
{
    Frames f;
    QScrollBar* v = view->verticalScrollBar();
    const int stepPx = std::max(1, view->viewport()->height() / 10);
    const double cpu0 = guiCpu();
    int direction = 1;
    for (int i = 0; i < frames; ++i) {
        if (v->value() + direction * stepPx > v->maximum() || v->value() + direction * stepPx < v->minimum())
            direction = -direction;
        QElapsedTimer t;
        t.start();
        v->setValue(v->value() + direction * stepPx);
        view->viewport()->repaint();
        f.ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    f.cpu = guiCpu() - cpu0;
    f.range = v->maximum() - v->minimum();
    f.step = stepPx;
    return f;
}

} // namespace



int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const int blocks = argc > 1 ? std::max(1, std::atoi(argv[1])) : 2000 / 7;
    std::printf("load average before: %.2f\n", loadAverage());

    LoadedModel model = resnetModel(blocks);
    const auto t0 = std::chrono::steady_clock::now();
    showArchitecture(model); // shown/shownFrom, then layOutArchitecture: the loader's worker does this
    const double layoutS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%lld boxes, layout (Graphviz dot, the loader's worker's part): %.3f s\n",
        static_cast<long long>(model.shown.size()), layoutS);

    ArchitecturePanel panel;
    panel.resize(1280, 800);
    panel.show();
    QElapsedTimer drawn;
    drawn.start();
    panel.setModel(model); // the GUI thread's part: items for every box and arrow
    const double drawMs = double(drawn.nsecsElapsed()) / 1e6;
    QApplication::processEvents();
    std::printf("drawn by the panel (GUI thread, scene items): %.1f ms, %d boxes\n", drawMs, panel.boxCount());

    auto* view = panel.findChild<QGraphicsView*>();
    if (!view) {
        std::fprintf(stderr, "no view\n");
        return 1;
    }
    const int frames = 200;
    const Frames fitted = pan(view, frames);
    std::printf("pan, fitted (zoom %.3f): mean %.1f ms a frame (%.0f fps; GUI CPU %.1f ms a frame), p95 %.1f ms; %d px a frame of %d\n",
        panel.zoom(), fitted.mean(), 1000.0 / std::max(0.001, fitted.mean()), 1000.0 * fitted.cpu / frames, fitted.p95(), fitted.step, fitted.range);
    view->resetTransform(); // 1:1, text legible
    QApplication::processEvents();
    const Frames oneToOne = pan(view, frames);
    std::printf("pan, 1:1 (zoom %.3f): mean %.1f ms a frame (%.0f fps; GUI CPU %.1f ms a frame), p95 %.1f ms; %d px a frame of %d\n",
        panel.zoom(), oneToOne.mean(), 1000.0 / std::max(0.001, oneToOne.mean()), 1000.0 * oneToOne.cpu / frames, oneToOne.p95(), oneToOne.step, oneToOne.range);
    std::printf("load average after: %.2f\n", loadAverage());
    return 0;
}
