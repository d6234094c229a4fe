// DataPanel: the view of the loaded data (summary, counts per class and split, warnings,
// the sequences with their ground truth; see data_panel.h).
#include "data/data_panel.h"
#include "data/data_panel_parts.h"
#include "widgets/vertical_scroll.h"

#include "widgets/adaptive_box.h"
#include "widgets/flow_layout.h"
#include "widgets/style_colours.h"
#include "widgets/wrap_label.h"

#include "architecture/architecture_model.h"
#include "data/expected_motifs_column.h"
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

// ---- loaded data ---------------------------------------------------------------------------------

QWidget* DataPanel::buildResultArea() {
    auto* box = new QGroupBox(tr("Loaded data"));
    auto* boxLayout = new QVBoxLayout(box);
    auto* layout = new AdaptiveBox;
    boxLayout->addWidget(layout);

    auto* left = new QVBoxLayout;
    mSummary = new WrapLabel;  // every line stays visible in a short dock
    mSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    left->addWidget(mSummary);
    mClassTable = new QTableWidget(0, 5);
    mClassTable->setHorizontalHeaderLabels({tr("Class"), tr("Train"), tr("Valid"), tr("Test"), tr("Expected\nmotifs")});
    // The expected motifs get the room, the other columns fit their contents; the header takes
    // two lines so that it stays readable in a narrow dock.
    for (int c = 0; c < 4; ++c) mClassTable->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    mClassTable->horizontalHeader()->setSectionResizeMode(4, QHeaderView::Stretch);
    mClassTable->verticalHeader()->setVisible(false);
    mClassTable->verticalHeader()->setDefaultSectionSize(mClassTable->fontMetrics().height() + 6);
    mTruthColumn = new ExpectedMotifsColumn(mClassTable, 4, this);  // the only editable column
    connect(mTruthColumn, &ExpectedMotifsColumn::mappingChanged, this, &DataPanel::truthMappingEdited);
    connect(mTruthColumn, &ExpectedMotifsColumn::problem, this, [this](const QString& m) { setMessage(m, true); });
    mClassTable->setSelectionMode(QAbstractItemView::NoSelection);
    mClassTable->setAlternatingRowColors(true);
    mClassTable->setToolTip(tr("Sequences carrying each class, per split. Very uneven counts make some classes hard "
                               "to learn. <b>Expected motifs</b>: the database motif(s) each class should teach the "
                               "filters (double-click to edit), the ground truth of match ground truth and coverage."));
    left->addWidget(mClassTable, 1);
    mWarnings = new WrapLabel;
    mWarnings->setStyleSheet(QStringLiteral("color: %1;").arg(style::colourName(style::Role::Warning)));
    mWarnings->setVisible(false);
    left->addWidget(mWarnings);
    layout->addLayout(left, 5);

    auto* right = new QVBoxLayout;
    auto* navRow = new QWidget;
    auto* nav = new FlowLayout(navRow);  // two lines in a narrow dock
    mPreviewPart = new QComboBox;
    mPreviewPart->addItem(tr("train"), int(synth::Part::Train));
    mPreviewPart->addItem(tr("validation"), int(synth::Part::Valid));
    mPreviewPart->addItem(tr("test"), int(synth::Part::Test));
    nav->addWidget(labelledField(tr("Sequences of"), mPreviewPart));
    mPreviewStart = new QSpinBox;
    mPreviewStart->setRange(1, 1);
    mPreviewStart->setSingleStep(kPreviewSequences);
    mPreviewStart->setGroupSeparatorShown(true);
    mPreviewStart->setToolTip(tr("First sequence shown; the arrows page by %1.").arg(kPreviewSequences));
    nav->addWidget(labelledField(tr("from #"), mPreviewStart));
    right->addWidget(navRow);
    mPreview = new SequencePreview;
    mPreview->setPlaceholder(tr("The loaded sequences appear here, with their true motifs when known."));
    right->addWidget(verticalScroll(mPreview, ScrollWidth::FitContent), 1);
    layout->addLayout(right, 8);

    connect(mPreviewPart, &QComboBox::currentIndexChanged, this, [this] { showLoadedSequences(); });
    connect(mPreviewStart, &QSpinBox::valueChanged, this, [this] { showLoadedSequences(); });
    connect(mPreview, &SequencePreview::sequenceActivated, this, [this](int row) {
        if (mData) emit sequenceActivated(synth::Part(mPreviewPart->currentData().toInt()), std::size_t(mPreviewStart->value() - 1 + row));
    });
    return box;
}

void DataPanel::updateIdleSummary() {
    if (mData || !mSummary) return;
    // Names the button as it reads now ("Generate data" on the Synthetic tab, "Load data" on FASTA).
    mSummary->setText(tr("Nothing loaded yet: choose a data set above and press <b>%1</b>.")
                          .arg(mLoadButton->text().remove(QLatin1Char('&')).toHtmlEscaped()));
}

void DataPanel::showResult() {
    const lab::LoadedData& d = *mData;
    QString summary = fromStd(d.summary).toHtmlEscaped().replace('\n', QStringLiteral("<br>"));
    mSummary->setText(summary);
    // A longer summary than before raises the loaded data's minimum height, which the splitter
    // only honours on its next resize: move its handle now, once the layouts have settled.
    QTimer::singleShot(0, this, [this] {
        QList<int> sizes = mSplitter->sizes();
        const int need = mSplitter->widget(1)->minimumSizeHint().height();
        if (sizes.size() != 2 || sizes[1] >= need) return;
        sizes[0] -= need - sizes[1];
        sizes[1] = need;
        mSplitter->setSizes(sizes);
    });
    mClassTable->setRowCount(int(d.classNames.size()));
    for (int c = 0; c < int(d.classNames.size()); ++c) {
        auto* name = new QTableWidgetItem(fromStd(d.classNames[std::size_t(c)]));
        if (d.hasTruth()) {
            QPixmap swatch(12, 12);
            swatch.fill(classColour(c));
            name->setIcon(QIcon(swatch));
        }
        if (std::size_t(c) < d.trueMotifs.size() && d.hasTruth())
            name->setToolTip(fromStd(d.trueMotifs[std::size_t(c)].id));
        mClassTable->setItem(c, 0, name);
        for (int p = 0; p < 3; ++p) {
            auto* item = new QTableWidgetItem(withThousands(d.classCounts[std::size_t(c)][std::size_t(p)]));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            mClassTable->setItem(c, p + 1, item);
        }
    }
    mTruthColumn->showData(mData, mBase.truthMapping);
    const QString warnings = fromStd(d.warnings.summary()).trimmed();
    mWarnings->setVisible(!warnings.isEmpty());
    mWarnings->setText(warnings.isEmpty() ? QString()
                                          : QStringLiteral("\u26a0 ") + warnings.toHtmlEscaped().replace('\n', "<br>\u26a0 "));
    {
        const QSignalBlocker b(mPreviewStart);
        mPreviewStart->setValue(1);
    }
    showLoadedSequences();
}

void DataPanel::truthMappingEdited() {
    mBase.truthMapping = mTruthColumn->mapping();
    if (mData) {
        // The sequences stay; only the recipe's copy of the mapping changes (runs trained from now on use it).
        auto data = std::make_shared<lab::LoadedData>(*mData);
        data->recipe.truthMapping = mBase.truthMapping;
        mData = std::move(data);
        mTruthColumn->showData(mData, mBase.truthMapping);
    }
    setMessage({}, false);
    if (!mUpdating) Q_EMIT recipeChanged();
}

void DataPanel::showLoadedSequences() {
    if (!mData) return;
    const lab::LoadedData& d = *mData;
    const auto part = synth::Part(mPreviewPart->currentData().toInt());
    const seqio::SequenceSet& set = d.part(part);
    {
        const QSignalBlocker b(mPreviewStart);
        mPreviewStart->setRange(1, std::max<int>(1, int(set.size())));
        mPreviewStart->setSuffix(tr(" of %1").arg(withThousands(long(set.size()))));
    }
    const std::size_t first = std::size_t(mPreviewStart->value() - 1);
    std::vector<PreviewSequence> rows;
    for (std::size_t i = first; i < set.size() && i < first + kPreviewSequences; ++i)
        rows.push_back(previewRow(set, i, d.placementsOf(part, i), d.trueMotifs, d.classNames, fromStd(set.ids[i]),
                                  tr("%1 #%2").arg(tr(partName(part))).arg(i + 1)));
    mPreview->setSequences(std::move(rows));
    if (set.size() == 0) mPreview->setPlaceholder(tr("The %1 split is empty.").arg(tr(partName(part))));
}

}  // namespace motifloom::ui
