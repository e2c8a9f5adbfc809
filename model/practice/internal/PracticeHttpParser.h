#pragma once

#include "practice/PracticeRequest.h"
#include "practice/PracticeServerLimits.h"

#include <QByteArray>
#include <QString>

namespace jwtflow {

// Reads HTTP/1.1 requests (RFC 9112) from a byte stream, one at a time, within
// PracticeServerLimits: the request line, the header section, a Content-Length or chunked body.
// It never holds more than the limits allow: a declared body over the cap is refused from its
// header, before one byte of it is read, and chunks are counted as they come. No sockets here, so
// the framing is testable and fuzzable on its own.
class PracticeHttpParser {
public:
    enum class Step { NeedMore, Ready, Failed };

    explicit PracticeHttpParser(const PracticeServerLimits &limits = {});

    // Consumes what it can from the front of `buffer`. Ready: request() holds a whole request and
    // the rest of `buffer` is the next one's (call reset() before feeding it). Failed: status()
    // and message() say why; the connection cannot be read further.
    Step feed(QByteArray &buffer);
    void reset();

    const PracticeRequest &request() const { return m_request; }
    bool keepAlive() const { return m_keepAlive; }
    // The client waits for "100 Continue" before its body (curl does for large bodies).
    bool expectsContinue() const { return m_expectContinue && m_state == State::Body; }
    bool hasStarted() const { return m_started; } // a byte of this request has arrived
    int status() const { return m_status; }
    QString message() const { return m_message; }
    // The path of the request line, when it was read (to answer a refusal in the endpoint's shape).
    QString path() const { return m_request.path; }

private:
    enum class State { RequestLine, Headers, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Done, Failed };

    Step fail(int status, const QString &message);
    Step parseRequestLine(const QByteArray &line);
    Step parseHeaderLine(const QByteArray &line);
    Step headersDone();
    // One header or trailer line within what is left of the header budget; false with `stop` set
    // (431 when the budget is spent, NeedMore when the line has not all arrived).
    bool takeFieldLine(QByteArray &buffer, QByteArray &line, Step &stop);
    // The next line (without CR LF), or nothing while none is complete; `cap` bounds a line.
    bool takeLine(QByteArray &buffer, QByteArray &line, qsizetype cap, bool &tooLong);
    // Moves up to m_remaining bytes of body (whole or one chunk) from buffer; true once all arrived.
    bool takeBodyBytes(QByteArray &buffer);

    PracticeServerLimits m_limits;
    State m_state = State::RequestLine;
    PracticeRequest m_request;
    qsizetype m_headerBytes = 0;
    int m_headerCount = 0;
    qsizetype m_remaining = 0; // of the Content-Length body or of the current chunk
    bool m_chunked = false;
    bool m_hasLength = false;
    bool m_keepAlive = true;
    bool m_expectContinue = false;
    bool m_started = false;
    bool m_http10 = false;
    int m_status = 0;
    QString m_message;
};

} // namespace jwtflow
