// SPDX-License-Identifier: GPL-3.0-or-later
// What the GUI benchmarks measure alike: the CPU time Linux accounts to one thread
// (/proc/self/task/<tid>/stat), a clock for its work independent of the machine's load; and the
// event loop's stalls, as gaps between the ticks of a 5 ms timer on the GUI thread.
#pragma once

#include <QElapsedTimer>
#include <QTimer>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

// CPU seconds (user + system) of this process's thread named `name` (QThread sets the name from
// its objectName, cut to 15 characters); 0 when there is none.
inline double threadCpuSeconds(const std::string& name)
{
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
        std::string comm;
        std::getline(std::ifstream(task.path() / "comm"), comm);
        if (comm != name.substr(0, 15))
            continue;
        std::string stat;
        std::getline(std::ifstream(task.path() / "stat"), stat);
        // Fields after the parenthesised name: state is field 3, utime 14, stime 15.
        const size_t close = stat.rfind(')');
        if (close == std::string::npos)
            return 0.0;
        std::vector<std::string> fields;
        size_t at = close + 2;
        while (at < stat.size()) {
            const size_t end = std::min(stat.find(' ', at), stat.size());
            fields.push_back(stat.substr(at, end - at));
            at = end + 1;
        }
        if (fields.size() < 13)
            return 0.0;
        return double(std::stoll(fields[11]) + std::stoll(fields[12])) / double(sysconf(_SC_CLK_TCK));
    }
    return 0.0;
}

// Gaps between ticks of a 5 ms timer on the GUI thread, from start() to stop(): an event-loop
// stall shows as a long gap.
class EventLoopProbe {
public:
    EventLoopProbe()
    {
        timer_.setTimerType(Qt::PreciseTimer);
        timer_.setInterval(5);
        QObject::connect(&timer_, &QTimer::timeout, [this] {
            gaps_.push_back(double(tick_.nsecsElapsed()) / 1e6);
            tick_.restart();
        });
    }
    void start()
    {
        tick_.start();
        timer_.start();
    }
    void stop()
    {
        timer_.stop();
        std::sort(gaps_.begin(), gaps_.end());
    }
    size_t ticks() const { return gaps_.size(); }
    double longest() const { return gaps_.empty() ? 0.0 : gaps_.back(); }
    double percentile(double q) const { return gaps_.empty() ? 0.0 : gaps_[size_t(q * double(gaps_.size() - 1))]; }
    long long over(double ms) const
    {
        return static_cast<long long>(std::count_if(gaps_.begin(), gaps_.end(), [ms](double g) { return g > ms; }));
    }

private:
    std::vector<double> gaps_; // ms, sorted after stop()
    QElapsedTimer tick_;
    QTimer timer_;
};

