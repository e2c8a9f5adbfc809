#pragma once

#include <QSyntaxHighlighter>

namespace jwtflow {

// Colours the encoded token like jwt.io: header, payload and signature each in their own colour,
// dots plain. Segment index carries across line breaks through the block state.
class SegmentHighlighter : public QSyntaxHighlighter {
    Q_OBJECT

public:
    explicit SegmentHighlighter(QTextDocument *document);

    static QColor segmentColour(int segment);

protected:
    void highlightBlock(const QString &text) override;
};

} // namespace jwtflow
