#include "SegmentHighlighter.h"
#include "ReadablePalette.h"

#include <QApplication>

#include <QColor>
#include <QTextCharFormat>

namespace jwtflow {

SegmentHighlighter::SegmentHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
    , m_palette(QApplication::palette())
{ }

QColor SegmentHighlighter::segmentColour(int segment, const QPalette &palette)
{
    // Header, payload, signature; a JWE's extra segments reuse the last colours.
    using Tone = ReadablePalette::Tone;
    static const Tone tones[]
        = { Tone::SegmentHeader, Tone::SegmentPayload, Tone::SegmentSignature, Tone::SegmentFourth, Tone::SegmentFifth };
    return ReadablePalette::tone(tones[qBound(0, segment, 4)], palette);
}

void SegmentHighlighter::setPalette(const QPalette &palette)
{
    if (palette == m_palette)
        return;
    m_palette = palette;
    rehighlight();
}

void SegmentHighlighter::highlightBlock(const QString &text)
{
    int segment = qMax(previousBlockState(), 0);
    QTextCharFormat format;
    int start = 0;
    for (int i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text.at(i) == u'.') {
            format.setForeground(segmentColour(segment, m_palette));
            setFormat(start, i - start, format);
            if (i < text.size())
                ++segment;
            start = i + 1;
        }
    }
    setCurrentBlockState(segment);
}

} // namespace jwtflow
