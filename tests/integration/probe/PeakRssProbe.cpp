// Runs a command as its own child and writes the command's peak resident set and wait status to a
// file: "<ru_maxrss KiB> <wait status>". HostileServerTest measures each CLI command through it.
//
// Why not posix_spawn + wait4 straight from the test: posix_spawn's child shares the test's memory
// until it execs, and Linux carries the larger of the old and the new peak across exec
// (exec_mmap() keeps the old mm's high-water mark in the process's maxrss), so wait4 would report
// the test process's own peak whenever that is the larger one (seen under AddressSanitizer: 342 MB
// for a command that never got an answer). A child forked from this small process starts its count
// at this process's few MB.
#include <cerrno>
#include <cstdio>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s OUT-FILE COMMAND [ARGUMENT...]\n", argv[0]);
        return 2;
    }
    const pid_t pid = fork();
    if (pid < 0) {
        std::perror("fork");
        return 2;
    }
    if (pid == 0) {
        execv(argv[2], argv + 2);
        std::perror("execv");
        _exit(127);
    }
    int status = 0;
    rusage usage {};
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            std::perror("wait4");
            return 2;
        }
    }
    std::FILE *out = std::fopen(argv[1], "w");
    if (!out) {
        std::perror("fopen");
        return 2;
    }
    std::fprintf(out, "%ld %d\n", usage.ru_maxrss, status);
    return std::fclose(out) == 0 ? 0 : 2;
}
