#include "DiagnosisCard.h"

#include "Icons.h"

#include <QCheckBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace jwtflow {

namespace {

// Accents that read on light and dark palettes alike; backgrounds stay the palette's.
constexpr QRgb kErrorAccent = 0xda4453;
constexpr QRgb kNetworkAccent = 0xf67400;
constexpr QRgb kQuietAccent = 0x7f8c8d;

const char *kCheckBoxProperty = "jwtflowCheckBox";

bool isTransport(const QString &code)
{
    return code.startsWith(QLatin1String("transport."));
}

QFont scaled(QFont font, qreal factor, bool bold)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else
        font.setPixelSize(qRound(font.pixelSize() * factor));
    font.setBold(bold);
    return font;
}

} // namespace

DiagnosisCard::DiagnosisCard(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("diagnosisCard"));
    setAccessibleName(tr("Diagnosis"));
    setFrameShape(QFrame::NoFrame);
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(12, 3, 12, 3); // compact: the first cause's checklist must be in view on a 720-line projector
    m_layout->setSpacing(0);
    clear();
}

QString DiagnosisCard::serverCaption(const QString &code)
{
    if (isTransport(code))
        return tr("Network error");
    if (code.startsWith(QLatin1String("AADSTS")))
        return tr("Microsoft Entra said");
    if (code.size() >= 2 && code.at(0) == QLatin1Char('E') && code.at(1).isDigit())
        return tr("Salesforce said");
    if (code.startsWith(QLatin1String("http.")))
        return tr("The server answered");
    return tr("The server said");
}

QLabel *DiagnosisCard::label(const QString &text, const QString &objectName, bool selectable)
{
    auto *l = new QLabel(m_body);
    l->setObjectName(objectName);
    l->setTextFormat(Qt::PlainText); // server and token text is untrusted
    l->setText(text);
    l->setWordWrap(true);
    if (selectable)
        l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return l;
}

void DiagnosisCard::clear()
{
    setDiagnosis(Diagnosis {});
}

void DiagnosisCard::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() != QEvent::FontChange || isEmpty() || m_rebuildPending)
        return;
    m_rebuildPending = true;
    // Later: the font change is still travelling through the children being replaced.
    QTimer::singleShot(0, this, [this] {
        m_rebuildPending = false;
        const Diagnosis diagnosis = m_diagnosis;
        const HttpExchangeRecord record = m_record;
        setDiagnosis(diagnosis, record);
    });
}

void DiagnosisCard::setDiagnosis(const Diagnosis &diagnosis, const HttpExchangeRecord &record)
{
    m_diagnosis = diagnosis;
    m_record = record;
    if (m_body) {
        // Out of sight and out of findChild() at once; deleted later, as a click may be running in it.
        m_layout->removeWidget(m_body);
        m_body->hide();
        m_body->setParent(nullptr);
        m_body->deleteLater();
    }
    m_body = new QWidget(this);
    m_body->setObjectName(QStringLiteral("diagnosisBody"));
    m_layout->addWidget(m_body);
    auto *body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(2);

    const bool transport = isTransport(diagnosis.code);
    const bool cancelled = diagnosis.code == QLatin1String("transport.cancelled");
    m_accent = QColor(cancelled ? kQuietAccent : transport ? kNetworkAccent : kErrorAccent);
    m_serverBox = nullptr;
    update();
    setVisible(!diagnosis.code.isEmpty());
    if (diagnosis.code.isEmpty())
        return;

    // Title row: an icon, the title and, beside it, the code (one line on a projector, not two).
    auto *titleRow = new QHBoxLayout;
    titleRow->setSpacing(8);
    auto *icon = new QLabel(m_body);
    icon->setObjectName(QStringLiteral("diagnosisIcon"));
    icon->setTextFormat(Qt::PlainText);
    const Icons::Role role = cancelled ? Icons::Role::Information : transport ? Icons::Role::Warning : Icons::Role::Error;
    const int iconSize = style()->pixelMetric(QStyle::PM_ToolBarIconSize, nullptr, this);
    icon->setPixmap(Icons::icon(role).pixmap(iconSize, iconSize));
    icon->setAlignment(Qt::AlignTop);
    titleRow->addWidget(icon, 0, Qt::AlignTop);
    QLabel *title = label(diagnosis.title, QStringLiteral("diagnosisTitle"), true);
    title->setFont(scaled(font(), 1.2, true));
    title->setAccessibleName(tr("Diagnosis title"));
    titleRow->addWidget(title, 1);
    QLabel *code = label(tr("Diagnosis %1").arg(diagnosis.code), QStringLiteral("diagnosisCode"));
    code->setWordWrap(false);
    code->setForegroundRole(QPalette::PlaceholderText);
    titleRow->addWidget(code, 0, Qt::AlignTop | Qt::AlignRight);
    body->addLayout(titleRow);

    // The server's own words, or the network's.
    if (!diagnosis.serverMessage.isEmpty()) {
        auto *box = new QFrame(m_body);
        box->setObjectName(QStringLiteral("diagnosisServerBox"));
        m_serverBox = box;
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(8, 2, 8, 2);
        boxLayout->setSpacing(2);
        // The caption and the words on one row: "Salesforce said  invalid_grant: …".
        auto *wordsRow = new QHBoxLayout;
        wordsRow->setSpacing(8);
        QLabel *caption = label(serverCaption(diagnosis.code), QStringLiteral("diagnosisServerCaption"));
        caption->setParent(box);
        caption->setWordWrap(false);
        caption->setFont(scaled(font(), 0.9, true));
        wordsRow->addWidget(caption, 0, Qt::AlignTop);
        QLabel *message = label(diagnosis.serverMessage, QStringLiteral("diagnosisServerMessage"), true);
        message->setParent(box);
        message->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        message->setAccessibleName(serverCaption(diagnosis.code));
        wordsRow->addWidget(message, 1);
        boxLayout->addLayout(wordsRow);
        if (transport && !record.request.url.isEmpty()) {
            QLabel *request = label(tr("Request: %1 %2")
                                        .arg(QString::fromLatin1(record.request.method),
                                            record.secrets().apply(record.request.url.toDisplayString())),
                QStringLiteral("diagnosisRequest"), true);
            request->setParent(box);
            request->setForegroundRole(QPalette::PlaceholderText);
            boxLayout->addWidget(request);
        }
        body->addWidget(box);
    }

    // TLS: what the certificate said.
    if (!record.tlsErrors.isEmpty()) {
        QLabel *caption = label(tr("Certificate details"), QStringLiteral("diagnosisTlsCaption"));
        caption->setFont(scaled(font(), 1.0, true));
        body->addWidget(caption);
        QLabel *details = label(
            QStringLiteral("• ") + record.tlsErrors.join(QStringLiteral("\n• ")), QStringLiteral("diagnosisTlsDetails"), true);
        details->setAccessibleName(tr("Certificate details"));
        body->addWidget(details);
    }

    if (!diagnosis.causes.isEmpty()) {
        QLabel *heading = label(diagnosis.causes.size() > 1 ? tr("Possible causes, most likely first") : tr("Cause"),
            QStringLiteral("diagnosisCausesHeading"));
        heading->setFont(scaled(font(), 1.0, true));
        body->addWidget(heading);
        for (int i = 0; i < diagnosis.causes.size(); ++i) {
            if (i > 0) {
                auto *line = new QFrame(m_body);
                line->setFrameShape(QFrame::HLine);
                line->setFrameShadow(QFrame::Sunken);
                body->addWidget(line);
            }
            body->addWidget(buildCause(i, diagnosis.causes.at(i)));
        }
    }

    // Why several causes are listed: after them, so that the first cause follows the server's
    // words directly (on a 720-line projector it is in view without scrolling).
    if (diagnosis.ambiguous && !diagnosis.ambiguityNote.isEmpty()) {
        auto *row = new QHBoxLayout;
        row->setSpacing(8);
        auto *info = new QLabel(m_body);
        info->setObjectName(QStringLiteral("diagnosisAmbiguityIcon"));
        info->setTextFormat(Qt::PlainText);
        const int small = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
        info->setPixmap(Icons::icon(Icons::Role::Information).pixmap(small, small));
        row->addWidget(info, 0, Qt::AlignTop);
        QLabel *note = label(diagnosis.ambiguityNote, QStringLiteral("diagnosisAmbiguity"), true);
        note->setAccessibleName(tr("Ambiguous message"));
        row->addWidget(note, 1);
        body->addSpacing(2);
        body->addLayout(row);
    }

    for (int i = 0; i < diagnosis.notes.size(); ++i) {
        QLabel *note = label(tr("Note: %1").arg(diagnosis.notes.at(i)), QStringLiteral("diagnosisNote%1").arg(i), true);
        body->addWidget(note);
    }
    body->addStretch(1);
    m_body->show();
}

QWidget *DiagnosisCard::buildCause(int index, const Diagnosis::Cause &cause)
{
    auto *widget = new QWidget(m_body);
    widget->setObjectName(QStringLiteral("diagnosisCause%1").arg(index));
    widget->setAccessibleName(tr("Cause %1").arg(index + 1));
    auto *layout = new QVBoxLayout(widget);
    layout->setContentsMargins(0, 1, 0, 1);
    layout->setSpacing(2);

    auto *top = new QHBoxLayout;
    top->setSpacing(8);
    QLabel *rank = label(QStringLiteral("%1.").arg(index + 1), QStringLiteral("diagnosisRank%1").arg(index));
    rank->setParent(widget);
    rank->setWordWrap(false);
    rank->setFont(scaled(font(), 1.0, true));
    rank->setMinimumWidth(rank->fontMetrics().horizontalAdvance(QStringLiteral("00.")));
    top->addWidget(rank, 0, Qt::AlignTop);
    QLabel *summary = label(cause.summary, QStringLiteral("diagnosisSummary%1").arg(index), true);
    summary->setParent(widget);
    if (index == 0)
        summary->setFont(scaled(font(), 1.0, true));
    top->addWidget(summary, 1);
    if (!cause.implicated.isEmpty() && cause.implicated != QLatin1String("none")) {
        auto *field = new QToolButton(widget);
        field->setObjectName(QStringLiteral("diagnosisImplicated%1").arg(index));
        field->setText(cause.implicated);
        field->setAutoRaise(false);
        field->setCursor(Qt::PointingHandCursor);
        field->setToolButtonStyle(Qt::ToolButtonTextOnly);
        field->setAccessibleName(tr("Show %1 in the editor").arg(cause.implicated));
        field->setToolTip(QStringLiteral("<p>%1</p>")
                .arg(tr("Implicated: %1. Click to show it in the editor.").arg(cause.implicated.toHtmlEscaped())));
        const QString implicated = cause.implicated;
        connect(field, &QToolButton::clicked, this, [this, implicated] { Q_EMIT fieldActivated(implicated); });
        top->addWidget(field, 0, Qt::AlignTop);
    }
    layout->addLayout(top);

    const int indent = rank->minimumWidth() + top->spacing();
    if (!cause.evidence.isEmpty()) {
        // What the request showed is folded behind a toggle (and in the summary's tooltip): on a
        // 720-line projector the cause and its checklist come first.
        QLabel *evidence
            = label(tr("Seen in this request: %1").arg(cause.evidence), QStringLiteral("diagnosisEvidence%1").arg(index), true);
        evidence->setParent(widget);
        QFont italic = font();
        italic.setItalic(true);
        evidence->setFont(italic);
        evidence->setContentsMargins(indent, 0, 0, 0);
        evidence->hide();
        summary->setToolTip(QStringLiteral("<p>%1</p>").arg(tr("Seen in this request: %1").arg(cause.evidence).toHtmlEscaped()));
        auto *toggle = new QToolButton(widget);
        toggle->setObjectName(QStringLiteral("diagnosisEvidenceToggle%1").arg(index));
        toggle->setText(tr("Seen"));
        toggle->setCheckable(true);
        toggle->setAutoRaise(true);
        toggle->setArrowType(Qt::RightArrow);
        toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        toggle->setAccessibleName(tr("Show what this request showed"));
        toggle->setToolTip(tr("Show what was seen in this request"));
        connect(toggle, &QToolButton::toggled, evidence, [evidence, toggle](bool on) {
            evidence->setVisible(on);
            toggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        });
        top->addWidget(toggle, 0, Qt::AlignTop);
        layout->addWidget(evidence);
    }
    for (int f = 0; f < cause.fixes.size(); ++f) {
        auto *row = new QHBoxLayout;
        row->setContentsMargins(indent, 0, 0, 0);
        row->setSpacing(6);
        auto *check = new QCheckBox(widget);
        check->setObjectName(QStringLiteral("diagnosisFix%1_%2").arg(index).arg(f));
        check->setAccessibleName(cause.fixes.at(f));
        check->setToolTip(tr("Tick it off once checked"));
        row->addWidget(check, 0, Qt::AlignTop);
        QLabel *text = label(cause.fixes.at(f), QStringLiteral("diagnosisFixText%1_%2").arg(index).arg(f));
        text->setParent(widget);
        text->setProperty(kCheckBoxProperty, QVariant::fromValue(static_cast<QObject *>(check)));
        text->installEventFilter(this);
        row->addWidget(text, 1);
        layout->addLayout(row);
    }
    return widget;
}

bool DiagnosisCard::eventFilter(QObject *watched, QEvent *event)
{
    // A click on a checklist item's text ticks it, as on a checkbox's own label.
    if (event->type() == QEvent::MouseButtonRelease && static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
        if (auto *check = qobject_cast<QCheckBox *>(watched->property(kCheckBoxProperty).value<QObject *>())) {
            check->toggle();
            return true;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void DiagnosisCard::paintEvent(QPaintEvent *event)
{
    // Painted from the current palette on every paint, so a light/dark switch simply repaints:
    // the base colour with a thin mid-tone border, a coloured edge on the left, and the server's
    // words on the alternate base.
    QFrame::paintEvent(event);
    if (isEmpty())
        return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF outline = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    QPainterPath card;
    card.addRoundedRect(outline, 5, 5);
    painter.fillPath(card, palette().base());
    painter.save();
    painter.setClipPath(card);
    painter.fillRect(QRectF(0, 0, 4, height()), m_accent);
    painter.restore();
    painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    painter.drawPath(card);
    if (m_serverBox && m_serverBox->isVisible()) {
        const QRect box(m_serverBox->mapTo(this, QPoint(0, 0)), m_serverBox->size());
        QPainterPath path;
        path.addRoundedRect(QRectF(box), 4, 4);
        painter.fillPath(path, palette().alternateBase());
    }
}

} // namespace jwtflow
