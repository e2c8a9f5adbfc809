#include "ExpiryBadge.h"
#include "ErrorColor.h"
#include "ReadablePalette.h"

#include "token/TimeClaim.h"

#include <QHBoxLayout>
#include <QPushButton>

namespace jwtflow {

namespace {
constexpr qint64 kAssertionLifetime = 180; // Salesforce: exp at most 3 minutes ahead
}

ExpiryBadge::ExpiryBadge(const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_time(clock)
    , m_clock(clock)
{
    setObjectName(QStringLiteral("expiryBadge"));
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("expiryCountdown"));
    m_label->setTextFormat(Qt::PlainText);
    m_label->setMinimumWidth(180);
    m_label->setAccessibleName(tr("Expiry countdown"));
    m_refresh = new QPushButton(tr("exp = now + 3 min"), this);
    m_refresh->setObjectName(QStringLiteral("expiryRefresh"));
    m_refresh->setToolTip(tr("Set exp to three minutes from now, the longest Salesforce accepts"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_refresh);
    connect(m_refresh, &QPushButton::clicked, this, [this] { Q_EMIT expiryRequested(m_time.nowSecs() + kAssertionLifetime); });
    connect(&m_clock, &ExpiryClock::ticked, this, &ExpiryBadge::show);
    setClaims({});
}

void ExpiryBadge::setClaims(const QJsonObject &claims)
{
    m_claims = claims;
    m_problem.clear();
    if (claims.contains(QStringLiteral("exp"))) {
        const auto exp = TimeClaim::read(claims, TimeClaim::Name::Expiry);
        if (!exp)
            m_problem = exp.error().message;
        else if (exp->looksLikeMilliseconds())
            m_problem = tr("exp is in milliseconds (%1): as seconds that is year %2. Use %3.")
                            .arg(exp->value(), 0, 'f', 0)
                            .arg(QDateTime::fromSecsSinceEpoch(qMin(exp->seconds(), TimeClaim::kMaxSeconds), QTimeZone::utc())
                                    .date()
                                    .year())
                            .arg(exp->secondsIfMilliseconds());
    }
    m_clock.setClaims(claims);
    const auto reading = m_clock.reading();
    show(reading.state, reading.countdownSeconds());
    updateTooltip();
}

QString ExpiryBadge::text() const
{
    return m_label->text();
}

void ExpiryBadge::show(ExpiryClock::State state, qint64 countdown)
{
    QString text;
    QString colour;
    switch (state) {
    case ExpiryClock::State::NoExpiry:
        text = tr("no exp");
        colour = ReadablePalette::toneName(ReadablePalette::Tone::Quiet, this);
        break;
    case ExpiryClock::State::NotYetValid:
        text = tr("not yet valid · %1").arg(ExpiryClock::countdownText(countdown));
        colour = ReadablePalette::toneName(ReadablePalette::Tone::Warning, this);
        break;
    case ExpiryClock::State::Valid:
        text = tr("valid · %1").arg(ExpiryClock::countdownText(countdown));
        colour = ReadablePalette::toneName(ReadablePalette::Tone::Good, this);
        break;
    case ExpiryClock::State::ExpiringSoon:
        text = tr("expiring · %1").arg(ExpiryClock::countdownText(countdown));
        colour = ReadablePalette::toneName(ReadablePalette::Tone::Caution, this);
        break;
    case ExpiryClock::State::Expired:
        // The clock stops ticking once expired, so say when rather than a count that would freeze.
        text = tr("expired at %1")
                   .arg(QDateTime::fromSecsSinceEpoch(m_clock.exp().value_or(0)).toString(QStringLiteral("HH:mm:ss")));
        colour = ErrorColor::name(this);
        break;
    }
    if (!m_problem.isEmpty()) {
        text = m_problem;
        colour = ErrorColor::name(this);
    }
    m_label->setText(text);
    // Set on every keystroke and every tick: an unchanged style sheet would still re-polish the
    // label and invalidate the layout around it, repainting much of the window.
    const QString sheet = QStringLiteral("color: %1; font-weight: bold;").arg(colour);
    if (m_label->styleSheet() != sheet)
        m_label->setStyleSheet(sheet);
    m_label->setProperty("expiryState", static_cast<int>(state));
}

void ExpiryBadge::updateTooltip()
{
    QStringList lines;
    for (const auto name : { TimeClaim::Name::Expiry, TimeClaim::Name::NotBefore, TimeClaim::Name::IssuedAt }) {
        if (!m_claims.contains(TimeClaim::claimName(name)))
            continue;
        const auto claim = TimeClaim::read(m_claims, name);
        if (!claim) {
            lines << QStringLiteral("%1: %2").arg(TimeClaim::claimName(name), claim.error().message);
            continue;
        }
        lines << QStringLiteral("%1: %2 UTC · %3 local · %4")
                     .arg(TimeClaim::claimName(name), claim->utcIso(), claim->localIso(), claim->relativeText(m_time));
        lines << claim->notes();
    }
    m_label->setToolTip(lines.isEmpty() ? tr("The token has no exp, nbf or iat.") : lines.join(QLatin1Char('\n')));
}

} // namespace jwtflow
