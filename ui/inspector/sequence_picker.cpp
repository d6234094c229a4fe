#include "inspector/sequence_picker.h"

#include "widgets/flow_layout.h"

#include "util/input_error.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>

#include <algorithm>

namespace motifloom::ui {

namespace {
constexpr int kListed = 2000;  // entries in the list (the index box reaches every sequence)

int partIndex(synth::Part p) { return int(p); }
}  // namespace

SequencePicker::SequencePicker(QWidget* parent) : QWidget(parent) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(6);

    auto* row1Widget = new QWidget;
    auto* row1 = new FlowLayout(row1Widget);  // wraps in a narrow window
    mPart = new QComboBox;
    mPart->addItem(tr("test"), int(synth::Part::Test));
    mPart->addItem(tr("validation"), int(synth::Part::Valid));
    mPart->addItem(tr("train"), int(synth::Part::Train));
    mPart->setToolTip(tr("Which part of the loaded data the sequences come from."));
    mFilter = new QComboBox;
    mFilter->addItem(tr("all sequences"), int(SequenceFilter::All));
    mFilter->addItem(tr("carrying"), int(SequenceFilter::Carrying));
    mFilter->addItem(tr("true positives of"), int(SequenceFilter::TruePositive));
    mFilter->addItem(tr("false positives of"), int(SequenceFilter::FalsePositive));
    mFilter->addItem(tr("true negatives of"), int(SequenceFilter::TrueNegative));
    mFilter->addItem(tr("false negatives of"), int(SequenceFilter::FalseNegative));
    mFilter->setToolTip(tr("Keep the sequences carrying a class, or the model's true / false positives / negatives of it "
                           "(predicted: probability \u2265 0.5)."));
    mClass = new QComboBox;
    mClass->setToolTip(tr("The class the filter and the prediction order refer to."));
    mClass->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    mOrder = new QComboBox;
    mOrder->addItem(tr("file order"), int(SequenceOrder::File));
    mOrder->addItem(tr("highest prediction first"), int(SequenceOrder::HighestPrediction));
    mOrder->addItem(tr("lowest prediction first"), int(SequenceOrder::LowestPrediction));
    mOrder->addItem(tr("where filter \u2026 fires most"), int(SequenceOrder::FilterActivation));
    mOrderFilter = new QSpinBox;
    mOrderFilter->setRange(1, 1);
    mOrderFilter->setPrefix(tr("filter "));
    mOrderFilter->setToolTip(tr("First-layer filter whose strongest activation orders the list."));
    mOrderFilter->setVisible(false);
    row1->addWidget(labelledField(tr("From the"), mPart));
    row1->addWidget(labelledField(tr("split:"), mFilter));
    row1->addWidget(mClass);
    row1->addWidget(labelledField(tr("ordered by"), mOrder));
    row1->addWidget(mOrderFilter);
    grid->addWidget(row1Widget, 0, 0);

    auto* row2 = new QHBoxLayout;
    mPrev = new QToolButton;
    mPrev->setArrowType(Qt::LeftArrow);
    // Alt+arrows, not Page Up/Down: those step a lesson (a presentation clicker sends them).
    mPrev->setToolTip(tr("Previous sequence of the list (Alt+Left)"));
    mPrev->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    mNext = new QToolButton;
    mNext->setArrowType(Qt::RightArrow);
    mNext->setToolTip(tr("Next sequence of the list (Alt+Right)"));
    mNext->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    mList = new QComboBox;
    mList->setMinimumContentsLength(20);  // grows with the window; 20 keeps it within 1024 px
    mList->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    mList->setToolTip(tr("The matching sequences: id, index in the split, labels and (when computed) the prediction."));
    mId = new QLineEdit;
    mId->setPlaceholderText(tr("id or #index"));
    mId->setToolTip(tr("Go to a sequence by its id (e.g. syn00042) or by its 0-based index in the split (#42)."));
    mId->setMaximumWidth(150);
    mCount = new QLabel;
    row2->addWidget(new QLabel(tr("Sequence")));
    row2->addWidget(mPrev);
    row2->addWidget(mList, 1);
    row2->addWidget(mNext);
    row2->addWidget(mId);
    row2->addWidget(mCount);
    grid->addLayout(row2, 1, 0);

    auto* row3 = new QHBoxLayout;
    mTyped = new QPlainTextEdit;
    mTyped->setPlaceholderText(tr("\u2026or type / paste a sequence here (FASTA or plain letters, IUPAC codes allowed)"));
    mTyped->setMaximumHeight(mTyped->fontMetrics().lineSpacing() * 2 + 14);
    mTyped->setTabChangesFocus(true);
    mTypedGo = new QPushButton(tr("Inspect typed"));
    mTypedGo->setToolTip(tr("Inspect the typed sequence: it must have exactly as many bases as the model reads."));
    row3->addWidget(mTyped, 1);
    row3->addWidget(mTypedGo);
    grid->addLayout(row3, 2, 0);
    mError = new QLabel;
    mError->setStyleSheet(QStringLiteral("color: #b00020;"));
    mError->setWordWrap(true);
    mError->setVisible(false);
    grid->addWidget(mError, 3, 0);

    for (QComboBox* box : {mPart, mFilter, mClass, mOrder})
        connect(box, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    connect(mOrderFilter, &QSpinBox::valueChanged, this, [this] { refresh(); });
    connect(mList, &QComboBox::activated, this, &SequencePicker::listChosen);
    connect(mPrev, &QToolButton::clicked, this, [this] { step(-1); });
    connect(mNext, &QToolButton::clicked, this, [this] { step(1); });
    connect(mId, &QLineEdit::returnPressed, this, &SequencePicker::goToId);
    connect(mTypedGo, &QPushButton::clicked, this, [this] { submitTyped(mTyped->toPlainText()); });
    setData(nullptr);
}

void SequencePicker::setData(std::shared_ptr<const lab::LoadedData> data) {
    // New data: show their first sequence rather than an empty inspector.
    if (data && data != mData) mChooseFirst = true;
    mData = std::move(data);
    invalidateModel();
    const QSignalBlocker block(mClass);
    mClass->clear();
    if (mData)
        for (const std::string& name : mData->classNames) mClass->addItem(QString::fromStdString(name));
    refresh();
}

void SequencePicker::setFilterCount(int filters) {
    const QSignalBlocker block(mOrderFilter);
    mOrderFilter->setRange(1, std::max(1, filters));
}

void SequencePicker::setInputLength(int length) { mLength = length; }

void SequencePicker::invalidateModel() {
    for (int p = 0; p < 3; ++p) {
        mProbabilities[p].clear();
        mPeaks[p].clear();
        mPeakFilter[p] = -1;
    }
    const SequenceQuery q = query();
    if (mData && ((q.filter != SequenceFilter::All && q.filter != SequenceFilter::Carrying) || q.order != SequenceOrder::File)) refresh();
}

void SequencePicker::setPredictions(synth::Part part, std::vector<float> probabilities) {
    mProbabilities[partIndex(part)] = std::move(probabilities);
    if (part == this->part()) refresh();
}

void SequencePicker::setPeaks(synth::Part part, int filter, std::vector<float> peaks) {
    mPeaks[partIndex(part)] = std::move(peaks);
    mPeakFilter[partIndex(part)] = filter;
    if (part == this->part()) refresh();
}

synth::Part SequencePicker::part() const { return synth::Part(mPart->currentData().toInt()); }

SequenceQuery SequencePicker::query() const {
    SequenceQuery q;
    q.filter = SequenceFilter(mFilter->currentData().toInt());
    q.order = SequenceOrder(mOrder->currentData().toInt());
    q.classIndex = std::max(0, mClass->currentIndex());
    return q;
}

int SequencePicker::orderFilter() const { return mOrderFilter->value() - 1; }

void SequencePicker::setOrderFilter(int filter) {
    const QSignalBlocker block(mOrderFilter);
    mOrderFilter->setValue(filter + 1);
}

void SequencePicker::setQuery(synth::Part part, const SequenceQuery& q, bool chooseFirst) {
    mChooseFirst = chooseFirst;
    {
        const QSignalBlocker b1(mPart), b2(mFilter), b3(mOrder), b4(mClass);
        mPart->setCurrentIndex(mPart->findData(int(part)));
        mFilter->setCurrentIndex(mFilter->findData(int(q.filter)));
        mOrder->setCurrentIndex(mOrder->findData(int(q.order)));
        if (q.classIndex < mClass->count()) mClass->setCurrentIndex(q.classIndex);
    }
    refresh();
}

void SequencePicker::refresh() {
    const SequenceQuery q = query();
    mClass->setEnabled(q.filter != SequenceFilter::All || q.order == SequenceOrder::HighestPrediction ||
                       q.order == SequenceOrder::LowestPrediction);
    mOrderFilter->setVisible(q.order == SequenceOrder::FilterActivation);
    mMatches.clear();
    const QSignalBlocker block(mList);
    mList->clear();
    if (!mData) {
        mCount->setText(tr("no data loaded"));
        return;
    }
    const int p = partIndex(part());
    const seqio::SequenceSet& set = mData->part(part());
    const bool needsPrediction = (q.filter != SequenceFilter::All && q.filter != SequenceFilter::Carrying) ||
                                 q.order == SequenceOrder::HighestPrediction || q.order == SequenceOrder::LowestPrediction;
    const bool needsPeaks = q.order == SequenceOrder::FilterActivation;
    if (needsPrediction && mProbabilities[p].size() != set.size() * std::size_t(set.numClasses())) {
        mCount->setText(tr("predicting\u2026"));
        emit predictionsWanted(part());
        return;
    }
    if (needsPeaks && (mPeakFilter[p] != orderFilter() || mPeaks[p].size() != set.size())) {
        mCount->setText(tr("scanning\u2026"));
        emit peaksWanted(part(), orderFilter());
        return;
    }
    mMatches = chooseSequences(set, mProbabilities[p], mPeaks[p], q);
    const std::size_t k = std::size_t(set.numClasses()), c = std::size_t(q.classIndex);
    for (std::size_t row = 0; row < mMatches.size() && row < std::size_t(kListed); ++row) {
        const std::size_t i = mMatches[row];
        QStringList labels;
        for (std::size_t j = 0; j < k; ++j)
            if (set.label(i)[j] >= 0.5f) labels << QString::fromStdString(set.classNames[j]);
        QString text = QStringLiteral("%1  (#%2)  %3").arg(QString::fromStdString(set.ids[i])).arg(i).arg(labels.isEmpty() ? tr("no label") : labels.join(QStringLiteral(", ")));
        if (mProbabilities[p].size() == set.size() * k && c < k)
            text += QStringLiteral("  \u00b7  P(%1) %2").arg(mClass->currentText()).arg(double(mProbabilities[p][i * k + c]), 0, 'f', 2);
        if (needsPeaks) text += tr("  \u00b7  peak %1").arg(double(mPeaks[p][i]), 0, 'g', 3);
        mList->addItem(text, qulonglong(i));
    }
    mCount->setText(mMatches.size() > std::size_t(kListed) ? tr("%L1 match (first %L2 listed)").arg(mMatches.size()).arg(kListed)
                                                           : tr("%L1 match").arg(mMatches.size()));
    mList->setCurrentIndex(-1);
    if (mChooseFirst && mList->count() > 0) {
        mChooseFirst = false;
        mList->setCurrentIndex(0);
        listChosen(0);
    }
}

void SequencePicker::listChosen(int row) {
    if (row < 0 || row >= mList->count()) return;
    showError({});
    emit chosen(part(), std::size_t(mList->itemData(row).toULongLong()));
}

void SequencePicker::step(int delta) {
    if (mList->count() == 0) return;
    const int row = std::clamp(mList->currentIndex() < 0 ? 0 : mList->currentIndex() + delta, 0, mList->count() - 1);
    mList->setCurrentIndex(row);
    listChosen(row);
}

void SequencePicker::choose(synth::Part part, std::size_t index) {
    if (!mData || index >= mData->part(part).size()) return;
    if (part != this->part()) {
        const QSignalBlocker b(mPart);
        mPart->setCurrentIndex(mPart->findData(int(part)));
        refresh();
    }
    int row = mList->findData(qulonglong(index));
    if (row < 0) {  // not listed under the current filter: list it on top
        const seqio::SequenceSet& set = mData->part(part);
        mList->insertItem(0, QStringLiteral("%1  (#%2)").arg(QString::fromStdString(set.ids[index])).arg(index), qulonglong(index));
        row = 0;
    }
    {
        const QSignalBlocker b(mList);
        mList->setCurrentIndex(row);
    }
    showError({});
    emit chosen(part, index);
}

void SequencePicker::goToId() {
    if (!mData) return;
    const QString text = mId->text().trimmed();
    const seqio::SequenceSet& set = mData->part(part());
    if (text.startsWith(QLatin1Char('#'))) {
        bool ok = false;
        const qulonglong i = text.mid(1).toULongLong(&ok);
        if (!ok || i >= set.size()) return showError(tr("No sequence %1 in the %2 split: indices run from #0 to #%3.").arg(text, mPart->currentText()).arg(qulonglong(set.size()) - 1));
        return choose(part(), std::size_t(i));
    }
    const auto it = std::find(set.ids.begin(), set.ids.end(), text.toStdString());
    if (it == set.ids.end()) return showError(tr("No sequence with id \u201c%1\u201d in the %2 split.").arg(text.toHtmlEscaped(), mPart->currentText()));
    choose(part(), std::size_t(it - set.ids.begin()));
}

QString SequencePicker::submitTyped(const QString& text) {
    if (mTyped->toPlainText() != text) mTyped->setPlainText(text);
    if (mLength <= 0) {
        showError(tr("No model yet: train one (Ctrl+R) or select a run to inspect a typed sequence."));
        return errorText();
    }
    try {
        QString name;
        auto codes = parseTypedSequence(text, mLength, &name);
        showError({});
        emit typed(std::move(codes), name.isEmpty() ? tr("typed sequence") : name);
    } catch (const InputError& e) {
        showError(QString::fromUtf8(e.what()));
    }
    return errorText();
}

QString SequencePicker::errorText() const { return mErrorText; }

void SequencePicker::showError(const QString& text) {
    mErrorText = text;
    mError->setText(text);
    mError->setVisible(!text.isEmpty());
}

}  // namespace motifloom::ui
