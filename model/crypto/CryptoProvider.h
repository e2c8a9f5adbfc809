#pragma once

#include "core/Result.h"

#include <QStringList>

namespace jwtflow {

// The crypto backend (QCA with its OpenSSL plugin), started once per process on first use and
// kept alive until exit. Every crypto entry point calls ensureReady() first, so a missing
// plugin is one clear error instead of null keys and empty signatures further down.
// Keys and certificates must not outlive the QCoreApplication (measured: a QCA key destroyed
// after it crashes at exit), so never keep them in static storage.
class CryptoProvider {
public:
    // Error code "crypto.unavailable" when a feature jwtflow needs is missing.
    static Result<void> ensureReady();
    // The QCA features jwtflow needs that this installation lacks (empty when all is well).
    static QStringList missingFeatures();
    // e.g. "QCA 2.3.10, qca-ossl" for about boxes and bug reports.
    static QString description();
};

} // namespace jwtflow
