// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's thread count belongs to the thread that sets it: the Playground trains with 1
// thread while the Training tab trains with all cores. It was one process-wide count (Eigen's),
// which the two training threads wrote at once (ThreadSanitizer, test_training) and the
// Playground's 1 then slowed the other run down.
#include "TeamFlushing.h"
#include "util/Subnormals.h"
#include "util/Threads.h"

#include <gtest/gtest.h>

#include <omp.h>

#include <latch>
#include <thread>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

using namespace ws;

TEST(Threads, EachThreadKeepsItsOwnCount)
{
    std::latch bothSet(2);
    int seen[2] = {}, seenByOpenMp[2] = {};
    auto training = [&](int index, int count) {
        setThreadCount(count);
        bothSet.arrive_and_wait(); // the other thread has set its own by now
        seen[index] = threadCount();
        seenByOpenMp[index] = omp_get_max_threads(); // what Eigen's products use
    };
    std::thread playground(training, 0, 1), panel(training, 1, 3);
    playground.join();
    panel.join();
    EXPECT_EQ(seen[0], 1);
    EXPECT_EQ(seen[1], 3);
    EXPECT_EQ(seenByOpenMp[0], 1);
    EXPECT_EQ(seenByOpenMp[1], 3);
}

TEST(Threads, AThreadThatSetsNoneGetsTheDefault)
{
    int seen = 0;
    setDefaultThreadCount(2);
    std::thread([&] { seen = threadCount(); }).join();
    EXPECT_EQ(seen, 2);
    setDefaultThreadCount(0); // all cores
    std::thread([&] { seen = threadCount(); }).join();
    EXPECT_EQ(seen, hardwareThreads());
}

#if defined(__linux__)
// A Playground racer yields to the GUI thread (#22 item 7): its own nice value rises, once, and
// the thread that started it keeps its own.
TEST(Threads, ATrainingThreadYieldsToTheOthersOnceAndAloneAmongThem)
{
    auto niceOfThisThread = [] { return ::getpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid))); };
    const int gui = niceOfThisThread();
    int before = -100, after = -100, again = -100, seen = -100;
    std::thread([&] {
        before = niceOfThisThread();
        after = yieldToForegroundThreads(5);
        again = yieldToForegroundThreads(5);
        seen = niceOfThisThread();
    }).join();
    EXPECT_EQ(before, gui); // a new thread starts with its creator's
    EXPECT_EQ(after, std::min(19, before + 5));
    EXPECT_EQ(again, after); // once per thread
    EXPECT_EQ(seen, after);
    EXPECT_EQ(niceOfThisThread(), gui); // the other threads keep theirs
}
#endif

// util/Subnormals.h: a scope sets its whole team even inside a scope that flushes on the calling
// thread alone, and each end puts back what its start found. Run on a thread of its own, whose
// OpenMP team exists before the scopes (so that no thread of it inherits the flush). The team
// has one thread under the tsan stage's OMP_THREAD_LIMIT=1.
TEST(Subnormals, AScopeInsideAnotherSetsItsWholeTeamAndEachEndRestoresWhatItFound)
{
    std::thread([] {
        const auto flushing = [] { return ws::test::teamFlushing().flushing; };
        const int team = ws::test::teamFlushing().team;
        EXPECT_EQ(flushing(), 0);
        {
            const ws::SubnormalsFlushed outer(true, 1);
            EXPECT_EQ(flushing(), 1) << "the calling thread only";
            {
                const ws::SubnormalsFlushed inner(true, 2);
                EXPECT_EQ(flushing(), team) << "every thread of the team";
                const ws::SubnormalsFlushed kept(false, 2);
                EXPECT_EQ(flushing(), team) << "flush = false changes nothing";
            }
            EXPECT_EQ(flushing(), 1) << "the inner end puts back what it found: the calling thread only";
        }
        EXPECT_EQ(flushing(), 0);
        volatile float tiny = 1e-38f;
        EXPECT_GT(tiny * 0.5f, 0.0f) << "a subnormal result, kept";
        const ws::SubnormalsFlushed scope(true, 1);
        EXPECT_EQ(tiny * 0.5f, 0.0f) << "flushed to zero";
    }).join();
}
