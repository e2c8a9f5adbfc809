#include "practice/internal/PracticeHttpParser.h"

#include <QUrl>
#include <algorithm>

namespace jwtflow {

namespace {

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 32 || u >= 127 || QByteArrayView("()<>@,;:\\\"/[]?={}").contains(c))
            return false;
    }
    return true;
}

// Whether a comma-separated header value lists `token` (case-insensitive), as Connection does.
bool listsToken(const QByteArray &value, QByteArrayView token)
{
    for (const QByteArray &item : value.split(','))
        if (token.compare(item.trimmed(), Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

} // namespace

PracticeHttpParser::PracticeHttpParser(const PracticeServerLimits &limits)
    : m_limits(limits)
{ }

void PracticeHttpParser::reset()
{
    *this = PracticeHttpParser(m_limits);
}

PracticeHttpParser::Step PracticeHttpParser::fail(int status, const QString &message)
{
    m_state = State::Failed;
    m_status = status;
    m_message = message;
    return Step::Failed;
}

bool PracticeHttpParser::takeFieldLine(QByteArray &buffer, QByteArray &line, Step &stop)
{
    bool tooLong = false;
    if (!takeLine(buffer, line, m_limits.maxHeaderBytes - m_headerBytes, tooLong)) {
        stop = tooLong ? fail(431, QStringLiteral("The request's headers are larger than %1 bytes.").arg(m_limits.maxHeaderBytes))
                       : Step::NeedMore;
        return false;
    }
    m_headerBytes += line.size() + 2;
    return true;
}

bool PracticeHttpParser::takeBodyBytes(QByteArray &buffer)
{
    const qsizetype take = qMin(m_remaining, buffer.size());
    m_request.body.append(buffer.constData(), take);
    buffer.remove(0, take);
    m_remaining -= take;
    return m_remaining == 0;
}

bool PracticeHttpParser::takeLine(QByteArray &buffer, QByteArray &line, qsizetype cap, bool &tooLong)
{
    tooLong = false;
    const qsizetype end = buffer.indexOf('\n');
    if (end < 0) {
        tooLong = buffer.size() > cap;
        return false;
    }
    if (end > cap) {
        tooLong = true;
        return false;
    }
    line = buffer.left(end);
    if (line.endsWith('\r'))
        line.chop(1);
    buffer.remove(0, end + 1);
    return true;
}

PracticeHttpParser::Step PracticeHttpParser::feed(QByteArray &buffer)
{
    if (!buffer.isEmpty())
        m_started = true;
    QByteArray line;
    bool tooLong = false;
    while (true) {
        switch (m_state) {
        case State::RequestLine:
            // RFC 9112 §2.2: empty lines before the request line are ignored.
            while (buffer.startsWith("\r\n") || buffer.startsWith('\n'))
                buffer.remove(0, buffer.startsWith('\n') ? 1 : 2);
            if (!takeLine(buffer, line, m_limits.maxRequestLine, tooLong))
                return tooLong
                    ? fail(414, QStringLiteral("The request line is longer than %1 bytes.").arg(m_limits.maxRequestLine))
                    : Step::NeedMore;
            if (const Step step = parseRequestLine(line); step == Step::Failed)
                return step;
            m_state = State::Headers;
            break;
        case State::Headers: {
            if (Step stop = Step::NeedMore; !takeFieldLine(buffer, line, stop))
                return stop;
            if (line.isEmpty()) {
                if (const Step step = headersDone(); step == Step::Failed)
                    return step;
                break;
            }
            if (const Step step = parseHeaderLine(line); step == Step::Failed)
                return step;
            break;
        }
        case State::Body: {
            if (!takeBodyBytes(buffer))
                return Step::NeedMore;
            m_state = State::Done;
            break;
        }
        case State::ChunkSize: {
            if (!takeLine(buffer, line, 1024, tooLong))
                return tooLong ? fail(400, QStringLiteral("A chunk size line is longer than 1024 bytes.")) : Step::NeedMore;
            const qsizetype extension = line.indexOf(';'); // chunk extensions are ignored
            const QByteArray digits = (extension < 0 ? line : line.left(extension)).trimmed();
            if (digits.isEmpty() || digits.size() > 15)
                return digits.isEmpty()
                    ? fail(400, QStringLiteral("A chunk has no size."))
                    : fail(413, QStringLiteral("The request body is larger than %1 bytes.").arg(m_limits.maxBodyBytes));
            bool ok = false;
            const qint64 size = digits.toLongLong(&ok, 16);
            if (!ok || size < 0)
                return fail(400, QStringLiteral("A chunk size is not hexadecimal."));
            if (size > m_limits.maxBodyBytes - m_request.body.size())
                return fail(413, QStringLiteral("The request body is larger than %1 bytes.").arg(m_limits.maxBodyBytes));
            m_remaining = qsizetype(size);
            m_state = size == 0 ? State::Trailers : State::ChunkData;
            break;
        }
        case State::ChunkData: {
            if (!takeBodyBytes(buffer))
                return Step::NeedMore;
            m_state = State::ChunkEnd;
            break;
        }
        case State::ChunkEnd:
            if (!takeLine(buffer, line, 2, tooLong))
                return tooLong ? fail(400, QStringLiteral("A chunk is longer than its size says.")) : Step::NeedMore;
            if (!line.isEmpty())
                return fail(400, QStringLiteral("A chunk is longer than its size says."));
            m_state = State::ChunkSize;
            break;
        case State::Trailers: {
            if (Step stop = Step::NeedMore; !takeFieldLine(buffer, line, stop))
                return stop;
            if (line.isEmpty())
                m_state = State::Done; // trailer fields are read and dropped (RFC 9112 §7.1.2)
            break;
        }
        case State::Done:
            return Step::Ready;
        case State::Failed:
            return Step::Failed;
        }
    }
}

PracticeHttpParser::Step PracticeHttpParser::parseRequestLine(const QByteArray &line)
{
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty())
        return fail(400, QStringLiteral("The request line is not \"METHOD target HTTP/1.1\"."));
    if (parts[2] == "HTTP/1.0")
        m_http10 = true;
    else if (parts[2] != "HTTP/1.1")
        return fail(505, QStringLiteral("Only HTTP/1.1 and HTTP/1.0 are spoken here."));
    m_keepAlive = !m_http10;
    m_request.method = parts[0];
    const QByteArray &target = parts[1];
    QByteArray path = target;
    QByteArray query;
    if (target.startsWith("http://") || target.startsWith("https://")) { // absolute form (RFC 9112 §3.2.2)
        const QUrl url = QUrl::fromEncoded(target, QUrl::StrictMode);
        if (!url.isValid())
            return fail(400, QStringLiteral("The request target is not a valid URL."));
        path = url.path(QUrl::FullyEncoded).toLatin1();
        query = url.query(QUrl::FullyEncoded).toLatin1();
    } else if (const qsizetype question = target.indexOf('?'); question >= 0) {
        path = target.left(question);
        query = target.mid(question + 1);
    }
    // "//services/oauth2/token" stays a path here (Salesforce serves it, clients that join
    // "https://host/" and "/services/..." send it); only runs of slashes collapse.
    m_request.path = PracticeRequest::normalisePath(QUrl::fromPercentEncoding(path));
    m_request.query = QUrlQuery(QString::fromLatin1(query));
    return Step::NeedMore;
}

PracticeHttpParser::Step PracticeHttpParser::parseHeaderLine(const QByteArray &line)
{
    if (++m_headerCount > m_limits.maxHeaderCount)
        return fail(431, QStringLiteral("The request has more than %1 headers.").arg(m_limits.maxHeaderCount));
    if (line.startsWith(' ') || line.startsWith('\t'))
        return fail(400, QStringLiteral("A header is folded over two lines (RFC 9112 §5.2 forbids it)."));
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(QByteArrayView(line).left(colon)))
        return fail(400, QStringLiteral("A header line has no \"Name: value\" form."));
    const QByteArray name = line.left(colon);
    const QByteArray value = line.mid(colon + 1).trimmed();
    if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
        bool ok = value.size() <= 18;
        const qint64 length = ok ? value.toLongLong(&ok) : 0;
        if (!ok || length < 0 || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return fail(400, QStringLiteral("Content-Length is not a number."));
        if (m_hasLength && length != m_remaining)
            return fail(400, QStringLiteral("The request has two different Content-Length headers."));
        if (length > m_limits.maxBodyBytes)
            return fail(413, QStringLiteral("The request body is larger than %1 bytes.").arg(m_limits.maxBodyBytes));
        m_hasLength = true;
        m_remaining = qsizetype(length);
    } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
        if (value.compare("chunked", Qt::CaseInsensitive) != 0)
            return fail(501, QStringLiteral("Only the chunked transfer coding is understood."));
        m_chunked = true;
    } else if (name.compare("Connection", Qt::CaseInsensitive) == 0) {
        if (listsToken(value, "close"))
            m_keepAlive = false;
        else if (listsToken(value, "keep-alive"))
            m_keepAlive = true;
    } else if (name.compare("Expect", Qt::CaseInsensitive) == 0) {
        m_expectContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
    }
    m_request.headers.emplaceBack(name, value);
    return Step::NeedMore;
}

PracticeHttpParser::Step PracticeHttpParser::headersDone()
{
    // RFC 9112 §6.3: both framings at once is how requests are smuggled; refuse rather than choose.
    if (m_chunked && m_hasLength)
        return fail(400, QStringLiteral("The request has both Content-Length and Transfer-Encoding."));
    if (m_chunked)
        m_state = State::ChunkSize;
    else if (m_remaining > 0) {
        m_request.body.reserve(m_remaining);
        m_state = State::Body;
    } else
        m_state = State::Done;
    return Step::NeedMore;
}

} // namespace jwtflow
