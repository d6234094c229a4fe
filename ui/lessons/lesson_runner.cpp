#include "lessons/lesson_runner.h"

#include "lessons/lesson_host.h"

#include "arch/architecture_json.h"
#include "lesson/lesson_sample_data.h"

#include <QTimer>

#include <algorithm>

namespace motifloom::ui {

namespace {
constexpr int kPollMs = 100;
}

LessonRunner::LessonRunner(LessonHost* host, QObject* parent) : QObject(parent), mHost(host) {
    mTimer = new QTimer(this);
    mTimer->setInterval(kPollMs);
    connect(mTimer, &QTimer::timeout, this, &LessonRunner::poll);
}

void LessonRunner::run(const lesson::Step& step) {
    cancel();
    mStep = step;
    mIndex = 0;
    mRunning = true;
    if (!mStep.runs.empty()) {
        if (const QString error = mHost->addRuns(mStep.runs); !error.isEmpty()) {
            finish(false, tr("pre-trained runs: %1").arg(error));
            return;
        }
    }
    next();
}

void LessonRunner::cancel() {
    mTimer->stop();
    mWait = Wait::None;
    mRunning = false;
    setStatus({});
}

void LessonRunner::next() {
    while (mRunning && mWait == Wait::None) {
        if (mIndex >= int(mStep.actions.size())) {
            finish(true, {});
            return;
        }
        const lesson::Action& action = mStep.actions[std::size_t(mIndex)];
        const QString name = QString::fromUtf8(lesson::actionName(action.kind));
        ++mIndex;
        const QString error = perform(action);
        if (!error.isEmpty()) {
            finish(false, tr("action %1 (%2): %3").arg(mIndex).arg(name, error));
            return;
        }
    }
}

void LessonRunner::poll() {
    const bool done = mWait == Wait::Runs ? mHost->runCount() >= mWaitRuns && !mHost->isBusy() : !mHost->isBusy();
    // A race whose runs never arrive (stopped before its first epoch) must not hang the step:
    // once nothing is busy any more for a while, the wait ends.
    if (!done && (mHost->isBusy() || ++mPolls < 50)) return;
    mTimer->stop();
    mWait = Wait::None;
    setStatus({});
    next();
}

QString LessonRunner::perform(const lesson::Action& a) {
    using lesson::ActionKind;
    switch (a.kind) {
    case ActionKind::LoadData: {
        lab::DataRecipe recipe = a.recipe;
        if (mQuick.maxSequences > 0 && recipe.kind == lab::DataRecipe::Kind::Synthetic)
            recipe.count = std::min(recipe.count, mQuick.maxSequences);
        return mHost->loadData(recipe, a.load);
    }
    case ActionKind::SampleFasta: {
        lesson::Action sample = a;
        if (mQuick.maxSequences > 0) sample.count = std::min(sample.count, mQuick.maxSequences);
        try {
            const lab::DataRecipe recipe = lesson::writeSampleFasta(sample, mHost->lessonDataFolder().toStdString());
            return mHost->loadData(recipe, true);
        } catch (const std::exception& e) {
            return QString::fromUtf8(e.what());
        }
    }
    case ActionKind::Architecture:
        if (!a.preset.empty()) return mHost->selectPreset(QString::fromStdString(a.preset));
        return mHost->setArchitecture(*a.architecture);
    case ActionKind::Training: {
        arch::TrainingSettings s = lesson::withSettings(mHost->trainingSettings(), a);
        if (mQuick.maxEpochs > 0) s.maxEpochs = std::min(s.maxEpochs, mQuick.maxEpochs);
        return mHost->setTrainingSettings(s);
    }
    case ActionKind::Train:
    case ActionKind::Race: {
        if (mQuick.maxEpochs > 0) {  // also when the lesson never sets the epochs
            arch::TrainingSettings s = mHost->trainingSettings();
            s.maxEpochs = std::min(s.maxEpochs, mQuick.maxEpochs);
            mHost->setTrainingSettings(s);
        }
        const int before = mHost->runCount();
        QString error;
        if (a.kind == ActionKind::Train) {
            error = mHost->startTraining();
        } else {
            QStringList names;
            for (const std::string& entry : a.architectures) {
                QString text = QString::fromStdString(entry);
                if (mQuick.maxEpochs > 0 && text.contains(QLatin1Char('{'))) {  // an inline architecture's own epochs
                    try {
                        arch::Architecture inline_ = arch::fromJsonString(entry);
                        inline_.training.maxEpochs = std::min(inline_.training.maxEpochs, mQuick.maxEpochs);
                        text = QString::fromStdString(arch::toJsonString(inline_));
                    } catch (const std::exception&) {
                    }
                }
                names << text;
            }
            error = mHost->startRace(names);
        }
        if (!error.isEmpty() || !a.wait) return error;
        mWait = a.kind == ActionKind::Train ? Wait::Idle : Wait::Runs;
        mWaitRuns = before + (a.kind == ActionKind::Train ? 1 : int(a.architectures.size()));
        mPolls = 0;
        setStatus(a.kind == ActionKind::Train ? tr("Training\u2026 the lesson goes on when the run ends (or press Next).")
                                              : tr("Racing\u2026 the lesson goes on when the runs end (or press Next)."));
        mTimer->start();
        return {};
    }
    case ActionKind::ShowTab: return mHost->showTab(QString::fromStdString(a.tab));
    case ActionKind::OpenAlignment: return mHost->openAlignment(a.number - 1);
    case ActionKind::OpenInspector: return mHost->openInspector(a.number - 1);
    case ActionKind::CompareRuns: {
        QStringList labels;
        for (const std::string& l : a.runLabels) labels << QString::fromStdString(l);
        return mHost->compareRuns(a.last, labels);
    }
    case ActionKind::Reveal: Q_EMIT revealRequested(); return {};
    }
    return {};
}

void LessonRunner::setStatus(const QString& status) {
    if (status == mStatus) return;
    mStatus = status;
    Q_EMIT statusChanged(status);
}

void LessonRunner::finish(bool ok, const QString& error) {
    mTimer->stop();
    mWait = Wait::None;
    mRunning = false;
    setStatus({});
    Q_EMIT finished(ok, error);
}

}  // namespace motifloom::ui
