#pragma once
// LessonDock: the lesson panel (the contents of the "Lesson" dock, objectName "lessonDock").
// Shows the open lesson's current step: its title, its text with embedded logos and figures
// of the current state (lesson_text.h placeholders, drawn by the host), its question with a
// Reveal button, Back / Run again / Next, progress ("Step 3 of 9") and the clickable step
// list. Entering a step by Next or the list runs its actions (LessonRunner); Back only shows
// the previous step (its actions can be re-run with Run again), so stepping back never starts
// a long training by accident. A question hides the statistics it names until Reveal; a step
// without a question shows everything.
//
// Keyboard: the main window maps Page Down / Page Up (what a presentation clicker sends) to
// next() / back() window-wide.

#include "lesson/lesson.h"

#include <QString>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QTextBrowser;

namespace motifloom::ui {

class LessonHost;
class LessonRunner;

class LessonDock : public QWidget {
    Q_OBJECT
public:
    explicit LessonDock(LessonHost* host, QWidget* parent = nullptr);

    // Shows `lesson` (read from `source`, a file path or a ":/lessons/..." resource) and enters
    // its first step (running its actions unless `runFirst` is false).
    void setLesson(lesson::Lesson lesson, const QString& source, bool runFirst = true);
    // Appends a step (Save as lesson...) and shows it without running it (the lab already is
    // in that state).
    void appendStep(lesson::Step step);
    bool hasLesson() const { return !mLesson.steps.empty(); }
    const lesson::Lesson& lesson() const { return mLesson; }
    QString source() const { return mSource; }

    int currentStep() const { return mCurrent; }  // 0-based, -1 without a lesson
    int stepCount() const { return int(mLesson.steps.size()); }
    QString progressText() const;                 // "Step 3 of 9"
    QString stepHtml() const;                     // the text as shown
    bool isRevealed() const { return mRevealed; }
    bool canReveal() const;                       // the step has a question not yet revealed
    QString lastError() const { return mError; }  // of the last step run ("" when it ran)
    LessonRunner* runner() const { return mRunner; }

public Q_SLOTS:
    void next();
    void back();
    void goToStep(int index, bool runActions = true);
    void runAgain();
    void reveal();
    // Redraws the text (its logos and figures follow the current state).
    void refreshText();

Q_SIGNALS:
    void stepEntered(int index);
    // The step's actions ran (ok) or stopped at `error` ("action 2 (race): ...").
    void stepFinished(int index, bool ok, const QString& error);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // The step title and text sizes, relative to the panel's font: presentation mode scales the
    // application font, and the text the class reads must grow with it.
    void applyFonts();
    void showStep();
    bool hasSomethingToReveal() const;  // an answer or hidden statistics
    void applyHiding();
    void updateButtons();

    LessonHost* mHost;
    LessonRunner* mRunner;
    lesson::Lesson mLesson;
    QString mSource;
    int mCurrent = -1;
    bool mRevealed = false;
    QString mError;
    int mRenderedWidth = 0;

    QLabel* mLessonTitle = nullptr;
    QLabel* mProgress = nullptr;
    QLabel* mStepTitle = nullptr;
    QTextBrowser* mText = nullptr;
    QPushButton* mRevealButton = nullptr;
    QLabel* mStatus = nullptr;
    QPushButton* mBack = nullptr;
    QPushButton* mRunAgain = nullptr;
    QPushButton* mNext = nullptr;
    QListWidget* mSteps = nullptr;
};

}  // namespace motifloom::ui
