#include "SequenceDiagram.h"

#include "trainer/SequenceLog.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace jwtflow {

namespace {

constexpr int kMargin = 10;
constexpr int kLifelines = 3;

int unit(const QFontMetrics &metrics)
{
    return std::max(4, metrics.height() / 3); // spacing that grows with the font
}

} // namespace

SequenceDiagram::SequenceDiagram(SequenceLog *log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
{
    setObjectName(QStringLiteral("sequenceDiagram"));
    setAccessibleName(tr("Sequence diagram"));
    setMouseTracking(false);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    connect(m_log, &SequenceLog::changed, this, [this] {
        if (m_selected >= m_log->count())
            m_selected = -1;
        relayout();
        update();
    });
    relayout();
}

QFont SequenceDiagram::detailFont() const
{
    QFont f = font();
    f.setItalic(true);
    return f;
}

QFont SequenceDiagram::titleFont() const
{
    QFont f = font();
    f.setBold(true);
    return f;
}

int SequenceDiagram::lifelineX(int lifeline) const
{
    const int column = (width() - 2 * kMargin) / kLifelines;
    return kMargin + column / 2 + lifeline * column;
}

void SequenceDiagram::relayout()
{
    const QFontMetrics metrics(font());
    const QFontMetrics bold(titleFont());
    const int u = unit(metrics);
    const int column = std::max(40, (width() - 2 * kMargin) / kLifelines);
    int header = 0;
    for (int i = 0; i < kLifelines; ++i) {
        const auto lifeline = static_cast<SequenceLog::Lifeline>(i);
        const QRect title = bold.boundingRect(QRect(0, 0, column - u, 10000), Qt::TextWordWrap | Qt::AlignHCenter, SequenceLog::lifelineTitle(lifeline));
        const QRect sub = metrics.boundingRect(QRect(0, 0, column - u, 10000), Qt::TextWrapAnywhere | Qt::AlignHCenter,
                                               SequenceLog::lifelineSubtitle(lifeline));
        header = std::max(header, title.height() + sub.height() + 2 * u);
    }
    m_headerHeight = kMargin + header;

    m_rows.clear();
    int y = m_headerHeight + u;
    const QFontMetrics italic(detailFont());
    for (const SequenceLog::Message &message : m_log->messages()) {
        const int x1 = lifelineX(static_cast<int>(message.from));
        const int x2 = lifelineX(static_cast<int>(message.to));
        const int left = std::min(x1, x2) + u;
        const int span = std::max(column - 2 * u, std::abs(x2 - x1) - 2 * u);
        // Measured in bold: the newest arrows are drawn bold.
        QRect label = bold.boundingRect(QRect(left, y, span, 10000), Qt::TextWordWrap | Qt::TextWrapAnywhere, message.label);
        int textHeight = label.height();
        if (!message.detail.isEmpty())
            textHeight += italic.boundingRect(QRect(left, y, span, 10000), Qt::TextWordWrap, message.detail).height();
        Row row;
        row.labelRect = QRect(left, y, span, textHeight);
        row.arrowY = y + textHeight + u;
        row.rect = QRect(kMargin / 2, y - u / 2, width() - kMargin, textHeight + 2 * u + u / 2);
        m_rows.append(row);
        y = row.rect.bottom() + u;
    }
    const int wanted = std::max(y + kMargin, m_headerHeight + 4 * metrics.height());
    if (minimumHeight() != wanted)
        setMinimumHeight(wanted);
    updateGeometry();
}

QSize SequenceDiagram::sizeHint() const
{
    const QFontMetrics metrics(font());
    return {metrics.averageCharWidth() * 60, minimumHeight()};
}

QSize SequenceDiagram::minimumSizeHint() const
{
    const QFontMetrics metrics(font());
    return {metrics.averageCharWidth() * 36, m_headerHeight + 4 * metrics.height()};
}

int SequenceDiagram::messageAt(const QPoint &point) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).rect.contains(point))
            return i;
    }
    return -1;
}

QRect SequenceDiagram::messageRect(int index) const
{
    return index >= 0 && index < m_rows.size() ? m_rows.at(index).rect : QRect();
}

void SequenceDiagram::setSelected(int index)
{
    if (index < -1 || index >= m_log->count())
        index = -1;
    if (m_selected == index)
        return;
    m_selected = index;
    update();
}

void SequenceDiagram::mousePressEvent(QMouseEvent *event)
{
    const int index = messageAt(event->position().toPoint());
    if (index < 0) {
        QWidget::mousePressEvent(event);
        return;
    }
    setSelected(index);
    Q_EMIT messageActivated(index);
}

void SequenceDiagram::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void SequenceDiagram::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        relayout();
}

void SequenceDiagram::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics metrics(font());
    const int u = unit(metrics);
    const int column = (width() - 2 * kMargin) / kLifelines;
    const QColor ink = palette().color(QPalette::Text);
    const QColor muted = palette().color(QPalette::PlaceholderText);
    const QColor highlight = palette().color(QPalette::Highlight);

    // Lifelines: a box with the name and what it stands for, then a dashed line down.
    for (int i = 0; i < kLifelines; ++i) {
        const auto lifeline = static_cast<SequenceLog::Lifeline>(i);
        const int x = lifelineX(i);
        const QRect box(x - column / 2 + u / 2, kMargin, column - u, m_headerHeight - kMargin);
        p.setPen(QPen(ink, 1));
        p.setBrush(palette().color(QPalette::AlternateBase));
        p.drawRoundedRect(box, u, u);
        p.setFont(titleFont());
        const QRect title = QFontMetrics(titleFont()).boundingRect(box.adjusted(u / 2, u, -u / 2, 0), Qt::TextWordWrap | Qt::AlignHCenter,
                                                                    SequenceLog::lifelineTitle(lifeline));
        p.drawText(box.adjusted(u / 2, u, -u / 2, 0), Qt::TextWordWrap | Qt::AlignHCenter | Qt::AlignTop, SequenceLog::lifelineTitle(lifeline));
        p.setFont(font());
        p.setPen(muted);
        p.drawText(QRect(box.left() + u / 2, title.bottom() + 1, box.width() - u, box.bottom() - title.bottom()),
                   Qt::TextWrapAnywhere | Qt::AlignHCenter | Qt::AlignTop, SequenceLog::lifelineSubtitle(lifeline));
        p.setPen(QPen(muted, 1, Qt::DashLine));
        p.drawLine(x, m_headerHeight, x, height() - kMargin / 2);
    }

    const auto &messages = m_log->messages();
    if (messages.isEmpty()) {
        p.setPen(muted);
        p.setFont(font());
        p.drawText(QRect(kMargin, m_headerHeight + u, width() - 2 * kMargin, height() - m_headerHeight - 2 * u),
                   Qt::AlignCenter | Qt::TextWordWrap, tr("Press Send: each request and response appears here as an arrow."));
        return;
    }

    // The newest request and its answer are lit up, so the class sees what just happened.
    const int newestFrom = messages.last().reply ? static_cast<int>(messages.size()) - 2 : static_cast<int>(messages.size()) - 1;
    for (int i = 0; i < messages.size() && i < m_rows.size(); ++i) {
        const SequenceLog::Message &m = messages.at(i);
        const Row &row = m_rows.at(i);
        const bool lit = i >= newestFrom;
        if (lit) {
            QColor glow = m.error ? errorColor() : highlight;
            glow.setAlpha(36);
            p.setPen(Qt::NoPen);
            p.setBrush(glow);
            p.drawRoundedRect(row.rect, u, u);
        }
        if (i == m_selected) {
            p.setPen(QPen(highlight, 2));
            p.setBrush(Qt::NoBrush);
            p.drawRoundedRect(row.rect.adjusted(1, 1, -1, -1), u, u);
        }
        const QColor colour = m.error ? errorColor() : ink;
        const int x1 = lifelineX(static_cast<int>(m.from));
        const int x2 = lifelineX(static_cast<int>(m.to));
        const int width = lit ? 3 : 2;
        p.setPen(QPen(colour, width, m.reply ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap));
        p.drawLine(x1, row.arrowY, x2, row.arrowY);
        // The head: a filled triangle pointing at the receiver.
        const int dir = x2 > x1 ? 1 : -1;
        const int head = std::max(6, u + 2);
        QPainterPath arrow;
        arrow.moveTo(x2, row.arrowY);
        arrow.lineTo(x2 - dir * head, row.arrowY - head / 2.0);
        arrow.lineTo(x2 - dir * head, row.arrowY + head / 2.0);
        arrow.closeSubpath();
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawPath(arrow);

        p.setPen(colour);
        QFont labelFont = font();
        labelFont.setBold(lit);
        p.setFont(labelFont);
        const QRect label = QFontMetrics(labelFont).boundingRect(row.labelRect, Qt::TextWordWrap | Qt::TextWrapAnywhere, m.label);
        p.drawText(row.labelRect, Qt::TextWordWrap | Qt::TextWrapAnywhere | Qt::AlignLeft | Qt::AlignTop, m.label);
        if (!m.detail.isEmpty()) {
            p.setFont(detailFont());
            p.setPen(m.error ? errorColor() : muted);
            p.drawText(QRect(row.labelRect.left(), label.bottom() + 1, row.labelRect.width(), row.labelRect.bottom() - label.bottom() + metrics.height()),
                       Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, m.detail);
        }
    }
}

} // namespace jwtflow
