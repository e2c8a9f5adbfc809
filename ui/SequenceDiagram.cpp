#include "SequenceDiagram.h"
#include "ErrorColor.h"

#include "trainer/SequenceLog.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>
#include <QTextOption>
#include <QWheelEvent>

namespace jwtflow {

QColor SequenceDiagram::errorColor() const
{
    return ErrorColor::forPalette(palette());
}

namespace {

constexpr int kMargin = 10;
constexpr int kLifelines = 3;

int unit(const QFontMetrics &metrics)
{
    return std::max(4, metrics.height() / 3); // spacing that grows with the font
}

// Words wrap at spaces, and a path too long for its line breaks where it must.
QTextOption wrapping(
    Qt::Alignment alignment = Qt::AlignLeft, QTextOption::WrapMode mode = QTextOption::WrapAtWordBoundaryOrAnywhere)
{
    QTextOption option(alignment);
    option.setWrapMode(mode);
    return option;
}

// The widest word of `text` in `font`: a title narrower than its column never breaks mid-word.
int widestWord(const QFont &font, const QString &text)
{
    const QFontMetrics metrics(font);
    int widest = 0;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        widest = std::max(widest, metrics.horizontalAdvance(word));
    return widest;
}

// A lifeline title breaks only between words ("Token endpoint" on two lines); when a word alone is
// wider than the column, the title's type shrinks (to two thirds at most) before anything breaks.
QFont fittedFont(QFont font, int width, const QString &text)
{
    const bool points = font.pointSizeF() > 0;
    const qreal base = points ? font.pointSizeF() : font.pixelSize();
    for (qreal size = base; size > base * 2 / 3 && widestWord(font, text) > width;) {
        size *= 0.92;
        if (points)
            font.setPointSizeF(size);
        else
            font.setPixelSize(std::max(1, qRound(size)));
    }
    return font;
}

QTextOption::WrapMode titleWrap(const QFont &font, int width, const QString &text)
{
    return widestWord(font, text) <= width ? QTextOption::WordWrap : QTextOption::WrapAtWordBoundaryOrAnywhere;
}

int textHeight(const QFont &font, int width, const QString &text, Qt::Alignment alignment = Qt::AlignLeft,
    QTextOption::WrapMode mode = QTextOption::WrapAtWordBoundaryOrAnywhere)
{
    if (text.isEmpty())
        return 0;
    QTextLayout layout(text, font);
    layout.setTextOption(wrapping(alignment, mode));
    const QFontMetrics metrics(font);
    int height = 0;
    int lines = 0;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(std::max(10, width));
        ++lines;
    }
    layout.endLayout();
    height = lines * metrics.lineSpacing();
    return height;
}

void drawWrapped(QPainter &p, const QRect &rect, const QString &text, Qt::Alignment alignment = Qt::AlignLeft,
    QTextOption::WrapMode mode = QTextOption::WrapAtWordBoundaryOrAnywhere)
{
    p.drawText(QRectF(rect), text, wrapping(alignment, mode));
}

} // namespace

SequenceDiagram::SequenceDiagram(SequenceLog *log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
{
    setObjectName(QStringLiteral("sequenceDiagram"));
    setAccessibleName(tr("Sequence diagram"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    connect(m_log, &SequenceLog::changed, this, [this] {
        if (m_selected >= m_log->count())
            m_selected = -1;
        m_back = 0; // a new arrow: follow it
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

QFont SequenceDiagram::subtitleFont() const
{
    QFont f = font();
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * 0.85);
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
    const int u = unit(metrics);
    const int column = std::max(40, (width() - 2 * kMargin) / kLifelines);
    int header = 0;
    for (int i = 0; i < kLifelines; ++i) {
        const auto lifeline = static_cast<SequenceLog::Lifeline>(i);
        const QString title = SequenceLog::lifelineTitle(lifeline);
        const QString subtitle = SequenceLog::lifelineSubtitle(lifeline);
        // The same inner width as paintEvent draws in.
        const int inner = column - 2 * u;
        const QFont titleFitted = fittedFont(titleFont(), inner, title);
        const QFont subtitleFitted = fittedFont(subtitleFont(), inner, subtitle);
        header = std::max(header,
            textHeight(titleFitted, inner, title, Qt::AlignHCenter, titleWrap(titleFitted, inner, title))
                + textHeight(subtitleFitted, inner, subtitle, Qt::AlignHCenter) + 2 * u);
    }
    m_headerHeight = kMargin + header;

    // Each row: the label from the arrow's left end to the right margin (a row has the width to
    // itself), the arrow under it.
    m_rows.clear();
    const auto &messages = m_log->messages();
    for (const SequenceLog::Message &message : messages) {
        const int left = std::min(lifelineX(static_cast<int>(message.from)), lifelineX(static_cast<int>(message.to))) + u;
        const int span = std::max(40, width() - kMargin - left);
        Row row;
        row.labelHeight = textHeight(titleFont(), span, message.label); // bold: the newest are drawn bold
        const int detail = textHeight(detailFont(), span, message.detail);
        row.labelRect = QRect(left, 0, span, row.labelHeight + detail);
        row.height = row.labelHeight + detail + 2 * u;
        m_rows.append(row);
    }

    // The newest messages that fit (minus those scrolled back), bottom-aligned to the newest.
    const int available = height() - m_headerHeight - u - kMargin;
    m_back = std::clamp(m_back, 0, std::max(0, static_cast<int>(messages.size()) - 1));
    const int last = static_cast<int>(messages.size()) - 1 - m_back;
    int used = 0;
    m_first = last + 1;
    for (int i = last; i >= 0; --i) {
        if (used + m_rows.at(i).height > available && i != last)
            break;
        used += m_rows.at(i).height;
        m_first = i;
    }
    int y = m_headerHeight + u + (m_first > 0 ? metrics.height() : 0);
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        if (i < m_first || i > last) {
            row.rect = QRect();
            continue;
        }
        row.labelRect.moveTop(y + u / 2);
        row.arrowY = row.labelRect.bottom() + u;
        row.rect = QRect(kMargin / 2, y, width() - kMargin, row.height);
        y += row.height;
    }
    updateGeometry();
}

QSize SequenceDiagram::sizeHint() const
{
    const QFontMetrics metrics(font());
    return { metrics.averageCharWidth() * 60, m_headerHeight + 12 * metrics.height() };
}

QSize SequenceDiagram::minimumSizeHint() const
{
    const QFontMetrics metrics(font());
    return { metrics.averageCharWidth() * 30, m_headerHeight + 5 * metrics.height() };
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

void SequenceDiagram::setScrollBack(int messages)
{
    m_back = messages;
    relayout();
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

void SequenceDiagram::wheelEvent(QWheelEvent *event)
{
    const int steps = event->angleDelta().y() / 120;
    if (steps == 0) {
        QWidget::wheelEvent(event);
        return;
    }
    setScrollBack(m_back + steps); // up: back in time
    event->accept();
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
        const QRect inner = box.adjusted(u / 2, u / 2, -u / 2, 0);
        const QString title = SequenceLog::lifelineTitle(lifeline);
        const QString subtitle = SequenceLog::lifelineSubtitle(lifeline);
        const QFont titleFitted = fittedFont(titleFont(), inner.width(), title);
        const QTextOption::WrapMode wrap = titleWrap(titleFitted, inner.width(), title);
        const int titleHeight = textHeight(titleFitted, inner.width(), title, Qt::AlignHCenter, wrap);
        p.setFont(titleFitted);
        drawWrapped(p, QRect(inner.left(), inner.top(), inner.width(), titleHeight), title, Qt::AlignHCenter, wrap);
        p.setFont(fittedFont(subtitleFont(), inner.width(), subtitle));
        p.setPen(muted);
        drawWrapped(p, QRect(inner.left(), inner.top() + titleHeight, inner.width(), inner.height() - titleHeight), subtitle,
            Qt::AlignHCenter);
        p.setPen(QPen(muted, 1, Qt::DashLine));
        p.drawLine(x, m_headerHeight, x, height() - kMargin / 2);
    }

    const auto &messages = m_log->messages();
    p.setFont(font());
    if (messages.isEmpty()) {
        p.setPen(muted);
        p.drawText(QRect(kMargin, m_headerHeight + u, width() - 2 * kMargin, height() - m_headerHeight - 2 * u),
            Qt::AlignCenter | Qt::TextWordWrap, tr("Press Send: each request and response appears here as an arrow."));
        return;
    }
    if (m_first > 0) {
        p.setPen(muted);
        p.drawText(QRect(kMargin, m_headerHeight + u / 2, width() - 2 * kMargin, metrics.height()), Qt::AlignCenter,
            tr("▲ %n earlier (scroll up)", nullptr, m_first));
    }

    // The newest request and its answer are lit up, so the class sees what just happened.
    const int newestFrom = messages.last().reply ? static_cast<int>(messages.size()) - 2 : static_cast<int>(messages.size()) - 1;
    for (int i = 0; i < messages.size() && i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        if (row.rect.isEmpty())
            continue;
        const SequenceLog::Message &m = messages.at(i);
        const bool lit = i >= newestFrom;
        if (lit) {
            QColor glow = m.error ? errorColor() : highlight;
            glow.setAlpha(40);
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
        const int penWidth = lit ? 3 : 2;
        p.setPen(QPen(colour, penWidth, m.reply ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap));
        p.drawLine(x1, row.arrowY, x2, row.arrowY);
        // The head: a filled triangle pointing at the receiver.
        const int dir = x2 > x1 ? 1 : -1;
        const int head = std::max(7, u + 3);
        QPainterPath arrow;
        arrow.moveTo(x2, row.arrowY);
        arrow.lineTo(x2 - dir * head, row.arrowY - head / 2.0);
        arrow.lineTo(x2 - dir * head, row.arrowY + head / 2.0);
        arrow.closeSubpath();
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawPath(arrow);

        QFont labelFont = font();
        labelFont.setBold(lit);
        p.setFont(labelFont);
        p.setPen(colour);
        drawWrapped(p, QRect(row.labelRect.left(), row.labelRect.top(), row.labelRect.width(), row.labelHeight), m.label);
        if (!m.detail.isEmpty()) {
            p.setFont(detailFont());
            p.setPen(m.error ? errorColor() : muted);
            drawWrapped(p,
                QRect(row.labelRect.left(), row.labelRect.top() + row.labelHeight, row.labelRect.width(),
                    row.labelRect.height() - row.labelHeight + metrics.height()),
                m.detail);
        }
    }
}

} // namespace jwtflow
