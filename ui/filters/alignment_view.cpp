#include "filters/alignment_view.h"

#include "app_window/settings.h"

#include "filters/alignment_tips.h"

#include "logo/logo_export.h"
#include "logo/logo_pair.h"
#include "logo/logo_text.h"
#include "widgets/style_colours.h"

#include "motif/motif_math.h"
#include "util/input_error.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <algorithm>
#include <cassert>
#include <cmath>

namespace motifloom::ui {
namespace {

using namespace alignment_tips;

constexpr compare::Distance kDistances[] = {compare::Distance::Ed, compare::Distance::Pearson,
                                            compare::Distance::Sandelin, compare::Distance::Kullback,
                                            compare::Distance::Allr};

QString fromStd(const std::string& s) { return QString::fromStdString(s); }

// Figure text sizes (logical units): the on-screen logos and the exported figure use the same.
constexpr double kLogoFont = 10.0;

const QString kDot = QStringLiteral(" \u00b7 ");

QString strandText(char orientation) {
    return orientation == '-' ? AlignmentView::tr("\u2212 strand") : AlignmentView::tr("+ strand");
}

QString targetText(const interpret::MotifHit& hit) {
    QString s = fromStd(hit.tomtom.targetId);
    if (!hit.targetName.empty() && hit.targetName != hit.tomtom.targetId) s += QLatin1Char(' ') + fromStd(hit.targetName);
    return s;
}

// The statistics part of a caption, one entry per number (tooltip each on screen).
QStringList statParts(const interpret::MotifHit& hit) {
    const compare::TomtomHit& t = hit.tomtom;
    return {QStringLiteral("p %1").arg(compactNumber(t.pValue)), QStringLiteral("E %1").arg(compactNumber(t.eValue)),
            QStringLiteral("q %1").arg(compactNumber(t.qValue)), AlignmentView::tr("overlap %1").arg(t.overlap),
            AlignmentView::tr("offset %1").arg(t.offset), strandText(t.orientation)};
}

// Two consensus lines, padded so that aligned columns stand above each other (monospace).
QStringList consensusLines(const interpret::MotifHit& hit, const QString& queryLabel) {
    const compare::TomtomHit& t = hit.tomtom;
    const AlignedPairSlots s = alignedPairSlots(int(t.queryConsensus.size()), int(t.targetConsensus.size()), t.offset);
    const QString tLabel = fromStd(t.targetId);
    const int w = int(std::max(queryLabel.size(), tLabel.size())) + 2;
    return {queryLabel.leftJustified(w) + QString(s.queryFirst, QLatin1Char(' ')) + fromStd(t.queryConsensus),
            tLabel.leftJustified(w) + QString(s.targetFirst, QLatin1Char(' ')) + fromStd(t.targetConsensus)};
}

QFont monoFont(double pixelSize) {
    QFont font(QStringLiteral("DejaVu Sans Mono"));
    font.setStyleHint(QFont::Monospace);
    font.setHintingPreference(QFont::PreferNoHinting);
    font.setPixelSize(std::max(1, int(std::lround(pixelSize))));
    return font;
}

// One aligned pair at its natural size (left-aligned; fixed size so cards share one scale).
class PairFigure : public QWidget {
public:
    PairFigure(motif::Motif query, motif::Motif target, int offset, bool reverse, QString queryLabel,
               QString targetLabel, LogoStyle style, bool faded, QWidget* parent)
        : QWidget(parent), mQuery(std::move(query)), mTarget(std::move(target)), mOffset(offset),
          mReverse(reverse), mQueryLabel(std::move(queryLabel)), mTargetLabel(std::move(targetLabel)),
          mStyle(std::move(style)), mFaded(faded) {
        const QSizeF s = preferredAlignedPairSize(mQuery.width(), mTarget.width(), mOffset, mStyle);
        mSize = QSize(int(std::ceil(s.width())), int(std::ceil(s.height())));
        setFixedSize(mSize);
        setToolTip(figureTip());
    }
    QSize sizeHint() const override { return mSize; }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        if (mFaded) p.setOpacity(0.45);
        paintAlignedPair(p, QRectF(QPointF(0, 0), QSizeF(mSize)), mQuery, mTarget, mOffset, mReverse, mQueryLabel,
                         mTargetLabel, mStyle);
    }

private:
    motif::Motif mQuery, mTarget;
    int mOffset;
    bool mReverse;
    QString mQueryLabel, mTargetLabel;
    LogoStyle mStyle;
    bool mFaded;
    QSize mSize;
};

QLabel* statLabel(const QString& text, const QString& tip, bool faded, QWidget* parent) {
    auto* l = new QLabel(text, parent);
    l->setToolTip(tip);
    if (faded) l->setStyleSheet(QStringLiteral("color: %1;").arg(style::colourName(style::Role::FadedText)));
    return l;
}

// Export layout, in units of the figure font f (kLogoFont).
constexpr double kMargin = 1.2;
constexpr double kHeadTitle = 2.1, kHeadLine = 1.6, kHeadGap = 1.0;
constexpr double kNameLine = 1.9, kStatLine = 1.6, kConsLine = 1.45, kItemGap = 1.6;

}  // namespace

// ---- free functions (the presets: alignment_presets.cpp) ------------------------------------------

QString compactNumber(double value) {
    if (!std::isfinite(value)) return QString::number(value);
    QString s = QString::number(value, 'g', 2);
    // "1.2e-09" -> "1.2e-9", "3e+02" -> "3e2"
    static const QRegularExpression exponent(QStringLiteral("e([+-])0*(\\d)"));
    return s.replace(exponent, QStringLiteral("e\\1\\2")).replace(QStringLiteral("e+"), QStringLiteral("e"));
}

QString alignmentCaption(const interpret::MotifHit& hit) {
    return (QStringList{targetText(hit)} + statParts(hit)).join(kDot);
}

// ---- AlignmentView ------------------------------------------------------------------------------

AlignmentView::AlignmentView(QWidget* parent) : QWidget(parent), mSettings(alignmentPresetSettings(mPreset)) {
    auto* top = new QHBoxLayout;
    auto* presetLabel = new QLabel(tr("&Preset:"), this);
    mPresetCombo = new QComboBox(this);
    mPresetCombo->setObjectName(QStringLiteral("presetCombo"));
    for (AlignmentPreset p : {AlignmentPreset::KooEddy2019, AlignmentPreset::WebTfModisco, AlignmentPreset::Custom})
        mPresetCombo->addItem(alignmentPresetName(p));
    mPresetCombo->setItemData(0, tr("As in Koo & Eddy (2019): Euclidean distance, complete scoring, hits with "
                                    "E < 0.1 against JASPAR CORE vertebrates."), Qt::ToolTipRole);
    mPresetCombo->setItemData(1, tr("As the Tomtom web server / TF-MoDISco reports: Pearson correlation, at least "
                                    "5 paired columns, matches with E < 10, logos without small-sample correction."),
                              Qt::ToolTipRole);
    mPresetCombo->setItemData(2, tr("Your own choice of distance."), Qt::ToolTipRole);
    mPresetCombo->setToolTip(tr("Tomtom settings as a published analysis used them."));
    presetLabel->setBuddy(mPresetCombo);

    auto* distanceLabel = new QLabel(tr("&Distance:"), this);
    mDistanceCombo = new QComboBox(this);
    mDistanceCombo->setObjectName(QStringLiteral("distanceCombo"));
    for (compare::Distance d : kDistances) mDistanceCombo->addItem(fromStd(compare::distanceName(d)));
    mDistanceCombo->setToolTip(tr("How Tomtom scores a pair of columns: <b>ed</b> Euclidean distance (the "
                                  "command-line default), <b>pearson</b> correlation, <b>sandelin</b> "
                                  "Sandelin-Wasserman, <b>kullback</b> symmetric Kullback-Leibler, <b>allr</b> "
                                  "average log-likelihood ratio. Changing it selects the Custom preset."));
    distanceLabel->setBuddy(mDistanceCombo);

    mThresholdLabel = new QLabel(this);
    mThresholdLabel->setObjectName(QStringLiteral("thresholdLabel"));
    mThresholdLabel->setToolTip(tr("A database motif counts as a <i>hit</i> when its E-value is below this. "
                                   "Closer motifs above it are still shown, greyed."));
    mExportButton = new QPushButton(tr("Export figure\u2026"), this);
    mExportButton->setToolTip(tr("Save the aligned logos as one figure (PNG, SVG or PDF)."));

    top->addWidget(presetLabel);
    top->addWidget(mPresetCombo);
    top->addSpacing(12);
    top->addWidget(distanceLabel);
    top->addWidget(mDistanceCombo);
    top->addSpacing(12);
    top->addWidget(mThresholdLabel);
    top->addStretch(1);
    top->addWidget(mExportButton);

    mSummary = new QLabel(this);
    mSummary->setTextFormat(Qt::RichText);
    mSummary->setWordWrap(true);

    mMessage = new QLabel(this);
    mMessage->setObjectName(QStringLiteral("messageLabel"));
    mMessage->setWordWrap(true);
    mMessage->setAlignment(Qt::AlignCenter);
    mMessage->setMargin(24);
    mMessage->setStyleSheet(QStringLiteral("color: palette(mid); font-size: 11pt;"));

    mCards = new QWidget;
    mCardLayout = new QVBoxLayout(mCards);
    mCardLayout->setContentsMargins(0, 0, 0, 0);
    mCardLayout->setSpacing(10);
    mScroll = new QScrollArea(this);
    mScroll->setObjectName(QStringLiteral("alignmentScroll"));
    mScroll->setWidget(mCards);
    mScroll->setWidgetResizable(true);
    mScroll->setFrameShape(QFrame::NoFrame);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(mSummary);
    layout->addWidget(mMessage, 1);
    layout->addWidget(mScroll, 1);

    connect(mPresetCombo, &QComboBox::currentIndexChanged, this,
            [this](int index) { setPreset(AlignmentPreset(index)); });
    connect(mDistanceCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0 && index < int(std::size(kDistances))) setDistance(kDistances[index]);
    });
    connect(mExportButton, &QPushButton::clicked, this, &AlignmentView::chooseExportPath);

    syncControls();
    recompute();
}

AlignmentView::~AlignmentView() = default;

void AlignmentView::setDatabase(std::shared_ptr<const motif::MotifList> database, std::vector<std::string> truth,
                                std::vector<std::string> truthNames, const QString& label) {
    if (database == mDatabase && truth == mTruth && truthNames == mTruthNames && label == mDatabaseLabel) return;
    if (database != mDatabase) mSearch.reset();
    mDatabase = std::move(database);
    mTruth = std::move(truth);
    mTruthNames = std::move(truthNames);
    mDatabaseLabel = label;
    recompute();
}

void AlignmentView::setFilter(const motif::Motif& clippedQuery, const QString& title, const QString& emptyReason) {
    mQuery = clippedQuery;
    mTitle = title;
    mEmptyReason = emptyReason;
    mHasFilter = true;
    recompute();
}

void AlignmentView::setPreset(AlignmentPreset preset) {
    if (preset == mPreset) return;
    mPreset = preset;
    if (preset != AlignmentPreset::Custom) {
        mSettings = alignmentPresetSettings(preset);
        mSearch.reset();
    }
    syncControls();
    recompute();
    Q_EMIT optionsChanged();
}

void AlignmentView::setDistance(compare::Distance distance) {
    if (distance == mSettings.tomtom.distance) return;
    mSettings.tomtom.distance = distance;
    mPreset = AlignmentPreset::Custom;
    mSearch.reset();
    syncControls();
    recompute();
    Q_EMIT optionsChanged();
}

QStringList AlignmentView::captions() const {
    QStringList out;
    for (const interpret::MotifHit& h : mShown) out << alignmentCaption(h);
    return out;
}

void AlignmentView::syncControls() {
    const QSignalBlocker b1(mPresetCombo), b2(mDistanceCombo);
    mPresetCombo->setCurrentIndex(int(mPreset));
    const auto it = std::find(std::begin(kDistances), std::end(kDistances), mSettings.tomtom.distance);
    mDistanceCombo->setCurrentIndex(int(it - std::begin(kDistances)));
    mThresholdLabel->setText(tr("hits: E < %1").arg(compactNumber(mSettings.evalueThreshold)));
}

LogoStyle AlignmentView::logoStyle() const {
    LogoStyle s;
    s.kind = LogoKind::Bits;
    s.smallSampleCorrection = mSettings.smallSampleCorrection;
    s.fontPixelSize = kLogoFont;
    return s;
}

QString AlignmentView::queryLabel() const { return mTitle.isEmpty() ? tr("filter") : mTitle; }

void AlignmentView::showMessageText(const QString& text) {
    mShown.clear();
    mHitCount = 0;
    mMessageText = text;
}

void AlignmentView::recompute() {
    mSearchMs = mPrepareMs = 0;
    mMessageText.clear();
    mShown.clear();
    mHitCount = 0;
    if (!mDatabase || mDatabase->empty()) {
        showMessageText(tr("No motif database is loaded, so the filter cannot be compared with known motifs."));
    } else if (!mHasFilter) {
        showMessageText(tr("Click a filter to see how it aligns with its best database matches."));
    } else if (mQuery.width() == 0) {
        showMessageText(!mEmptyReason.isEmpty()
                            ? mEmptyReason
                            : tr("%1 has nothing to compare: no column carries more than 0.5 bits of "
                                 "information, so there is no motif to align.").arg(queryLabel()));
    } else {
        try {
            QElapsedTimer timer;
            if (!mSearch) {
                timer.start();
                mSearch = std::make_unique<compare::TomtomSearch>(*mDatabase, mSettings.tomtom);
                mPrepareMs = timer.nsecsElapsed() / 1e6;
            }
            timer.start();
            motif::Motif query = mQuery;
            if (query.id.empty()) query.id = mTitle.toStdString();
            const std::vector<compare::TomtomHit> all = mSearch->allMatches(query);
            mSearchMs = timer.nsecsElapsed() / 1e6;
            for (const compare::TomtomHit& t : all) {
                if (t.eValue < mSettings.evalueThreshold) ++mHitCount;
                if (int(mShown.size()) >= kShownMatches) continue;
                interpret::MotifHit h;
                h.tomtom = t;
                const motif::Motif& target = (*mDatabase)[std::size_t(t.targetIndex)];
                h.targetName = target.name;
                h.truth = interpret::truthIndex(target.id, target.name, mTruth);
                mShown.push_back(std::move(h));
            }
        } catch (const std::exception& e) {
            mSearch.reset();
            showMessageText(tr("The filter could not be compared: %1").arg(QString::fromUtf8(e.what())));
        }
    }
    rebuildCards();
}

QString AlignmentView::summaryText() const {
    if (!mHasFilter && mShown.empty()) return {};
    QStringList parts;
    parts << QStringLiteral("<b>%1</b>").arg(queryLabel().toHtmlEscaped());
    if (mQuery.width() > 0) parts << (mQuery.width() == 1 ? tr("1 column") : tr("%1 columns").arg(mQuery.width()));
    if (mDatabase && !mDatabase->empty()) {
        QString db = tr("vs %1 database motifs").arg(mDatabase->size());
        if (!mDatabaseLabel.isEmpty()) db += QStringLiteral(" (%1)").arg(mDatabaseLabel.toHtmlEscaped());
        parts << db;
    }
    if (!mShown.empty()) {
        parts << (mHitCount == 1 ? tr("<b>1 hit</b>") : tr("<b>%1 hits</b>").arg(mHitCount)) +
                     tr(" with E &lt; %1").arg(compactNumber(mSettings.evalueThreshold));
        parts << tr("top %1 shown").arg(mShown.size());
        parts << tr("Tomtom %1 ms").arg(mSearchMs + mPrepareMs, 0, 'f', 1);
    }
    return parts.join(kDot);
}

void AlignmentView::rebuildCards() {
    // Fresh cards every time: five small widgets, cheaper to rebuild than to diff. Deleted at
    // once (no signal of theirs can be on the stack: cards hold only labels and a figure).
    while (QLayoutItem* item = mCardLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    mSummary->setText(summaryText());
    mSummary->setToolTip(tr("Tomtom compares the filter with every database motif, both strands, at every "
                            "offset, and keeps each motif's best alignment. The best five are drawn."));
    mExportButton->setEnabled(!mShown.empty());
    const bool message = !mMessageText.isEmpty();
    mMessage->setText(mMessageText);
    mMessage->setVisible(message);
    mScroll->setVisible(!message);
    if (message) return;

    const LogoStyle style = logoStyle();
    const QString qLabel = queryLabel();
    const int targets = mDatabase ? int(mDatabase->size()) : 0;
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (std::size_t rank = 0; rank < mShown.size(); ++rank) {
        const interpret::MotifHit& hit = mShown[rank];
        const compare::TomtomHit& t = hit.tomtom;
        const bool faded = !isHit(hit);
        auto* card = new QFrame(mCards);
        card->setFrameShape(QFrame::StyledPanel);
        card->setObjectName(QStringLiteral("alignmentCard%1").arg(rank + 1));
        auto* cl = new QVBoxLayout(card);
        cl->setContentsMargins(10, 8, 10, 8);
        cl->setSpacing(4);

        auto* head = new QHBoxLayout;
        head->setSpacing(0);
        auto* name = statLabel(QStringLiteral("<b>%1.&nbsp;%2</b>").arg(rank + 1).arg(targetText(hit).toHtmlEscaped()),
                               tr("Database motif %1 (rank %2 of %3 by p-value)")
                                   .arg(targetText(hit).toHtmlEscaped()).arg(rank + 1).arg(targets),
                               faded, card);
        head->addWidget(name);
        const QStringList stats = statParts(hit);
        const QString tips[] = {pTip(), eTip(targets), qTip(), overlapTip(), offsetTip(), strandTip()};
        for (int i = 0; i < stats.size(); ++i) {
            head->addWidget(statLabel(kDot, {}, true, card));
            head->addWidget(statLabel(stats[i], tips[i], faded, card));
        }
        head->addStretch(1);
        if (hit.truth >= 0) {
            const QString truthName = std::size_t(hit.truth) < mTruthNames.size() ? fromStd(mTruthNames[std::size_t(hit.truth)])
                                      : std::size_t(hit.truth) < mTruth.size()    ? fromStd(mTruth[std::size_t(hit.truth)])
                                                                                   : QString();
            auto* badge = new QLabel(tr("true motif"), card);
            badge->setObjectName(QStringLiteral("trueMotifBadge"));
            badge->setStyleSheet(QStringLiteral("background: %1; border: 1px solid %2; border-radius: 3px; "
                                                "padding: 1px 6px; color: #5a4300; font-weight: bold;")
                                     .arg(kLogoHighlightFill.name(), kLogoHighlightFrame.name()));
            badge->setToolTip(tr("%1 is one of the motifs planted in the data (%2): the filter found a true "
                                 "motif.").arg(targetText(hit).toHtmlEscaped(), truthName.toHtmlEscaped()));
            head->addSpacing(8);
            head->addWidget(badge);
        }
        if (faded) {
            auto* badge = new QLabel(tr("not a hit"), card);
            badge->setObjectName(QStringLiteral("notHitBadge"));
            badge->setStyleSheet(QStringLiteral("border: 1px solid #bbbbbb; border-radius: 3px; padding: 1px 6px; "
                                                "color: %1;").arg(style::colourName(style::Role::FadedText)));
            badge->setToolTip(tr("E = %1 is not below %2: this alignment could well be chance.")
                                  .arg(compactNumber(t.eValue), compactNumber(mSettings.evalueThreshold)));
            head->addSpacing(8);
            head->addWidget(badge);
        }
        cl->addLayout(head);

        const motif::Motif& target = (*mDatabase)[std::size_t(t.targetIndex)];
        auto* figure = new PairFigure(mQuery, target, t.offset, t.orientation == '-', qLabel, targetText(hit), style,
                                      faded, card);
        cl->addWidget(figure);

        auto* cons = new QLabel(consensusLines(hit, qLabel).join(QLatin1Char('\n')), card);
        cons->setFont(mono);
        cons->setTextInteractionFlags(Qt::TextSelectableByMouse);
        cons->setToolTip(consensusTip());
        if (faded) cons->setStyleSheet(QStringLiteral("color: %1;").arg(style::colourName(style::Role::FadedText)));
        cl->addWidget(cons);
        mCardLayout->addWidget(card);
    }
    mCardLayout->addStretch(1);
}

// ---- the exported figure ------------------------------------------------------------------------

QSizeF AlignmentView::figureSize() const {
    const double f = kLogoFont;
    const LogoStyle style = logoStyle();
    const QString qLabel = queryLabel();
    const QFontMetricsF titleFm(logoFont(1.4 * f, true)), lineFm(logoFont(f)), nameFm(logoFont(1.15 * f, true)),
        monoFm(monoFont(0.95 * f));
    double w = std::max(titleFm.horizontalAdvance(tr("%1: best database matches").arg(qLabel)),
                        lineFm.horizontalAdvance(optionsLine()));
    double h = (kHeadTitle + kHeadLine + kHeadGap) * f;
    for (std::size_t i = 0; i < mShown.size(); ++i) {
        const compare::TomtomHit& t = mShown[i].tomtom;
        const int tw = (*mDatabase)[std::size_t(t.targetIndex)].width();
        const QSizeF pair = preferredAlignedPairSize(mQuery.width(), tw, t.offset, style);
        w = std::max({w, pair.width(), nameFm.horizontalAdvance(targetText(mShown[i]) + tr(" \u2014 true motif") + "10. "),
                      lineFm.horizontalAdvance(statParts(mShown[i]).join(kDot))});
        for (const QString& line : consensusLines(mShown[i], qLabel)) w = std::max(w, monoFm.horizontalAdvance(line));
        h += (kNameLine + kStatLine) * f + pair.height() + 2 * kConsLine * f + (i + 1 < mShown.size() ? kItemGap * f : 0);
    }
    return {std::ceil(w + 2 * kMargin * f), std::ceil(h + 2 * kMargin * f)};
}

QString AlignmentView::optionsLine() const {
    QStringList opts;
    opts << tr("Tomtom, %1 distance").arg(fromStd(compare::distanceName(mSettings.tomtom.distance)));
    opts << (mSettings.tomtom.completeScoring ? tr("complete scoring") : tr("incomplete scoring"));
    if (mSettings.tomtom.minOverlap > 1) opts << tr("min overlap %1").arg(mSettings.tomtom.minOverlap);
    opts << tr("hits E < %1").arg(compactNumber(mSettings.evalueThreshold));
    if (mDatabase) opts << tr("%1 motifs%2").arg(mDatabase->size()).arg(mDatabaseLabel.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(mDatabaseLabel));
    if (mPreset != AlignmentPreset::Custom) opts << tr("preset %1").arg(alignmentPresetName(mPreset));
    return opts.join(kDot);
}

void AlignmentView::paintFigure(QPainter& painter, const QRectF& rect) const {
    const double f = kLogoFont;
    const LogoStyle style = logoStyle();
    const QString qLabel = queryLabel();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    const double x = rect.left() + kMargin * f;
    const double width = rect.width() - 2 * kMargin * f;
    double y = rect.top() + kMargin * f;
    auto line = [&](double units, const QString& text, const QFont& font, const QColor& colour) {
        drawLogoText(painter, QRectF(x, y, width, units * f), Qt::AlignLeft | Qt::AlignVCenter, text, font, colour);
        y += units * f;
    };
    line(kHeadTitle, tr("%1: best database matches").arg(qLabel), logoFont(1.4 * f, true), kLogoInk);
    line(kHeadLine, optionsLine(), logoFont(f), kLogoMuted);
    y += kHeadGap * f;

    for (std::size_t i = 0; i < mShown.size(); ++i) {
        const interpret::MotifHit& hit = mShown[i];
        const compare::TomtomHit& t = hit.tomtom;
        const bool faded = !isHit(hit);
        painter.setOpacity(faded ? 0.5 : 1.0);
        QString name = QStringLiteral("%1. %2").arg(i + 1).arg(targetText(hit));
        if (hit.truth >= 0) name += tr(" \u2014 true motif");
        if (faded) name += tr(" \u2014 not a hit");
        line(kNameLine, name, logoFont(1.15 * f, true), hit.truth >= 0 ? style::colour(style::Role::TruthMatch) : kLogoInk);
        line(kStatLine, statParts(hit).join(kDot), logoFont(f), kLogoMuted);
        const motif::Motif& target = (*mDatabase)[std::size_t(t.targetIndex)];
        const QSizeF pair = preferredAlignedPairSize(mQuery.width(), target.width(), t.offset, style);
        paintAlignedPair(painter, QRectF(QPointF(x, y), pair), mQuery, target, t.offset, t.orientation == '-',
                         qLabel, targetText(hit), style);
        y += pair.height();
        for (const QString& text : consensusLines(hit, qLabel)) line(kConsLine, text, monoFont(0.95 * f), kLogoInk);
        y += kItemGap * f;
    }
    painter.restore();
}

void AlignmentView::exportFigure(const QString& path) const {
    if (mShown.empty())
        throw InputError(path.toStdString(), 0, "there are no alignments to export (" +
                                                    (mMessageText.isEmpty() ? std::string("no filter shown")
                                                                            : mMessageText.toStdString()) + ")");
    const QSizeF size = figureSize();
    ImageExportOptions options;
    options.pixelRatio = 2.0;
    options.title = tr("%1: best database matches").arg(queryLabel());
    exportLogoImage(path, QSize(int(std::ceil(size.width())), int(std::ceil(size.height()))),
                    [this](QPainter& p, const QRectF& r) { paintFigure(p, r); }, options);
}

void AlignmentView::chooseExportPath() {
    QString base = queryLabel();
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]+")), QStringLiteral("_"));
    const QString dir = AppSettings::lastDirectory(AppSettings::Folder::Exports);
    QString selected;
    QString path = QFileDialog::getSaveFileName(this, tr("Export alignment figure"),
                                                dir + QLatin1Char('/') + base + QStringLiteral("_alignments.png"),
                                                tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"),
                                                &selected);
    if (path.isEmpty()) return;
    AppSettings::setLastDirectory(AppSettings::Folder::Exports, path);
    if (QFileInfo(path).suffix().isEmpty()) {
        static const QRegularExpression ext(QStringLiteral("\\*\\.(\\w+)"));
        const auto m = ext.match(selected);
        path += QLatin1Char('.') + (m.hasMatch() ? m.captured(1) : QStringLiteral("png"));
    }
    try {
        exportFigure(path);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromUtf8(e.what()));
    }
}

// ---- AlignmentDialog ----------------------------------------------------------------------------

AlignmentDialog::AlignmentDialog(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("AlignmentDialog"));
    setModal(false);
    setWindowTitle(tr("Filter alignments"));
    mView = new AlignmentView(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(mView);
    resize(860, 900);
}

void AlignmentDialog::showFilter(std::shared_ptr<const motif::MotifList> database, const QString& databaseLabel,
                                 const interpret::FilterPwmSet& pwms, int filterIndex,
                                 const std::vector<std::string>& truth, const std::vector<std::string>& truthNames,
                                 const QString& context, const interpret::ClipOptions& clip) {
    assert(filterIndex >= 0 && std::size_t(filterIndex) < pwms.filters.size());
    const QString title = tr("filter %1").arg(filterIndex + 1);
    const interpret::FilterPwm& f = pwms.filters[std::size_t(filterIndex)];
    const motif::Motif query = interpret::comparisonMotifs(pwms, clip)[std::size_t(filterIndex)];
    QString reason;
    if (!f.fires())
        reason = tr("%1 never fires: no sequence activates it above zero, so it has no motif to align.").arg(title);
    else if (query.width() == 0)
        reason = tr("%1 fires, but none of its columns carries more than %2 bits of information, so there is "
                    "no motif to align (it is uninformative).").arg(title).arg(clip.minBits);
    mView->setDatabase(std::move(database), truth, truthNames, databaseLabel);
    mView->setFilter(query, title, reason);
    setWindowTitle(context.isEmpty() ? tr("Alignments \u2014 %1").arg(title)
                                     : tr("Alignments \u2014 %1 (%2)").arg(title, context));
    show();
    raise();
    activateWindow();
}

}  // namespace motifloom::ui
