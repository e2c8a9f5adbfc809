#pragma once

namespace jwtflow {

// What both programs do first in main(): no core dump, ever. A core file of a process that loaded
// a key holds the key's primes, its passphrase and any token in clear (seen after a crash in
// qca-ossl), and lands in the working folder or a system crash collector.
class ProcessHardening {
public:
    // RLIMIT_CORE 0 (soft and hard, so no child or library raises it again) and
    // prctl(PR_SET_DUMPABLE, 0), which also keeps other processes of the same user from reading
    // this one's memory through ptrace or /proc/PID/mem. Returns false if either call failed.
    static bool refuseCoreDumps();
};

} // namespace jwtflow
