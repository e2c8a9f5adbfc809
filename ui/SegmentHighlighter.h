#pragma once

#include <QPalette>
#include <QSyntaxHighlighter>

namespace jwtflow {

// Colours the encoded token like jwt.io: header, payload and signature each in their own colour,
// dots plain. Segment index carries across line breaks through the block state.
class SegmentHighlighter : public QSyntaxHighlighter {
    Q_OBJECT

public:
    explicit SegmentHighlighter(QTextDocument *document);

    // The colour of a segment, readable on the palette's Base (ReadablePalette's segment tones).
    static QColor segmentColour(int segment, const QPalette &palette);
    // The palette of the editor it colours: a light/dark switch re-colours the token.
    void setPalette(const QPalette &palette);

protected:
    void highlightBlock(const QString &text) override;

private:
    QPalette m_palette;
};

} // namespace jwtflow
