#include "DiagnosisCard.h"

#include "Icons.h"
#include "ResponseFixtures.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QMouseEvent>
#include <QStyle>
#include <QToolButton>
#include <gtest/gtest.h>

using namespace jwtflow;
namespace fx = jwtflow::fixtures;

namespace {

QLabel *label(const DiagnosisCard &card, const QString &name)
{
    return card.findChild<QLabel *>(name);
}

QString labelText(const DiagnosisCard &card, const QString &name)
{
    QLabel *l = label(card, name);
    EXPECT_NE(l, nullptr) << name.toStdString();
    return l ? l->text() : QString();
}

Diagnosis diagnose(const ExchangeResult &result, const QString &aud = QStringLiteral("https://login.salesforce.com"))
{
    return Diagnosis::diagnose(result, fx::context(aud));
}

} // namespace

TEST(DiagnosisCard, ShowsTitleTheServersWordsAndTheRankedCauses)
{
    const ExchangeResult result = fx::oauthError("audience is invalid", QStringLiteral("https://test.salesforce.com"));
    const Diagnosis d = diagnose(result, QStringLiteral("https://test.salesforce.com"));
    ASSERT_GE(d.causes.size(), 2);
    DiagnosisCard card;
    card.resize(800, 600);
    card.setDiagnosis(d, result.record);
    card.show();

    EXPECT_EQ(labelText(card, QStringLiteral("diagnosisTitle")), d.title);
    EXPECT_EQ(labelText(card, QStringLiteral("diagnosisCode")), QStringLiteral("Diagnosis E3"));
    EXPECT_EQ(labelText(card, QStringLiteral("diagnosisServerCaption")), QStringLiteral("Salesforce said"));
    EXPECT_EQ(labelText(card, QStringLiteral("diagnosisServerMessage")), QStringLiteral("invalid_grant: audience is invalid"));
    EXPECT_EQ(labelText(card, QStringLiteral("diagnosisCausesHeading")), QStringLiteral("Possible causes, most likely first"));
    for (int i = 0; i < d.causes.size(); ++i) {
        const Diagnosis::Cause &cause = d.causes.at(i);
        EXPECT_EQ(labelText(card, QStringLiteral("diagnosisRank%1").arg(i)), QStringLiteral("%1.").arg(i + 1));
        EXPECT_EQ(labelText(card, QStringLiteral("diagnosisSummary%1").arg(i)), cause.summary);
        auto *field = card.findChild<QToolButton *>(QStringLiteral("diagnosisImplicated%1").arg(i));
        ASSERT_NE(field, nullptr);
        EXPECT_EQ(field->text(), cause.implicated);
        if (!cause.evidence.isEmpty()) {
            EXPECT_EQ(labelText(card, QStringLiteral("diagnosisEvidence%1").arg(i)),
                QStringLiteral("Seen in this request: ") + cause.evidence);
            // Folded at first (the first cause must fit a projector's pane), one click away.
            QLabel *evidence = card.findChild<QLabel *>(QStringLiteral("diagnosisEvidence%1").arg(i));
            auto *toggle = card.findChild<QToolButton *>(QStringLiteral("diagnosisEvidenceToggle%1").arg(i));
            ASSERT_NE(toggle, nullptr);
            EXPECT_TRUE(evidence->isHidden());
            EXPECT_TRUE(
                card.findChild<QLabel *>(QStringLiteral("diagnosisSummary%1").arg(i))->toolTip().contains(cause.evidence));
            toggle->click();
            EXPECT_FALSE(evidence->isHidden());
            toggle->click();
        }
        for (int f = 0; f < cause.fixes.size(); ++f) {
            EXPECT_EQ(labelText(card, QStringLiteral("diagnosisFixText%1_%2").arg(i).arg(f)), cause.fixes.at(f));
        }
    }
    // This request's aud names the sandbox: that cause comes first and says why.
    EXPECT_EQ(d.implicated(), QStringLiteral("aud"));
    EXPECT_FALSE(d.causes.constFirst().evidence.isEmpty());
    EXPECT_EQ(label(card, QStringLiteral("diagnosisAmbiguity")) != nullptr, d.ambiguous);
}

TEST(DiagnosisCard, ClickingTheImplicatedFieldAsksToShowIt)
{
    const ExchangeResult result = fx::oauthError("expired authorization code");
    const Diagnosis d = diagnose(result);
    DiagnosisCard card;
    QStringList fields;
    QObject::connect(&card, &DiagnosisCard::fieldActivated, &card, [&](const QString &field) { fields << field; });
    card.setDiagnosis(d, result.record);
    card.show();
    for (int i = 0; i < d.causes.size(); ++i) {
        auto *field = card.findChild<QToolButton *>(QStringLiteral("diagnosisImplicated%1").arg(i));
        ASSERT_NE(field, nullptr);
        EXPECT_FALSE(field->accessibleName().isEmpty());
        field->click();
    }
    QStringList expected;
    for (const Diagnosis::Cause &cause : d.causes)
        expected << cause.implicated;
    EXPECT_EQ(fields, expected);
    EXPECT_EQ(fields.constFirst(), d.implicated());
}

TEST(DiagnosisCard, AnAmbiguousMessageSaysSo)
{
    const ExchangeResult result = fx::oauthError("user hasn't approved this consumer");
    const Diagnosis d = diagnose(result);
    ASSERT_TRUE(d.ambiguous);
    DiagnosisCard card;
    card.setDiagnosis(d, result.record);
    EXPECT_EQ(labelText(card, QStringLiteral("diagnosisAmbiguity")), d.ambiguityNote);
    EXPECT_EQ(labelText(card, QStringLiteral("diagnosisCode")), QStringLiteral("Diagnosis E1"));
    EXPECT_GE(card.findChildren<QToolButton *>().size(), 4);
}

TEST(DiagnosisCard, TheIconSaysRefusedUnreachableOrCancelled)
{
    const auto shows = [](const ExchangeResult &result, Icons::Role role, const QString &name, QStyle::PixelMetric metric) {
        DiagnosisCard card;
        card.setDiagnosis(diagnose(result), result.record);
        QLabel *icon = label(card, name);
        ASSERT_NE(icon, nullptr) << name.toStdString();
        const int size = card.style()->pixelMetric(metric, nullptr, &card);
        const QImage expected = Icons::icon(role).pixmap(size, size).toImage();
        EXPECT_FALSE(expected.isNull());
        EXPECT_EQ(icon->pixmap().toImage(), expected) << name.toStdString() << " role " << static_cast<int>(role);
    };
    const QString title = QStringLiteral("diagnosisIcon");
    shows(fx::oauthError("audience is invalid"), Icons::Role::Error, title, QStyle::PM_ToolBarIconSize);
    shows(fx::timeout(), Icons::Role::Warning, title, QStyle::PM_ToolBarIconSize);
    shows(fx::transport(HttpExchangeRecord::Transport::Cancelled, QStringLiteral("cancelled")), Icons::Role::Information, title,
        QStyle::PM_ToolBarIconSize);
    const QString ambiguity = QStringLiteral("diagnosisAmbiguityIcon");
    shows(fx::oauthError("user hasn't approved this consumer"), Icons::Role::Information, ambiguity, QStyle::PM_SmallIconSize);
}

TEST(DiagnosisCard, ChecklistItemsTickFromTheBoxOrItsText)
{
    const ExchangeResult result = fx::oauthError("audience is invalid");
    const Diagnosis d = diagnose(result);
    ASSERT_FALSE(d.causes.constFirst().fixes.isEmpty());
    DiagnosisCard card;
    card.setDiagnosis(d, result.record);
    card.show();
    auto *box = card.findChild<QCheckBox *>(QStringLiteral("diagnosisFix0_0"));
    ASSERT_NE(box, nullptr);
    EXPECT_EQ(box->accessibleName(), d.causes.constFirst().fixes.constFirst());
    EXPECT_FALSE(box->isChecked());
    box->click();
    EXPECT_TRUE(box->isChecked());
    QLabel *text = label(card, QStringLiteral("diagnosisFixText0_0"));
    ASSERT_NE(text, nullptr);
    QMouseEvent release(QEvent::MouseButtonRelease, QPointF(3, 3), text->mapToGlobal(QPointF(3, 3)), Qt::LeftButton, Qt::NoButton,
        Qt::NoModifier);
    QApplication::sendEvent(text, &release);
    EXPECT_FALSE(box->isChecked());
}

TEST(DiagnosisCard, TlsFailuresShowTheCertificateDetails)
{
    const QString detail
        = QStringLiteral("login.salesforce.com: The issuer certificate of a locally looked up certificate could not be found "
                         "(certificate login.salesforce.com, "
                         "issued by Corp Inspection CA, valid 2024-01-01T00:00:00Z to 2026-01-01T00:00:00Z, SHA-256 ab:cd:ef)");
    const ExchangeResult result
        = fx::transport(HttpExchangeRecord::Transport::Tls, QStringLiteral("TLS handshake failed"), { detail }, 180);
    const Diagnosis d = diagnose(result);
    DiagnosisCard card;
    card.setDiagnosis(d, result.record);
    EXPECT_EQ(labelText(card, QStringLiteral("diagnosisServerCaption")), QStringLiteral("Network error"));
    EXPECT_EQ(labelText(card, QStringLiteral("diagnosisServerMessage")), QStringLiteral("TLS handshake failed"));
    EXPECT_EQ(labelText(card, QStringLiteral("diagnosisTlsCaption")), QStringLiteral("Certificate details"));
    EXPECT_EQ(labelText(card, QStringLiteral("diagnosisTlsDetails")), QStringLiteral("• ") + detail);
    EXPECT_EQ(labelText(card, QStringLiteral("diagnosisRequest")),
        QStringLiteral("Request: POST https://login.salesforce.com/services/oauth2/token"));
    EXPECT_TRUE(d.code.startsWith(QStringLiteral("transport.tls")));
}

TEST(DiagnosisCard, EveryTransportFailureGetsACard)
{
    using T = HttpExchangeRecord::Transport;
    for (const T kind : { T::HostNotFound, T::ConnectionRefused, T::Timeout, T::Proxy, T::Cancelled, T::ConnectionClosed }) {
        const ExchangeResult result = fx::transport(kind, QStringLiteral("failed"));
        DiagnosisCard card;
        card.setDiagnosis(diagnose(result), result.record);
        EXPECT_FALSE(card.isEmpty());
        EXPECT_FALSE(labelText(card, QStringLiteral("diagnosisTitle")).isEmpty())
            << HttpExchangeRecord::transportName(kind).toStdString();
        EXPECT_NE(card.findChild<QWidget *>(QStringLiteral("diagnosisCause0")), nullptr);
    }
}

TEST(DiagnosisCard, ServerTextIsNeverInterpretedAsMarkup)
{
    const ExchangeResult result = fx::oauthError("<b>audience</b> is <a href='https://evil.example'>invalid</a>");
    const Diagnosis d = diagnose(result);
    DiagnosisCard card;
    card.setDiagnosis(d, result.record);
    for (QLabel *l : card.findChildren<QLabel *>())
        EXPECT_EQ(l->textFormat(), Qt::PlainText) << l->objectName().toStdString();
    EXPECT_TRUE(labelText(card, QStringLiteral("diagnosisServerMessage")).contains(QStringLiteral("<a href=")));
}

TEST(DiagnosisCard, ClearingEmptiesAndHidesIt)
{
    const ExchangeResult result = fx::oauthError("audience is invalid");
    DiagnosisCard card;
    card.setDiagnosis(diagnose(result), result.record);
    card.show();
    EXPECT_TRUE(card.isVisible());
    card.clear();
    EXPECT_TRUE(card.isEmpty());
    EXPECT_FALSE(card.isVisible());
}
