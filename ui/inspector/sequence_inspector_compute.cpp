// SequenceInspector: the computations off the GUI thread and how their results are shown.
#include "inspector/sequence_inspector.h"

#include "inspector/inspection_canvas.h"
#include "inspector/prediction_bars.h"
#include "inspector/sequence_picker.h"
#include "widgets/logo_widget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QToolButton>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace motifloom::ui {

void SequenceInspector::request() {
    mSinceRequest.start();
    if (!hasSequence() || !mModel.valid() || int(sequence().size()) != mModel.network->inputLength()) {
        updatePicture();
        return;
    }
    if (mWatcher->isRunning()) {
        mQueued = true;  // startCompute when the running one ends
        mStatus->setText(tr("computing\u2026"));
        return;
    }
    startCompute();
}

void SequenceInspector::startCompute() {
    mQueued = false;
    if (!hasSequence() || !mModel.valid() || int(sequence().size()) != mModel.network->inputLength()) return;
    Job job{mGeneration, mConv, sequence()};
    std::shared_ptr<const nn::Network> net = mModel.network;
    std::vector<std::uint8_t> original = mOriginal;
    mStatus->setText(tr("computing\u2026"));
    mWatcher->setFuture(QtConcurrent::run([job = std::move(job), net, original = std::move(original)]() {
        JobResult r;
        r.inspection = inspectSequence(*net, job.codes, job.conv);
        r.reference = job.codes == original ? r.inspection.probabilities : predictAll(*net, original.data(), 1);
        r.job = job;
        return r;
    }));
}

void SequenceInspector::computed() {
    QElapsedTimer gui;
    gui.start();
    const JobResult r = mWatcher->result();
    const bool current = r.job.generation == mGeneration && r.job.conv == mConv && r.job.codes == sequence();
    if (current) {
        mResult = std::make_shared<const Inspection>(r.inspection);
        mReference = r.reference;
        updatePicture();
        updateFilterPanel();
        mCanvas->repaint();  // measured below: the redraw is part of the round trip
        mBars->repaint();
        mGuiMs = double(gui.nsecsElapsed()) / 1e6;
        mRoundTripMs = double(mSinceRequest.nsecsElapsed()) / 1e6;
        mStatus->setText(tr("model %1 ms \u00b7 round trip %2 ms").arg(r.inspection.milliseconds, 0, 'f', 1).arg(mRoundTripMs, 0, 'f', 1));
    }
    if (mQueued || !current) startCompute();
    if (current && !mQueued) emit inspected();
}

void SequenceInspector::updatePicture() {
    InspectionPicture pic;
    pic.sequence = sequence();
    pic.original = mOriginal;
    pic.boxes = mBoxes;
    pic.classIndex = mClass;
    pic.className = mClassBox->currentText();
    pic.markedFilter = mConv == 1 ? mMarked : -1;
    pic.markedThreshold = mModel.firingThreshold(mMarked);
    pic.layerLabel = mLayerBox->currentText();
    pic.title = figureTitle();
    const Inspection* r = mResult.get();
    const bool fresh = r && r->sequence == pic.sequence;
    if (fresh && mClass < r->ism.classes) {
        pic.ism = r->ism.importances(mClass);
        pic.ismDelta.resize(std::size_t(r->ism.length) * 4);
        for (int p = 0; p < r->ism.length; ++p)
            for (int b = 0; b < 4; ++b) pic.ismDelta[std::size_t(p) * 4 + std::size_t(b)] = r->ism.at(p, b, mClass);
    }
    if (fresh) {
        for (std::size_t row = 0; row < r->saliency.classes.size(); ++row)
            if (r->saliency.classes[row] == mClass) {
                const auto values = r->saliency.importanceRow(int(row));
                pic.saliency.assign(values.begin(), values.end());
            }
    }
    if (r && r->activations.geometry.filters > 0 && r->sequence.size() == pic.sequence.size()) {
        const auto& g = r->activations.geometry;
        pic.filters = g.filters;
        pic.positions = g.length;
        pic.windowOffset = g.windowOffset;
        pic.receptiveField = g.receptiveField;
        pic.activations = r->activations.values;
        for (int f = 0; f < g.filters; ++f) {
            pic.rowLabels.push_back(r->convNumber == 1 ? mModel.filterLabel(f) : tr("filter %1").arg(f + 1));
            pic.rowHighlighted.push_back(r->convNumber == 1 && f < int(mModel.filterMatchesTruth.size()) && mModel.filterMatchesTruth[std::size_t(f)]);
        }
    } else {
        pic.activationNote = r ? r->activationProblem : (hasSequence() ? tr("computing\u2026") : QString());
    }
    if (!mModel.valid()) {
        pic.pendingNote = tr("no model yet");
        pic.activationNote = tr("No model yet: train one (Ctrl+R) or select a run in the Runs list.");
    } else if (hasSequence() && int(pic.sequence.size()) != mModel.network->inputLength()) {
        pic.pendingNote = tr("does not fit");
        pic.activationNote = tr("The model reads %1 nt, this sequence has %2.").arg(mModel.network->inputLength()).arg(pic.sequence.size());
    }
    QStringList probs;
    if (r) {
        for (int c = 0; c < int(r->probabilities.size()); ++c)
            probs << QStringLiteral("%1 %2").arg(mClassBox->itemText(c)).arg(double(r->probabilities[std::size_t(c)]), 0, 'f', 2);
    }
    pic.subtitle = tr("%1 \u00b7 P: %2").arg(mModel.label, probs.join(QStringLiteral(", ")));
    mCanvas->setPicture(std::move(pic));

    std::vector<QString> names;
    for (int c = 0; c < mClassBox->count(); ++c) names.push_back(mClassBox->itemText(c));
    mBars->setPredictions(names, r ? r->probabilities : std::vector<float>{}, mStep > 0 ? mReference : std::vector<float>{}, mTruth);
    mBars->setChosenClass(mClass);
}

void SequenceInspector::updateControls() {
    const bool seq = hasSequence();
    mUndo->setEnabled(canUndo());
    mRedo->setEnabled(canRedo());
    mReset->setEnabled(seq && mStep > 0);
    mScramble->setEnabled(seq && !mBoxes.empty());
    mScramble->setToolTip(mBoxes.empty() ? tr("No planted motif in this sequence (only synthetic data know theirs)")
                                         : tr("Replace every base of the attributed class's planted motif (or the first one) by another "
                                              "base and watch the prediction fall"));
    mExportFigure->setEnabled(seq);
    mExportNumbers->setEnabled(seq);
    QString where;
    if (seq && mFromData) {
        static const char* parts[] = {"train", "validation", "test"};
        QStringList labels;
        for (std::size_t c = 0; c < mTruth.size(); ++c)
            if (mTruth[c] && mData) labels << QString::fromStdString(mData->classNames[c]);
        where = tr(" \u00b7 %1 #%2 \u00b7 labels %3").arg(QString::fromLatin1(parts[int(mPart)])).arg(mIndex)
                    .arg(labels.isEmpty() ? tr("none") : labels.join(QStringLiteral(", ")));
    }
    const QString mutations = seq && mStep > 0 ? tr(" \u00b7 <span style='color:#d02121'>mutated (%1 of %2 steps)</span>").arg(mStep).arg(mHistory.size() - 1) : QString();
    const QString model = mModel.valid() ? tr("model <b>%1</b>").arg(mModel.label.toHtmlEscaped())
                                         : tr("no model yet: train one (Ctrl+R) or select a run in the Runs list");
    mTitle->setText(seq ? tr("<b>%1</b>%2%3 \u00b7 %4").arg(mName.toHtmlEscaped(), where.toHtmlEscaped(), mutations, model)
                        : tr("<b>Sequence inspector</b> \u00b7 %1").arg(model));
    if (mData && mModel.valid() && !modelFitsData())
        mTitle->setText(mTitle->text() + tr("<br><span style='color:#b00020'>The loaded data (%1 nt, %2 classes) do not fit this model "
                                            "(%3 nt, %4 classes): load the run's data to pick sequences, or type one.</span>")
                                             .arg(mData->splits.test.length).arg(mData->classNames.size())
                                             .arg(mModel.network->inputLength()).arg(mModel.network->numClasses()));
    updatePicture();
}

void SequenceInspector::updateFilterPanel() {
    mLogo->setVisible(mMarked >= 0 && mConv == 1);
    if (mMarked < 0 || mConv != 1) {
        mLogoCaption->setText(tr("Click a row of the activation map to see that filter's logo and mark where it fires."));
        return;
    }
    const bool havePwm = mModel.pwms && mMarked < int(mModel.pwms->filters.size());
    if (havePwm && mModel.pwms->filters[std::size_t(mMarked)].fires()) mLogo->setMotif(mModel.pwms->filters[std::size_t(mMarked)].motif);
    else mLogo->setNeverFires();
    const double threshold = mModel.firingThreshold(mMarked);
    QString text = QStringLiteral("<b>%1</b>").arg(mModel.filterLabel(mMarked).toHtmlEscaped());
    if (std::isfinite(threshold)) {
        const auto sites = firingPositions();
        text += tr("<br>fires at %1 position(s) of this sequence: activation above %2 (%3 \u00d7 its maximum over the %4 "
                   "sequences its PWM comes from)")
                    .arg(sites.size())
                    .arg(threshold, 0, 'g', 3)
                    .arg(mModel.pwms->threshold)
                    .arg(mModel.pwms->sequences);
    } else {
        text += havePwm ? tr("<br>never fires on the PWM data") : tr("<br>no PWMs for this model (live filters were off)");
    }
    mLogoCaption->setText(text);
}

void SequenceInspector::requestPredictions(synth::Part part) {
    if (!modelFitsData()) return;
    auto* watcher = new QFutureWatcher<std::vector<float>>(this);
    const int generation = mGeneration;
    const auto data = mData;
    const auto net = mModel.network;
    connect(watcher, &QFutureWatcher<std::vector<float>>::finished, this, [this, watcher, generation, data, part] {
        watcher->deleteLater();
        if (generation == mGeneration && data == mData) mPicker->setPredictions(part, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([data, net, part] {
        const seqio::SequenceSet& set = data->part(part);
        return predictAll(*net, set.codes.data(), set.size());
    }));
}

void SequenceInspector::requestPeaks(synth::Part part, int filter) {
    if (!modelFitsData()) return;
    auto* watcher = new QFutureWatcher<std::vector<float>>(this);
    const int generation = mGeneration;
    const auto data = mData;
    const auto net = mModel.network;
    connect(watcher, &QFutureWatcher<std::vector<float>>::finished, this, [this, watcher, generation, data, part, filter] {
        watcher->deleteLater();
        if (generation == mGeneration && data == mData) mPicker->setPeaks(part, filter, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([data, net, part, filter] {
        const seqio::SequenceSet& set = data->part(part);
        return filterPeaks(*net, set.codes.data(), set.size(), set.length, filter);
    }));
}

}  // namespace motifloom::ui
