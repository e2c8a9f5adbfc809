#include "trainer/LessonRecorder.h"

#include "core/ErrorRed.h"

#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTimeZone>

#include <algorithm>

namespace jwtflow {

namespace {

QString timeText(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc()).toString(QStringLiteral("HH:mm:ss 'UTC'"));
}

// A fence longer than any run of backticks in the text, so a body cannot close it.
QString fenceFor(const QString &text)
{
    int longest = 0;
    int run = 0;
    for (const QChar c : text) {
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return QString(std::max(3, longest + 1), QLatin1Char('`'));
}

// Markdown reads *, _, [, <, # and friends as markup; titles and texts are shown as typed.
QString mdEscaped(const QString &text)
{
    static const QRegularExpression special(QStringLiteral(R"(([\\`*_{}\[\]()<>#+!|]))"));
    QString escaped = text;
    escaped.replace(special, QStringLiteral(R"(\\1)"));
    return escaped;
}

QString kindName(LessonRecorder::Kind kind)
{
    switch (kind) {
    case LessonRecorder::Kind::Step:
        return QStringLiteral("step");
    case LessonRecorder::Kind::Scenario:
        return QStringLiteral("scenario");
    case LessonRecorder::Kind::Exchange:
        return QStringLiteral("exchange");
    case LessonRecorder::Kind::Call:
        return QStringLiteral("call");
    case LessonRecorder::Kind::Note:
        return QStringLiteral("note");
    }
    return {};
}

QString diagnosisText(const Diagnosis &diagnosis)
{
    if (diagnosis.code.isEmpty())
        return {};
    QString text = QStringLiteral("%1 (%2)\n").arg(diagnosis.title, diagnosis.code);
    if (!diagnosis.serverMessage.isEmpty())
        text += QStringLiteral("Server said: %1\n").arg(diagnosis.serverMessage);
    int n = 1;
    for (const Diagnosis::Cause &cause : diagnosis.causes) {
        text += QStringLiteral("%1. %2").arg(n++).arg(cause.summary);
        if (!cause.implicated.isEmpty())
            text += QStringLiteral(" [%1]").arg(cause.implicated);
        text += QLatin1Char('\n');
        for (const QString &fix : cause.fixes)
            text += QStringLiteral("   - %1\n").arg(fix);
        if (n > 3)
            break; // the handout keeps the three likeliest causes
    }
    return text.trimmed();
}

} // namespace

LessonRecorder::LessonRecorder(const Clock &clock)
    : m_clock(clock)
    , m_title(QStringLiteral("JWT bearer flow lesson"))
{ }

void LessonRecorder::append(Entry entry)
{
    entry.time = m_clock.nowSecs();
    entry.title = masked(entry.title);
    entry.text = masked(entry.text);
    entry.http = masked(entry.http);
    entry.diagnosis = masked(entry.diagnosis);
    entry.seen = masked(entry.seen);
    m_entries.append(entry);
}

void LessonRecorder::recordStep(int number, const QString &title, const QString &explanation, const QString &seen)
{
    append(Entry { Kind::Step, 0, QStringLiteral("Step %1: %2").arg(number).arg(title), explanation, {}, {}, number, seen });
}

void LessonRecorder::recordScenario(const QString &title, const QString &change)
{
    append(Entry { Kind::Scenario, 0, QStringLiteral("Failure on purpose: %1").arg(title), change, {}, {}, 0, {} });
}

void LessonRecorder::recordExchange(const ExchangeResult &result, const Diagnosis &diagnosis)
{
    if (result.ok() && !result.token.accessToken.isEmpty())
        m_session.addToken(result.token.accessToken);
    const QString target = QString::fromUtf8(result.record.request.url.toEncoded(QUrl::RemoveQuery | QUrl::RemoveFragment));
    append(Entry { Kind::Exchange, 0, QStringLiteral("%1 %2").arg(QString::fromLatin1(result.record.request.method), target),
        result.summary(), result.record.render(HttpExchangeRecord::Style::Pretty, HttpExchangeRecord::Secrets::Mask),
        diagnosisText(diagnosis), 0, {} });
}

void LessonRecorder::recordCall(const HttpExchangeRecord &record)
{
    const QString target = QString::fromUtf8(record.request.url.toEncoded(QUrl::RemoveQuery | QUrl::RemoveFragment));
    const QString status = record.answered() ? QStringLiteral("HTTP %1").arg(record.response.status)
                                             : QStringLiteral("no answer: %1").arg(record.transportMessage);
    append(Entry { Kind::Call, 0, QStringLiteral("%1 %2").arg(QString::fromLatin1(record.request.method), target), status,
        record.render(HttpExchangeRecord::Style::Pretty, HttpExchangeRecord::Secrets::Mask), {}, 0, {} });
}

void LessonRecorder::recordFrontdoor(const QUrl &url)
{
    // The sid parameter is the access token itself.
    QUrl shown = url;
    shown.setQuery(QString());
    append(Entry { Kind::Note, 0, QStringLiteral("Opened the org through frontdoor"),
        QStringLiteral("The browser opened %1?sid=**** — sid carries the access token.")
            .arg(QString::fromUtf8(shown.toEncoded())),
        {}, {}, 0, {} });
}

void LessonRecorder::recordNote(const QString &title, const QString &text)
{
    append(Entry { Kind::Note, 0, title, text, {}, {}, 0, {} });
}

void LessonRecorder::clear()
{
    m_entries.clear();
}

QList<LessonRecorder::Entry> LessonRecorder::stepsInOrder() const
{
    QList<Entry> steps;
    for (const Entry &entry : m_entries) {
        if (entry.kind == Kind::Step)
            steps.append(entry);
    }
    // Steps are ticked in any order (an exchange before the key step was walked through); the
    // handout follows the lesson.
    std::stable_sort(steps.begin(), steps.end(), [](const Entry &a, const Entry &b) { return a.step < b.step; });
    return steps;
}

QList<LessonRecorder::Entry> LessonRecorder::events() const
{
    QList<Entry> events;
    for (const Entry &entry : m_entries) {
        if (entry.kind != Kind::Step)
            events.append(entry);
    }
    return events;
}

QString LessonRecorder::toMarkdown() const
{
    QString md = QStringLiteral("# %1\n\n").arg(mdEscaped(m_title));
    md += QStringLiteral("Secrets (signatures, access tokens) are masked as `****`.\n\n");
    const auto section = [&md](const QString &heading, const QList<Entry> &entries) {
        if (entries.isEmpty())
            return;
        md += QStringLiteral("## %1\n\n").arg(heading);
        for (const Entry &entry : entries) {
            md += QStringLiteral("### %1\n\n").arg(mdEscaped(entry.title));
            md += QStringLiteral("*%1 · %2*\n\n").arg(timeText(entry.time), kindName(entry.kind));
            if (!entry.text.isEmpty())
                md += mdEscaped(entry.text) + QStringLiteral("\n\n");
            if (!entry.seen.isEmpty())
                md += QStringLiteral("**What the class saw:** %1\n\n").arg(mdEscaped(entry.seen));
            if (!entry.http.isEmpty()) {
                const QString fence = fenceFor(entry.http);
                md += fence + QStringLiteral("http\n") + entry.http.trimmed() + QLatin1Char('\n') + fence
                    + QStringLiteral("\n\n");
            }
            if (!entry.diagnosis.isEmpty()) {
                const QString fence = fenceFor(entry.diagnosis);
                md += QStringLiteral("**Diagnosis**\n\n") + fence + QStringLiteral("text\n") + entry.diagnosis + QLatin1Char('\n')
                    + fence + QStringLiteral("\n\n");
            }
        }
    };
    section(QStringLiteral("Steps"), stepsInOrder());
    section(QStringLiteral("What happened"), events());
    return md;
}

QString LessonRecorder::toHtml() const
{
    const QString red = ErrorRed::onLightName(); // the handout is printed on white
    QString html = QStringLiteral(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>%1</title>\n"
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
        "pre{background:#f4f4f4;padding:.8em;overflow-x:auto;white-space:pre-wrap}"
        ".meta{color:#666;font-size:90%}.scenario h3{color:%2}.diagnosis{border-left:4px solid %2;padding-left:.8em}"
        "</style>\n</head>\n<body>\n<h1>%1</h1>\n<p>Secrets (signatures, access tokens) are masked as <code>****</code>.</p>\n")
                       .arg(m_title.toHtmlEscaped(), red);
    const auto section = [&html](const QString &heading, const QList<Entry> &entries) {
        if (entries.isEmpty())
            return;
        html += QStringLiteral("<h2>%1</h2>\n").arg(heading);
        for (const Entry &entry : entries) {
            html += QStringLiteral("<section class=\"%1\">\n<h3>%2</h3>\n<p class=\"meta\">%3 · %1</p>\n")
                        .arg(kindName(entry.kind), entry.title.toHtmlEscaped(), timeText(entry.time));
            if (!entry.text.isEmpty())
                html += QStringLiteral("<p>%1</p>\n").arg(entry.text.toHtmlEscaped());
            if (!entry.seen.isEmpty())
                html += QStringLiteral("<p><strong>What the class saw:</strong> %1</p>\n").arg(entry.seen.toHtmlEscaped());
            if (!entry.http.isEmpty())
                html += QStringLiteral("<pre>%1</pre>\n").arg(entry.http.trimmed().toHtmlEscaped());
            if (!entry.diagnosis.isEmpty())
                html += QStringLiteral("<div class=\"diagnosis\"><h4>Diagnosis</h4>\n<pre>%1</pre></div>\n")
                            .arg(entry.diagnosis.toHtmlEscaped());
            html += QStringLiteral("</section>\n");
        }
    };
    section(QStringLiteral("Steps"), stepsInOrder());
    section(QStringLiteral("What happened"), events());
    html += QStringLiteral("</body>\n</html>\n");
    return html;
}

LessonRecorder::Format LessonRecorder::formatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("html") || suffix == QLatin1String("htm") ? Format::Html : Format::Markdown;
}

Result<void> LessonRecorder::save(const QString &path, Format format) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("lesson.write"), QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()),
            QStringLiteral("Choose a folder you can write to."));
    file.write(render(format).toUtf8());
    if (!file.commit())
        return makeError(QStringLiteral("lesson.write"), QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()),
            QStringLiteral("Check the free space and the folder's permissions."));
    return {};
}

} // namespace jwtflow
