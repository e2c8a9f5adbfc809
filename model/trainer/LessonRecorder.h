#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "flow/Diagnosis.h"
#include "flow/ExchangeResult.h"
#include "flow/HttpExchangeRecord.h"
#include "flow/SecretMasker.h"

#include <QList>
#include <QString>
#include <QUrl>

namespace jwtflow {

// The lesson as it happened, for the class handout: the steps reached, the failures switched on,
// every request and response (raw HTTP, secrets masked), each refusal's diagnosis. Only masked text
// is stored: an access token seen once is also masked in everything recorded after it (a
// frontdoor link carries it). Exports Markdown and HTML: the steps in the lesson's order, each with
// what the class saw when it was ticked, then what happened, in time order.
class LessonRecorder {
public:
    enum class Kind { Step, Scenario, Exchange, Call, Note };
    enum class Format { Markdown, Html };

    struct Entry {
        Kind kind = Kind::Note;
        qint64 time = 0; // seconds since the epoch
        QString title; // "Step 6: Exchange it for an access token", "POST /services/oauth2/token → 200"
        QString text; // explanation, change, summary (plain text)
        QString http; // the raw HTTP exchange, masked (Exchange and Call)
        QString diagnosis; // a refusal's diagnosis: title, server message, causes and fixes
        int step = 0; // Step: its number in the lesson (1-based)
        QString seen; // Step: what the class saw in the window when it was ticked
    };

    explicit LessonRecorder(const Clock &clock = SystemClock::instance());

    void setTitle(const QString &title) { m_title = title; }
    QString title() const { return m_title; }

    void recordStep(int number, const QString &title, const QString &explanation, const QString &seen = {});
    void recordScenario(const QString &title, const QString &change);
    void recordExchange(const ExchangeResult &result, const Diagnosis &diagnosis = {});
    void recordCall(const HttpExchangeRecord &record);
    void recordFrontdoor(const QUrl &url);
    void recordNote(const QString &title, const QString &text);
    void clear();

    const QList<Entry> &entries() const { return m_entries; }
    bool isEmpty() const { return m_entries.isEmpty(); }

    QString toMarkdown() const;
    QString toHtml() const;
    QString render(Format format) const { return format == Format::Html ? toHtml() : toMarkdown(); }
    // ".html"/".htm" → Html, anything else Markdown.
    static Format formatForPath(const QString &path);
    // Writes atomically. Error code "lesson.write".
    Result<void> save(const QString &path, Format format) const;
    Result<void> save(const QString &path) const { return save(path, formatForPath(path)); }

private:
    void append(Entry entry);
    QString masked(const QString &text) const { return m_session.apply(text); }
    QList<Entry> stepsInOrder() const;
    QList<Entry> events() const; // everything but the steps, in time order

    const Clock &m_clock;
    QString m_title;
    QList<Entry> m_entries;
    SecretMasker m_session; // every token seen in this lesson
};

} // namespace jwtflow
