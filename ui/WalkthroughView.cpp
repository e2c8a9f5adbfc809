#include "WalkthroughView.h"

#include "trainer/Walkthrough.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace jwtflow {

namespace {

QLabel *wrapped(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

WalkthroughView::WalkthroughView(Walkthrough *walkthrough, QWidget *parent)
    : QWidget(parent)
    , m_walkthrough(walkthrough)
{
    setObjectName(QStringLiteral("walkthroughView"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("walkthroughSteps"));
    m_list->setAccessibleName(tr("Steps of the lesson"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setWordWrap(true);
    m_list->setTextElideMode(Qt::ElideNone);
    for (int i = 0; i < m_walkthrough->count(); ++i)
        m_list->addItem(new QListWidgetItem(m_list));

    m_progress = wrapped(QStringLiteral("walkthroughProgress"), this);
    m_title = wrapped(QStringLiteral("walkthroughTitle"), this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_explanation = wrapped(QStringLiteral("walkthroughExplanation"), this);
    m_lookAt = wrapped(QStringLiteral("walkthroughLookAt"), this);

    m_back = new QPushButton(tr("◀ &Back"), this);
    m_back->setObjectName(QStringLiteral("walkthroughBack"));
    m_back->setToolTip(tr("The previous step; the focus goes where it happens"));
    m_next = new QPushButton(tr("&Next ▶"), this);
    m_next->setObjectName(QStringLiteral("walkthroughNext"));
    m_next->setToolTip(tr("The next step; the focus goes where it happens"));
    m_restart = new QPushButton(tr("&Restart"), this);
    m_restart->setObjectName(QStringLiteral("walkthroughRestart"));
    m_restart->setToolTip(tr("A new lesson from step 1: nothing ticked, the lesson record and the diagram emptied"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_restart);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);

    // The explanation scrolls rather than being cut off when presentation mode's large type
    // leaves it little room.
    auto *text = new QWidget(this);
    auto *textLayout = new QVBoxLayout(text);
    textLayout->setContentsMargins(0, 0, 0, 0);
    textLayout->addWidget(m_title);
    textLayout->addWidget(m_explanation);
    textLayout->addWidget(m_lookAt);
    textLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("walkthroughText"));
    scroll->setWidget(text);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_list, 2);
    layout->addWidget(scroll, 3);
    layout->addLayout(buttons);

    connect(m_back, &QPushButton::clicked, this, [this] { go(m_walkthrough->current() - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { go(m_walkthrough->current() + 1); });
    connect(m_restart, &QPushButton::clicked, this, &WalkthroughView::restartRequested);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) { go(m_list->row(item)); });
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) { go(m_list->row(item)); });
    connect(m_walkthrough, &Walkthrough::currentChanged, this, &WalkthroughView::refresh);
    connect(m_walkthrough, &Walkthrough::stepDone, this, &WalkthroughView::refresh);
    connect(m_walkthrough, &Walkthrough::wasReset, this, &WalkthroughView::refresh);
    refresh();
}

void WalkthroughView::go(int index)
{
    if (index < 0 || index >= m_walkthrough->count())
        return;
    m_walkthrough->setCurrent(index);
    refresh();
    Q_EMIT targetRequested(m_walkthrough->step(index).target);
}

QString WalkthroughView::explanationText() const
{
    return m_title->text() + QLatin1Char('\n') + m_explanation->text() + QLatin1Char('\n') + m_lookAt->text();
}

void WalkthroughView::refresh()
{
    const int current = m_walkthrough->current();
    for (int i = 0; i < m_walkthrough->count(); ++i) {
        const Walkthrough::Step &step = m_walkthrough->step(i);
        QListWidgetItem *item = m_list->item(i);
        // A tick for done, a ring for to do: readable without colour.
        const QString inPlace = step.inPlace && !step.done ? tr(" (in place)") : QString();
        item->setText(QStringLiteral("%1  %2. %3%4")
                .arg(step.done ? QStringLiteral("✔") : QStringLiteral("○"))
                .arg(i + 1)
                .arg(step.title, inPlace));
        item->setData(Qt::AccessibleTextRole,
            tr("Step %1, %2, %3")
                .arg(i + 1)
                .arg(step.title,
                    step.done               ? tr("done")
                        : inPlace.isEmpty() ? tr("to do")
                                            : tr("in place")));
        QFont font = m_list->font();
        font.setBold(i == current);
        item->setFont(font);
        item->setForeground(step.done ? palette().brush(QPalette::Text) : palette().brush(QPalette::PlaceholderText));
    }
    m_list->setCurrentRow(current);
    m_list->scrollToItem(m_list->item(current));
    const Walkthrough::Step &step = m_walkthrough->step(current);
    m_progress->setText(tr("%1 of %2 done").arg(m_walkthrough->doneCount()).arg(m_walkthrough->count()));
    m_title->setText(tr("Step %1: %2%3").arg(current + 1).arg(step.title, step.done ? tr(" ✔") : QString()));
    m_explanation->setText(step.explanation);
    m_lookAt->setText(tr("Look at: %1").arg(step.lookAt));
    m_back->setEnabled(current > 0);
    m_next->setEnabled(current + 1 < m_walkthrough->count());
}

} // namespace jwtflow
