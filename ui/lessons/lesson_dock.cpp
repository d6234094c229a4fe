#include "lessons/lesson_dock.h"

#include "lessons/lesson_host.h"
#include "lessons/lesson_runner.h"

#include "lesson/lesson_text.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollBar>
#include <QStyle>
#include <QTextBrowser>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

namespace motifloom::ui {

LessonDock::LessonDock(LessonHost* host, QWidget* parent)
    : QWidget(parent), mHost(host), mRunner(new LessonRunner(host, this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto* top = new QHBoxLayout;
    mLessonTitle = new QLabel(this);
    mLessonTitle->setWordWrap(true);
    mLessonTitle->setTextFormat(Qt::PlainText);
    mProgress = new QLabel(this);
    mProgress->setObjectName(QStringLiteral("lessonProgress"));
    top->addWidget(mLessonTitle, 1);
    top->addWidget(mProgress, 0, Qt::AlignTop);
    layout->addLayout(top);

    mStepTitle = new QLabel(this);
    mStepTitle->setWordWrap(true);
    mStepTitle->setTextFormat(Qt::PlainText);
    layout->addWidget(mStepTitle);

    mText = new QTextBrowser(this);
    mText->setOpenExternalLinks(false);
    mText->setOpenLinks(false);
    mText->setFocusPolicy(Qt::NoFocus);  // Page Up / Down stay the lesson's keys
    mText->setFrameShape(QFrame::NoFrame);
    layout->addWidget(mText, 3);
    applyFonts();

    // Alt+A: Alt+R is the Run menu's, and a shared mnemonic only moves the focus between the two.
    mRevealButton = new QPushButton(tr("Reve&al"), this);
    mRevealButton->setToolTip(tr("Show the answer and the hidden statistics (predict first, then look) (Alt+A)"));
    connect(mRevealButton, &QPushButton::clicked, this, &LessonDock::reveal);
    layout->addWidget(mRevealButton);

    mStatus = new QLabel(this);
    mStatus->setWordWrap(true);
    mStatus->setTextFormat(Qt::RichText);
    mStatus->setObjectName(QStringLiteral("lessonStatus"));
    layout->addWidget(mStatus);

    auto* buttons = new QHBoxLayout;
    mBack = new QPushButton(style()->standardIcon(QStyle::SP_ArrowBack), tr("Back"), this);
    mBack->setToolTip(tr("The previous step (Page Up); its actions do not run again"));
    mRunAgain = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Run again"), this);
    mRunAgain->setToolTip(tr("Run this step's actions again"));
    mNext = new QPushButton(style()->standardIcon(QStyle::SP_ArrowForward), tr("Next"), this);
    mNext->setToolTip(tr("The next step, running its actions (Page Down)"));
    for (QPushButton* b : {mBack, mRunAgain, mNext}) b->setFocusPolicy(Qt::NoFocus);
    buttons->addWidget(mBack);
    buttons->addWidget(mRunAgain);
    buttons->addWidget(mNext);
    layout->addLayout(buttons);
    connect(mBack, &QPushButton::clicked, this, &LessonDock::back);
    connect(mNext, &QPushButton::clicked, this, &LessonDock::next);
    connect(mRunAgain, &QPushButton::clicked, this, &LessonDock::runAgain);

    mSteps = new QListWidget(this);
    mSteps->setObjectName(QStringLiteral("lessonSteps"));
    mSteps->setToolTip(tr("Every step of the lesson; click one to go there (its actions run)"));
    mSteps->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(mSteps, 1);
    connect(mSteps, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) { goToStep(mSteps->row(item)); });

    connect(mRunner, &LessonRunner::statusChanged, this, [this](const QString& s) {
        if (mError.isEmpty()) mStatus->setText(s.toHtmlEscaped());
    });
    connect(mRunner, &LessonRunner::revealRequested, this, &LessonDock::reveal);
    connect(mRunner, &LessonRunner::finished, this, [this](bool ok, const QString& error) {
        mError = ok ? QString() : error;
        mStatus->setText(ok ? QString()
                            : QStringLiteral("<span style='color:#b00020'><b>%1</b></span>")
                                  .arg(tr("This step could not run: %1").arg(error).toHtmlEscaped()));
        refreshText();  // figures of what the actions produced
        Q_EMIT stepFinished(mCurrent, ok, error);
    });

    mLessonTitle->setText(tr("No lesson open."));
    mText->setHtml(tr("<p>Open one of the built-in lessons from the <b>Lessons</b> menu, or your own with "
                      "<b>File \u2192 Open lesson\u2026</b>.</p><p>A lesson walks a class through the lab step by "
                      "step: Page Down (or a presentation clicker) goes on.</p>"));
    updateButtons();
}

void LessonDock::setLesson(lesson::Lesson lesson, const QString& source, bool runFirst) {
    mRunner->cancel();
    mLesson = std::move(lesson);
    mSource = source;
    mLessonTitle->setText(QString::fromStdString(mLesson.title));
    mLessonTitle->setToolTip(QString::fromStdString(mLesson.summary));
    mSteps->clear();
    for (std::size_t i = 0; i < mLesson.steps.size(); ++i)
        mSteps->addItem(QStringLiteral("%1. %2").arg(i + 1).arg(QString::fromStdString(mLesson.steps[i].title)));
    mCurrent = -1;
    goToStep(0, runFirst);
}

void LessonDock::appendStep(lesson::Step step) {
    mLesson.steps.push_back(std::move(step));
    mSteps->addItem(QStringLiteral("%1. %2").arg(mLesson.steps.size()).arg(QString::fromStdString(mLesson.steps.back().title)));
    goToStep(stepCount() - 1, false);
}

QString LessonDock::progressText() const {
    return hasLesson() ? tr("Step %1 of %2").arg(mCurrent + 1).arg(stepCount()) : QString();
}

QString LessonDock::stepHtml() const { return mText->toHtml(); }

bool LessonDock::canReveal() const { return hasLesson() && hasSomethingToReveal() && !mRevealed; }

bool LessonDock::hasSomethingToReveal() const {
    const auto& q = mLesson.steps[std::size_t(mCurrent)].question;
    return q && (!q->answer.empty() || !q->hide.empty());
}

void LessonDock::next() {
    if (hasLesson() && mCurrent + 1 < stepCount()) goToStep(mCurrent + 1);
}

void LessonDock::back() {
    if (hasLesson() && mCurrent > 0) goToStep(mCurrent - 1, false);
}

void LessonDock::goToStep(int index, bool runActions) {
    if (!hasLesson() || index < 0 || index >= stepCount()) return;
    mRunner->cancel();
    mCurrent = index;
    mRevealed = false;
    mError.clear();
    mStatus->clear();
    applyHiding();
    showStep();
    Q_EMIT stepEntered(index);
    if (runActions) mRunner->run(mLesson.steps[std::size_t(index)]);
}

void LessonDock::runAgain() {
    if (!hasLesson()) return;
    mError.clear();
    mStatus->clear();
    mRunner->run(mLesson.steps[std::size_t(mCurrent)]);
}

void LessonDock::reveal() {
    if (!hasLesson()) return;
    mRevealed = true;
    mHost->setStatisticsHidden({});
    showStep();
}

void LessonDock::applyHiding() {
    const lesson::Step& step = mLesson.steps[std::size_t(mCurrent)];
    mHost->setStatisticsHidden(step.question && !mRevealed ? step.question->hide : std::vector<lesson::Hidden>{});
}

void LessonDock::refreshText() {
    if (hasLesson()) showStep();
}

void LessonDock::showStep() {
    const lesson::Step& step = mLesson.steps[std::size_t(mCurrent)];
    mStepTitle->setText(QString::fromStdString(step.title));
    mProgress->setText(progressText());
    {
        const QSignalBlocker block(mSteps);
        mSteps->setCurrentRow(mCurrent);
    }
    // Placeholders become images registered with the document under "lesson:N".
    QTextDocument* doc = mText->document();
    const int width = std::max(120, mText->viewport()->width() - 24);
    mRenderedWidth = mText->viewport()->width();
    int imageCount = 0;
    auto embed = [&](const lesson::Placeholder& p) -> std::string {
        const QImage image = mHost->placeholderImage(p, width);
        if (image.isNull())
            return QStringLiteral("<i>[%1]</i>").arg(p.kind == lesson::Placeholder::Kind::Logo
                                                         ? tr("the logo of filter %1 appears once a run has filters").arg(p.filter)
                                                         : tr("the %1 figure appears once there is something to show")
                                                               .arg(QString::fromStdString(p.figure)))
                .toStdString();
        const QUrl url(QStringLiteral("lesson:%1").arg(imageCount++));
        doc->addResource(QTextDocument::ImageResource, url, image);
        const double ratio = image.devicePixelRatio();
        return QStringLiteral("<img src=\"%1\" width=\"%2\" height=\"%3\">")
            .arg(url.toString())
            .arg(int(image.width() / ratio))
            .arg(int(image.height() / ratio))
            .toStdString();
    };
    std::string html = lesson::textToHtml(step.text, embed);
    if (step.question) {
        html += "<hr><p><b>" + tr("Question").toStdString() + "</b></p>" + lesson::textToHtml(step.question->text, embed);
        if (mRevealed && !step.question->answer.empty())
            html += "<p><b>" + tr("Answer").toStdString() + "</b></p>" + lesson::textToHtml(step.question->answer, embed);
    }
    const int scroll = mText->verticalScrollBar()->value();
    mText->setHtml(QString::fromStdString(html));
    mText->verticalScrollBar()->setValue(scroll);
    updateButtons();
}

void LessonDock::updateButtons() {
    const bool open = hasLesson();
    mBack->setEnabled(open && mCurrent > 0);
    mNext->setEnabled(open && mCurrent + 1 < stepCount());
    mRunAgain->setEnabled(open && !mLesson.steps[std::size_t(std::max(0, mCurrent))].actions.empty());
    const bool question = open && hasSomethingToReveal();  // a question to think about only needs no button
    mRevealButton->setVisible(question);
    mRevealButton->setEnabled(question && !mRevealed);
    mRevealButton->setText(mRevealed ? tr("Revealed") : tr("Reve&al"));
    mSteps->setVisible(open);
}

void LessonDock::applyFonts() {
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    mStepTitle->setFont(big);
    QFont text = font();
    text.setPointSizeF(text.pointSizeF() * 1.1);
    mText->setFont(text);
}

void LessonDock::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange && mText) {
        applyFonts();
        refreshText();  // the embedded logos and figures follow the new size
    }
}

void LessonDock::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // Figures follow the panel's width; redraw once the resize settles.
    if (hasLesson() && std::abs(mText->viewport()->width() - mRenderedWidth) > 40)
        QTimer::singleShot(0, this, &LessonDock::refreshText);
}

}  // namespace motifloom::ui
