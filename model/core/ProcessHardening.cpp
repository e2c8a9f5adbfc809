#include "core/ProcessHardening.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#include <sys/resource.h>
#endif

// LeakSanitizer stops the world through ptrace at exit, which a process that is not dumpable
// refuses it; sanitizer builds (tests only) keep RLIMIT_CORE 0 alone.
#if defined(__SANITIZE_ADDRESS__)
#define JWTFLOW_UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define JWTFLOW_UNDER_SANITIZER 1
#endif
#endif

namespace jwtflow {

bool ProcessHardening::refuseCoreDumps()
{
#ifdef Q_OS_LINUX
    const rlimit none { 0, 0 };
    bool ok = setrlimit(RLIMIT_CORE, &none) == 0;
#ifndef JWTFLOW_UNDER_SANITIZER
    ok = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 && ok;
#endif
    return ok;
#else
    return true;
#endif
}

} // namespace jwtflow
