#include "TrainerDock.h"
#include "ErrorColor.h"

#include "PracticeAppOptions.h"
#include "ScenarioSwitches.h"
#include "SequenceDiagram.h"
#include "WalkthroughView.h"
#include "flow/BearerFlowSession.h"
#include "flow/ExchangeResult.h"
#include "flow/OrgClient.h"
#include "flow/TokenDocument.h"
#include "practice/PracticeOrg.h"
#include "trainer/ScenarioSwitchboard.h"
#include "trainer/SequenceLog.h"
#include "trainer/Walkthrough.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace jwtflow {

namespace {

TrainerDock::FileChooser &fileChooser()
{
    static TrainerDock::FileChooser chooser = [](QWidget *parent, const QString &title, const QString &filter) {
        return QFileDialog::getSaveFileName(parent, title, QDir::home().filePath(QStringLiteral("jwt-bearer-lesson.md")), filter);
    };
    return chooser;
}

} // namespace

void TrainerDock::setFileChooser(FileChooser chooser)
{
    fileChooser() = std::move(chooser);
}

TrainerDock::TrainerDock(const Parts &parts, QWidget *parent)
    : QDockWidget(tr("Trainer"), parent)
    , m_parts(parts)
    , m_walkthrough(new Walkthrough(this))
    , m_sequence(new SequenceLog(this))
    , m_switchboard(parts.session->switchboard())
    , m_lesson(parts.session->clock())
{
    setObjectName(QStringLiteral("trainerDock"));
    setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);

    auto *content = new QWidget(this);
    m_tabs = new QTabWidget(content);
    m_tabs->setObjectName(QStringLiteral("trainerTabs"));
    m_walkthroughView = new WalkthroughView(m_walkthrough, m_tabs);
    m_switches = new ScenarioSwitches(m_tabs);
    m_tabs->addTab(m_walkthroughView, tr("&Steps"));
    m_tabs->addTab(m_switches, tr("&Failures"));
    m_tabs->setTabToolTip(1, tr("Failures on purpose: one click breaks one thing the way Salesforce breaks it"));
    m_appOptions = new PracticeAppOptions(m_tabs);
    m_tabs->addTab(m_appOptions, tr("&App settings"));
    m_tabs->setTabToolTip(2, tr("Settings of the practice app that change the answer: JWT-based access tokens, an id_token"));

    m_diagram = new SequenceDiagram(m_sequence, content);
    m_message = new QPlainTextEdit(content);
    m_message->setObjectName(QStringLiteral("sequenceMessage"));
    m_message->setReadOnly(true);
    m_message->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_message->setPlaceholderText(tr("Click an arrow to read its raw HTTP message (secrets masked)."));
    m_message->setAccessibleName(tr("Raw message of the selected arrow"));

    auto *sequence = new QSplitter(Qt::Vertical, content);
    sequence->setObjectName(QStringLiteral("sequenceSplitter"));
    sequence->addWidget(m_diagram);
    sequence->addWidget(m_message);
    sequence->setStretchFactor(0, 3);
    sequence->setStretchFactor(1, 1);

    auto *split = new QSplitter(Qt::Vertical, content);
    split->setObjectName(QStringLiteral("trainerSplitter"));
    split->addWidget(m_tabs);
    split->addWidget(sequence);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    m_status = new QLabel(content);
    m_status->setObjectName(QStringLiteral("trainerStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_export = new QPushButton(tr("E&xport lesson…"), content);
    m_export->setObjectName(QStringLiteral("exportLesson"));
    m_export->setToolTip(tr("The steps, requests, responses and diagnoses of this session as Markdown or HTML, secrets masked"));
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_export, 0, Qt::AlignTop);

    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split, 1);
    layout->addLayout(bottom);
    setWidget(content);

    connect(m_walkthroughView, &WalkthroughView::targetRequested, this, [this](const QString &target) {
        if (m_parts.focusTarget)
            m_parts.focusTarget(target);
    });
    connect(m_walkthrough, &Walkthrough::stepDone, this, [this](int index) {
        const Walkthrough::Step &step = m_walkthrough->step(index);
        m_lesson.recordStep(
            index + 1, step.title, step.explanation, Walkthrough::whatTheClassSees(step.completesOn, *m_parts.session));
    });
    connect(m_walkthroughView, &WalkthroughView::restartRequested, this, &TrainerDock::restartLesson);
    connect(m_switches, &ScenarioSwitches::switchRequested, this,
        [this](ScenarioSwitchboard::Switch s) { applySwitch(static_cast<int>(s)); });
    connect(m_switches, &ScenarioSwitches::resetRequested, this, &TrainerDock::resetSwitches);
    connect(m_appOptions, &PracticeAppOptions::optionRequested, this,
        [this](PracticeAppOption::Id id, bool on) { setAppOption(static_cast<int>(id), on); });
    connect(m_diagram, &SequenceDiagram::messageActivated, this, &TrainerDock::showMessage);
    connect(m_export, &QPushButton::clicked, this, &TrainerDock::exportLesson);

    // What happens in the window drives the ticks, the arrows and the lesson.
    BearerFlowSession *session = m_parts.session;
    connect(session, &BearerFlowSession::keysChanged, this, &TrainerDock::refreshFacts);
    connect(session->document(), &TokenDocument::tokenChanged, this, &TrainerDock::refreshFacts);
    connect(session->document(), &TokenDocument::signatureChanged, this, &TrainerDock::refreshFacts);
    connect(session, &BearerFlowSession::connectionChanged, this, &TrainerDock::refreshFacts);
    // The session's answer, with its diagnosis: whichever view heard of it first does not matter.
    connect(session, &BearerFlowSession::answerChanged, this, [this] {
        if (const auto &result = m_parts.session->lastResult())
            exchangeFinished(*result);
    });
    connect(session->org(), &OrgClient::finished, this, [this](int, const HttpExchangeRecord &record) { callFinished(record); });
    connect(session, &BearerFlowSession::frontdoorOpened, this, &TrainerDock::frontdoorOpened);
    connect(session, &BearerFlowSession::practiceOrgChanged, this, &TrainerDock::practiceOrgChanged);
    // The banner's Reset (or anything else) switching a failure off shows here too.
    connect(session, &BearerFlowSession::failureChanged, this,
        [this] { m_switches->showActive(m_switchboard->active(), m_switchboard->activeChange()); });
    practiceOrgChanged();
    setStatus(tr("Follow the steps with Next, or switch a failure on and Send."));
}

void TrainerDock::practiceOrgChanged()
{
    PracticeOrg *practice = m_parts.session->practiceOrg();
    if (m_practice)
        disconnect(m_practice, nullptr, this, nullptr);
    m_practice = practice;
    if (practice) {
        connect(practice, &PracticeOrg::requestHandled, this,
            [this](const PracticeOrg::LogEntry &entry) { m_sequence->addServerNote(entry.path, entry.status, entry.note); });
        connect(practice, &PracticeOrg::appOptionChanged, m_appOptions, &PracticeAppOptions::showOption);
    }
    const bool running = practice && practice->isRunning();
    m_switches->setAvailable(
        running, running ? QString() : tr("The failures on purpose need the practice org, which is not running in this window."));
    m_appOptions->setAvailable(
        running, running ? QString() : tr("These settings belong to the practice org, which is not running in this window."));
    for (const PracticeAppOption::Id id : PracticeAppOption::all())
        m_appOptions->showOption(id, running && practice->appOption(id));
    refreshFacts();
}

TrainerDock::~TrainerDock() = default;

void TrainerDock::refreshFacts()
{
    const BearerFlowSession *session = m_parts.session;
    if (session->keyMatch() == ClaimsLinter::KeyMatch::Matches)
        m_walkthrough->record(Walkthrough::Event::KeyReady);

    // The connected-app steps happen in Salesforce's Setup; the practice org can tell they are done.
    const auto preset = session->preset();
    const bool practiceInUse
        = m_practice && m_practice->isRunning() && preset && preset->environment() == AssertionPreset::Environment::PracticeOrg;
    if (practiceInUse) {
        const OrgDirectory &directory = m_practice->directory();
        const auto &certificate = session->certificate();
        const QString clientId = session->connection().clientId;
        if (certificate && Walkthrough::certificateUploaded(directory, clientId, certificate->certificate)
            && session->keyMatch() == ClaimsLinter::KeyMatch::Matches)
            m_walkthrough->record(Walkthrough::Event::CertificateUploaded);
        if (Walkthrough::userPreAuthorised(directory, clientId, session->connection().username))
            m_walkthrough->record(Walkthrough::Event::UserPreAuthorised);
    }

    const TokenDocument *document = session->document();
    if (document->hasToken() && Walkthrough::claimsComposed(document->jwt().claims()))
        m_walkthrough->record(Walkthrough::Event::ClaimsComposed);
    if (document->signature().state == TokenDocument::SignatureState::ReSigned)
        m_walkthrough->record(Walkthrough::Event::AssertionSigned);
}

void TrainerDock::exchangeFinished(const ExchangeResult &result)
{
    const Diagnosis diagnosis = result.ok() ? Diagnosis() : m_parts.session->lastDiagnosis();
    m_sequence->addExchange(result);
    // The step first, then what happened in it: the handout reads in that order.
    if (result.ok())
        m_walkthrough->record(Walkthrough::Event::TokenReceived);
    m_lesson.recordExchange(result, diagnosis);
    if (result.ok()) {
        setStatus(tr("Token endpoint: %1").arg(result.summary()));
    } else {
        setStatus(diagnosis.title.isEmpty() ? result.summary() : tr("%1 — %2").arg(result.summary(), diagnosis.title), true);
    }
}

void TrainerDock::callFinished(const HttpExchangeRecord &record)
{
    m_sequence->addCall(record);
    if (record.answered() && record.response.status < 400)
        m_walkthrough->record(Walkthrough::Event::ApiCalled);
    m_lesson.recordCall(record);
}

void TrainerDock::frontdoorOpened(const QUrl &url)
{
    m_sequence->addFrontdoor(url, m_parts.session->org()->token().accessToken);
    m_walkthrough->record(Walkthrough::Event::FrontdoorOpened);
    m_lesson.recordFrontdoor(url);
}

void TrainerDock::showMessage(int index)
{
    const auto &messages = m_sequence->messages();
    if (index < 0 || index >= messages.size())
        return;
    const SequenceLog::Message &message = messages.at(index);
    QString text = message.text;
    if (!message.serverNote.isEmpty())
        text += tr("\n\n— The practice org saw: %1").arg(message.serverNote);
    m_message->setPlainText(text);
}

QString TrainerDock::shownMessage() const
{
    return m_message->toPlainText();
}

QString TrainerDock::statusText() const
{
    return m_status->text();
}

void TrainerDock::setStatus(const QString &text, bool problem)
{
    m_status->setStyleSheet(problem ? ErrorColor::styleSheet(m_status) : QString());
    m_status->setText(text);
}

void TrainerDock::applySwitch(int switchValue)
{
    const auto s = static_cast<ScenarioSwitchboard::Switch>(switchValue);
    const auto change = m_switchboard->apply(s);
    if (!change) {
        m_switches->showActive(m_switchboard->active(), m_switchboard->activeChange());
        m_switches->showProblem(change.error().text());
        return;
    }
    m_switches->showActive(s, change.value());
    m_lesson.recordScenario(ScenarioSwitchboard::title(s), change.value());
    setStatus(tr("%1 is on: press Send.").arg(ScenarioSwitchboard::title(s)));
}

void TrainerDock::resetSwitches()
{
    const QString restored = m_switchboard->reset();
    m_switches->showActive(std::nullopt, restored);
    if (!restored.isEmpty())
        m_lesson.recordNote(tr("Reset"), restored);
    setStatus(restored.isEmpty() ? tr("Nothing was switched on.") : tr("Reset: press Send, the flow works again."));
}

bool TrainerDock::setAppOption(int optionValue, bool on)
{
    const auto id = static_cast<PracticeAppOption::Id>(optionValue);
    if (!m_practice || !m_practice->isRunning()) {
        m_appOptions->showOption(id, false);
        setStatus(tr("The practice app's settings need the practice org, which is not running in this window."), true);
        return false;
    }
    m_practice->setAppOption(id, on);
    const QString title = PracticeAppOption::title(id);
    m_lesson.recordNote(on ? tr("Setting on") : tr("Setting off"), title);
    if (!on)
        setStatus(tr("%1 is off again: press Send.").arg(title));
    else if (id == PracticeAppOption::Id::JwtAccessTokens)
        setStatus(tr("%1 is on: press Send, then Inspect the access token.").arg(title));
    else
        setStatus(tr("%1 is on: press Send, then Inspect the id_token.").arg(title));
    return true;
}

bool TrainerDock::exportLesson()
{
    const QString path = fileChooser()(this, tr("Export the lesson"), tr("Markdown (*.md);;HTML (*.html)"));
    if (path.isEmpty())
        return false;
    const auto written = exportLessonTo(path);
    if (!written) {
        setStatus(written.error().text(), true);
        return false;
    }
    setStatus(tr("Lesson written to %1 (secrets masked).").arg(QDir::toNativeSeparators(path)));
    return true;
}

void TrainerDock::restartLesson()
{
    m_walkthrough->reset();
    m_lesson.clear();
    m_sequence->clear();
    m_message->clear();
    refreshFacts(); // what holds now is in place, not done
    setStatus(tr("A new lesson: step 1 of %1.").arg(m_walkthrough->count()));
}

Result<void> TrainerDock::exportLessonTo(const QString &path)
{
    return m_lesson.save(path);
}

} // namespace jwtflow
