// SPDX-License-Identifier: GPL-3.0-or-later
// The number of threads the engine's numerics use: the GEMM, convolutions, statistics, and
// Eigen's products over OpenMP.
//
// The count belongs to the calling thread, so two trainings on two threads (the Playground's and
// the Training tab's) each keep their own. It was process-wide (Eigen::setNbThreads) until
// ThreadSanitizer found the two training threads writing it at once, the Playground's 1 then
// slowing the other run down.
#pragma once

namespace ws {

// The calling thread's count; n <= 0 means all cores. Sets OpenMP's count for this thread too.
void setThreadCount(int n);
// The calling thread's count: what it set, else the process default.
int threadCount();
// For threads that set no count of their own (the GUI's preference); n <= 0 means all cores.
void setDefaultThreadCount(int n);
int hardwareThreads();

// Lowers the calling thread's scheduling priority below the threads that call it not (Linux:
// its nice value, which is per thread, rises by `steps`, at most to 19; elsewhere nothing), once
// per thread: later calls on the same thread change nothing. For training threads of the GUI
// (#22 item 7): four Playground racers and the GUI thread share two cores, and the GUI thread
// got its fair fifth, 27 frames a second, where it needs two fifths for 30. Returns the
// thread's nice value after the call (0 where there is none).
int yieldToForegroundThreads(int steps = 5);

} // namespace ws
