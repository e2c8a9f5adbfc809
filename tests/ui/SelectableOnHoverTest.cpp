#include "SelectableOnHover.h"
#include "SignaturePanel.h"
#include "core/Clock.h"
#include "flow/BearerFlowSession.h"

#include <QCoreApplication>
#include <QEvent>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QToolButton>
#include <gtest/gtest.h>

using namespace jwtflow;

TEST(SelectableOnHover, TheTextBecomesSelectableWhenThePointerEnters)
{
    QLabel label(QStringLiteral("No signing key: edits stay unsigned."));
    SelectableOnHover::install(&label);
    EXPECT_FALSE(label.textInteractionFlags() & Qt::TextSelectableByMouse);
    QEvent enter(QEvent::Enter);
    QCoreApplication::sendEvent(&label, &enter);
    EXPECT_TRUE(label.textInteractionFlags() & Qt::TextSelectableByMouse);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    EXPECT_TRUE(label.findChildren<SelectableOnHover *>().isEmpty()) << "the filter goes once its work is done";
}

TEST(SelectableOnHover, TheLabelKeepsItsSizeSoNothingMovesUnderThePointer)
{
    // Selectable labels measure through a text document, others through font metrics: the two must
    // agree, or a wrapped label would change height the moment the pointer reaches it.
    for (const bool wrap : { false, true }) {
        for (const QString &text : { QStringLiteral("No token yet."),
                 QStringLiteral("No certificate: the key cannot be checked against what the connected app (or External "
                                "Client App) has uploaded."),
                 QStringLiteral("RSA 2048-bit · SHA-256 4F:2A:91:0C:77:E3:5B:AA:19:C0:3D:8E:61:F4:02:B7:5A:9D:E0:13:"
                                "6C:48:A2:F1:0B:97:3E:D5:8C:21:64:AF") }) {
            QLabel plain(text);
            plain.setTextFormat(Qt::PlainText);
            plain.setWordWrap(wrap);
            QLabel hovered(text);
            hovered.setTextFormat(Qt::PlainText);
            hovered.setWordWrap(wrap);
            SelectableOnHover::install(&hovered);
            QEvent enter(QEvent::Enter);
            QCoreApplication::sendEvent(&hovered, &enter);
            ASSERT_TRUE(hovered.textInteractionFlags() & Qt::TextSelectableByMouse);
            SCOPED_TRACE(text.toStdString() + (wrap ? " (wrapped)" : ""));
            EXPECT_EQ(hovered.minimumSizeHint(), plain.minimumSizeHint());
            if (!wrap) {
                EXPECT_EQ(hovered.sizeHint(), plain.sizeHint());
            }
            // A wrapped label's preferred width differs (a text document guesses another line
            // length), so the labels it is used on take their width from the column (Ignored) and
            // their height from heightForWidth, which agrees:
            if (wrap) {
                for (const int width : { 120, 200, 333, 480 })
                    EXPECT_EQ(hovered.heightForWidth(width), plain.heightForWidth(width)) << "at " << width << " px";
            }
        }
    }
}

TEST(SelectableOnHover, NothingInTheSignatureColumnMovesWhenALabelIsHovered)
{
    QNetworkAccessManager network;
    BearerFlowSession session(SystemClock::instance(), &network);
    SignaturePanel panel(&session);
    panel.resize(360, 700);
    panel.show();
    for (QToolButton *details : panel.findChildren<QToolButton *>())
        if (details->objectName().endsWith(QLatin1String("Details")) && details->isCheckable())
            details->setChecked(true);
    QCoreApplication::processEvents();
    const auto geometries = [&panel] {
        QList<QRect> rects;
        for (QWidget *w : panel.findChildren<QWidget *>())
            rects << (w->isVisible() ? QRect(w->mapTo(&panel, QPoint(0, 0)), w->size()) : QRect());
        return rects;
    };
    int hovered = 0;
    for (QLabel *label : panel.findChildren<QLabel *>()) {
        if (label->findChildren<SelectableOnHover *>().isEmpty() || !label->isVisible())
            continue;
        const QList<QRect> before = geometries();
        QEvent enter(QEvent::Enter);
        QCoreApplication::sendEvent(label, &enter);
        QCoreApplication::processEvents();
        EXPECT_EQ(geometries(), before) << label->objectName().toStdString();
        ++hovered;
    }
    EXPECT_GE(hovered, 2) << "the signature state and at least one key's facts";
}
