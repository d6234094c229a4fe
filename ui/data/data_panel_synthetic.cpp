// DataPanel: the Synthetic page (motifs, counts, P(K), seed, splits) and its live preview
// (see data_panel.h).
#include "data/data_panel.h"
#include "data/data_panel_parts.h"
#include "widgets/vertical_scroll.h"

#include "widgets/adaptive_box.h"
#include "widgets/flow_layout.h"
#include "widgets/style_colours.h"

#include "architecture/architecture_model.h"
#include "data/motif_picker.h"
#include "data/sequence_preview.h"

#include "util/input_error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QPixmap>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextStream>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <atomic>
#include <cmath>
#include <exception>
#include <functional>
#include <mutex>

namespace motifloom::ui {

using namespace data_panel_parts;

// ---- synthetic page ------------------------------------------------------------------------------

QWidget* DataPanel::buildSyntheticPage() {
    auto* layout = new AdaptiveBox;

    auto* motifsBox = new QGroupBox(tr("Motifs to embed"));
    auto* motifsLayout = new QVBoxLayout(motifsBox);
    mPicker = new MotifPicker;
    connect(mPicker, &MotifPicker::selectionChanged, this, [this] {
        controlChanged();
        updateExpectedLabel();
    });
    motifsLayout->addWidget(mPicker);
    layout->addWidget(motifsBox, 5);

    auto* right = new QVBoxLayout;
    auto* settings = new QGroupBox(tr("Sequences"));
    auto* form = new QFormLayout(settings);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);  // labels above their fields in a narrow dock
    mCount = new QSpinBox;
    mCount->setRange(1, 2000000);
    mCount->setGroupSeparatorShown(true);
    mCount->setSingleStep(1000);
    mCount->setKeyboardTracking(false);
    mCount->setToolTip(tr("Number of sequences (the paper: 25,000)."));
    form->addRow(tr("&Number"), mCount);
    mLength = new QSpinBox;
    mLength->setRange(1, 100000);
    mLength->setSuffix(tr(" nt"));
    mLength->setKeyboardTracking(false);
    mLength->setToolTip(tr("Bases per sequence (the paper: 200)."));
    form->addRow(tr("&Length"), mLength);

    mKBox = new QWidget;
    auto* kLayout = new FlowLayout(mKBox, 3);
    mKSum = new QLabel;
    kLayout->addWidget(mKSum);
    ensureKSpins(5);
    auto* kLabel = new QLabel(tr("Motifs per sequence"));
    kLabel->setToolTip(tr("P(K = 1), P(K = 2), ...: the chance that a sequence holds K motif instances (the paper: "
                          "0.50, 0.25, 0.17, 0.05, 0.03). Must sum to 1."));
    form->addRow(kLabel, mKBox);

    mGc = new QDoubleSpinBox;
    mGc->setRange(0.0, 1.0);
    mGc->setDecimals(2);
    mGc->setSingleStep(0.05);
    mGc->setToolTip(tr("GC content of the background between motifs (the paper: 0.5, uniform bases)."));
    form->addRow(tr("Background &GC"), mGc);
    mReverse = new QCheckBox(tr("also embed reverse complements"));
    mReverse->setToolTip(tr("Transcription factors bind either strand: each motif is embedded as given or as its "
                            "reverse complement, both with the motif's label (the paper does)."));
    form->addRow(QString(), mReverse);
    mSeed = seedEdit(tr("Random seed: the same seed and settings always give the same sequences (the paper: 33)."));
    form->addRow(tr("S&eed"), mSeed);
    auto* splitRow = new QWidget;
    auto* splitLayout = new FlowLayout(splitRow);
    const QString splitTips[3] = {tr("Fraction used to fit the weights."),
                                  tr("Fraction used for early stopping (validation loss)."),
                                  tr("Fraction held out for the final scores and filter analysis.")};
    const QString splitNames[3] = {tr("train"), tr("valid"), tr("test")};
    for (int i = 0; i < 3; ++i) {
        mSplit[i] = fractionSpin(splitTips[i]);
        splitLayout->addWidget(labelledField(splitNames[i], mSplit[i]));
    }
    form->addRow(tr("Split"), splitRow);
    mSyntheticCheck = new QLabel;
    mSyntheticCheck->setWordWrap(true);
    form->addRow(mSyntheticCheck);
    right->addWidget(settings);

    auto* sketchBox = new QGroupBox(tr("Preview: the first sequences"));
    sketchBox->setToolTip(tr("Drawn from the current settings as you change them; these are exactly the first "
                             "sequences the full data set will hold. Boxes mark embedded motifs (arrow = strand)."));
    auto* sketchLayout = new QVBoxLayout(sketchBox);
    mSketch = new SequencePreview;
    mSketch->setPlaceholder(tr("Loading motifs\u2026"));
    sketchLayout->addWidget(verticalScroll(mSketch, ScrollWidth::FitContent));
    right->addWidget(sketchBox, 1);
    layout->addLayout(right, 7);
    QWidget* page = verticalScroll(layout);

    auto changed = [this] { controlChanged(); };
    connect(mCount, &QSpinBox::valueChanged, this, changed);
    connect(mLength, &QSpinBox::valueChanged, this, changed);
    connect(mGc, &QDoubleSpinBox::valueChanged, this, changed);
    connect(mReverse, &QCheckBox::toggled, this, changed);
    connect(mSeed, &QLineEdit::textChanged, this, changed);
    for (int i = 0; i < 3; ++i)
        connect(mSplit[i], &QDoubleSpinBox::valueChanged, this, [this, i](double v) {
            if (mFastaSplit[i]) {
                const QSignalBlocker b(mFastaSplit[i]);
                mFastaSplit[i]->setValue(v);
            }
            controlChanged();
        });
    return page;
}

void DataPanel::ensureKSpins(int n) {
    auto* layout = static_cast<FlowLayout*>(mKBox->layout());
    while (int(mK.size()) < n) {
        auto* s = new QDoubleSpinBox;
        s->setRange(0.0, 1.0);
        s->setDecimals(2);
        s->setSingleStep(0.01);
        s->setToolTip(tr("P(K = %1): chance that a sequence holds %1 motif instance(s).").arg(mK.size() + 1));
        s->setPrefix(QStringLiteral("%1: ").arg(mK.size() + 1));
        layout->insertWidget(int(mK.size()), s);
        connect(s, &QDoubleSpinBox::valueChanged, this, [this] {
            updateKSum();
            controlChanged();
        });
        mK.push_back(s);
    }
}

void DataPanel::updateKSum() {
    double sum = 0;
    for (auto* s : mK) sum += s->value();
    const bool ok = std::abs(sum - 1.0) <= 0.01;
    mKSum->setText(QStringLiteral("<span style='color:%1'>\u03a3 %2</span>")
                       .arg(style::colourName(ok ? style::Role::Success : style::Role::Failure))
                       .arg(sum, 0, 'f', 2));
    mKSum->setToolTip(ok ? tr("The probabilities sum to 1.") : tr("The probabilities must sum to 1."));
}

void DataPanel::updateSketch() {
    if (!mDatabase) {
        mSketch->setSequences({});
        mSketch->setPlaceholder(mDatabaseError.isEmpty() ? tr("Loading motifs\u2026")
                                                         : tr("No preview: %1").arg(mDatabaseError));
        return;
    }
    lab::DataRecipe r = recipe();
    const int total = r.count;
    r.count = std::min(r.count, kSketchSequences);
    try {
        // Sequence i depends only on the seed and i (synthetic_data.h), so these few are exactly
        // the first sequences of the full data set; a handful costs well under a millisecond.
        const std::string source = r.motifDatabase.empty() ? std::string("JASPAR") : r.motifDatabase;
        const synth::SynthConfig config = lab::synthConfig(r, *mDatabase, source);
        const synth::SyntheticData d = synth::generate(config);
        const auto names = synth::classNames(config.motifs);
        std::vector<PreviewSequence> rows;
        std::size_t t = 0;
        for (std::size_t i = 0; i < d.all.size(); ++i) {
            const std::size_t begin = t;
            while (t < d.truth.size() && d.truth[t].sequence == i) ++t;
            rows.push_back(previewRow(d.all, i, std::span(d.truth.data() + begin, t - begin), config.motifs, names,
                                      tr("Sequence %1 of %2").arg(i + 1).arg(withThousands(total)),
                                      tr("K = %1").arg(t - begin)));
        }
        mSketch->setSequences(std::move(rows));
        mSyntheticCheck->clear();
    } catch (const std::exception& e) {
        mSketch->setSequences({});
        mSketch->setPlaceholder(tr("No preview: %1").arg(QString::fromUtf8(e.what())));
        mSyntheticCheck->setText(QStringLiteral("<span style='color:#b02020'>\u26a0 %1</span>")
                                     .arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
    }
}

}  // namespace motifloom::ui
