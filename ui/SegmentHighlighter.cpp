#include "SegmentHighlighter.h"

#include <QColor>
#include <QTextCharFormat>

namespace jwtflow {

SegmentHighlighter::SegmentHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
}

QColor SegmentHighlighter::segmentColour(int segment)
{
    // Header, payload, signature; a JWE's extra segments reuse the last colours.
    static const QColor colours[] = {QColor(0xd6, 0x00, 0x4b), QColor(0x9b, 0x2b, 0xc7), QColor(0x00, 0x8c, 0xc0),
                                     QColor(0x1d, 0x8a, 0x3a), QColor(0x8a, 0x6d, 0x00)};
    return colours[qBound(0, segment, 4)];
}

void SegmentHighlighter::highlightBlock(const QString &text)
{
    int segment = qMax(previousBlockState(), 0);
    QTextCharFormat format;
    int start = 0;
    for (int i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text.at(i) == u'.') {
            format.setForeground(segmentColour(segment));
            setFormat(start, i - start, format);
            if (i < text.size())
                ++segment;
            start = i + 1;
        }
    }
    setCurrentBlockState(segment);
}

} // namespace jwtflow
