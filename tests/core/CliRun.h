// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the real weightscope-cli (WS_CLI, the path CMake gives the test target) in a child
// process: its exit status, and what it printed to stdout and to stderr, kept apart so that a
// test can parse stdout (predict --json) and still show stderr when something fails.
#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

namespace ws::test {

struct CliRun {
    int status = -1; // the exit status; -1 when the child did not exit (a signal) or did not start
    std::string out, err;
};

// `inChild` runs in the child just before exec (resource limits, signal dispositions).
inline CliRun runCli(const std::vector<std::string>& args, const std::function<void()>& inChild = {})
{
    CliRun run;
    std::vector<char*> argv = { const_cast<char*>(WS_CLI) };
    for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    // stderr goes to a file, not a second pipe: one pipe read to its end cannot deadlock.
    FILE* errFile = std::tmpfile();
    int outPipe[2];
    if (!errFile || pipe(outPipe) != 0)
        return run;
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(outPipe[1], STDOUT_FILENO);
        dup2(fileno(errFile), STDERR_FILENO);
        close(outPipe[0]);
        close(outPipe[1]);
        if (inChild)
            inChild();
        execv(WS_CLI, argv.data());
        _exit(127);
    }
    close(outPipe[1]);
    char buf[4096];
    for (ssize_t n; (n = read(outPipe[0], buf, sizeof buf)) != 0;)
        if (n > 0)
            run.out.append(buf, size_t(n));
        else if (errno != EINTR)
            break;
    close(outPipe[0]);
    int status = 0;
    if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status))
        run.status = WEXITSTATUS(status);
    std::rewind(errFile);
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, errFile)) > 0;)
        run.err.append(buf, n);
    std::fclose(errFile);
    return run;
}

} // namespace ws::test
