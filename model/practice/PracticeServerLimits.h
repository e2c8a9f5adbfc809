#pragma once

#include <QtGlobal>

namespace jwtflow {

// What the practice org's HTTP front takes before it refuses (413, 414, 431 with Salesforce-shaped
// bodies) or closes a connection. A JWT bearer request is a few KiB; these leave room for SOQL in
// a URL and for REST bodies while keeping a hostile client's cost to the process small.
struct PracticeServerLimits {
    qsizetype maxRequestLine = 16 * 1024; // 414 URI Too Long
    qsizetype maxHeaderBytes = 32 * 1024; // all header lines (and chunked trailers) together: 431
    int maxHeaderCount = 100; // 431
    qsizetype maxBodyBytes = 1024 * 1024; // Content-Length or the chunks' sum: 413
    int maxConnections = 256; // open at once; beyond, an idle one is dropped or the new one is
    int idleTimeoutMs = 30000; // a request must arrive whole within this (slowloris), and an
                               // idle keep-alive connection is closed after it
};

} // namespace jwtflow
