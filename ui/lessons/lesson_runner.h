#pragma once
// LessonRunner: runs one lesson step's pre-trained runs and actions in order through a
// LessonHost, without blocking the event loop: "train" and "race" with "wait" poll the host
// until the run(s) ended before the next action. The first failing action stops the step and
// is reported as "action 2 (race): " followed by the host's message; the lab keeps
// whatever the earlier actions did.
//
// Quick mode (tests, and trying a lesson out before class): caps every data recipe's sequence
// count and every run's epochs, so a whole lesson runs in seconds. See docs/lessons.md.

#include "lesson/lesson.h"

#include <QObject>
#include <QString>

class QTimer;

namespace motifloom::ui {

class LessonHost;

struct LessonQuickMode {
    int maxSequences = 0;  // 0 = no cap; synthetic and sample data get at most this many
    int maxEpochs = 0;     // 0 = no cap
    bool enabled() const { return maxSequences > 0 || maxEpochs > 0; }
};

class LessonRunner : public QObject {
    Q_OBJECT
public:
    explicit LessonRunner(LessonHost* host, QObject* parent = nullptr);

    void setQuickMode(const LessonQuickMode& quick) { mQuick = quick; }
    LessonQuickMode quickMode() const { return mQuick; }

    // Runs `step` (a copy is kept); a step still running is cancelled first.
    void run(const lesson::Step& step);
    // Stops waiting (training itself goes on); no finished() for the cancelled step.
    void cancel();
    bool isRunning() const { return mRunning; }
    // What the runner is doing now, e.g. "Training… (action 4 of 5)"; empty when idle.
    QString status() const { return mStatus; }

Q_SIGNALS:
    void statusChanged(const QString& status);
    // ok = every action ran; else `error` names the failing action.
    void finished(bool ok, const QString& error);
    // A "reveal" action: the dock shows the answer and the hidden statistics.
    void revealRequested();

private:
    void next();        // the next action, or finished
    void poll();        // waiting for training to end
    QString perform(const lesson::Action& action);  // "" or an error; may start a wait
    void setStatus(const QString& status);
    void finish(bool ok, const QString& error);

    LessonHost* mHost;
    LessonQuickMode mQuick;
    lesson::Step mStep;
    int mIndex = 0;
    bool mRunning = false;
    enum class Wait { None, Idle, Runs } mWait = Wait::None;
    int mWaitRuns = 0;       // Runs: the run count to reach
    int mPolls = 0;
    QTimer* mTimer = nullptr;
    QString mStatus;
};

}  // namespace motifloom::ui
