// DataPanel: the FASTA page (files, folders, drag and drop, labels, length, split; see
// data_panel.h).
#include "data/data_panel.h"
#include "data/data_panel_parts.h"
#include "widgets/vertical_scroll.h"

#include "widgets/adaptive_box.h"
#include "widgets/flow_layout.h"

#include "app_window/settings.h"

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
#include <initializer_list>
#include <mutex>

namespace motifloom::ui {

using namespace data_panel_parts;

// ---- FASTA page ----------------------------------------------------------------------------------

QWidget* DataPanel::buildFastaPage() {
    auto* layout = new AdaptiveBox;

    auto* filesBox = new QGroupBox(tr("Files"));
    auto* filesLayout = new QVBoxLayout(filesBox);
    mFiles = new QListWidget;
    mFiles->setObjectName(QStringLiteral("fastaFiles"));
    mFiles->setAlternatingRowColors(true);
    mFiles->setSelectionMode(QAbstractItemView::SingleSelection);
    mFiles->setToolTip(tr("FASTA files (plain or .gz). Drop files or a folder anywhere on this panel."));
    filesLayout->addWidget(mFiles, 1);
    mFilesHint = hintLabel({});
    filesLayout->addWidget(mFilesHint);
    auto* buttonRow = new QWidget;
    auto* buttons = new FlowLayout(buttonRow);
    auto* add = new QPushButton(tr("&Open files\u2026"));
    // Not Ctrl+O: the main window opens sessions with it.
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    add->setToolTip(tr("Add FASTA files (Ctrl+Shift+O)."));
    connect(add, &QPushButton::clicked, this, &DataPanel::chooseFiles);
    auto* folder = new QPushButton(tr("Open folder\u2026"));
    folder->setToolTip(tr("A folder written by motifloom-cli simulate (train.fa, valid.fa, test.fa, classes.txt), "
                          "or any folder of FASTA files."));
    connect(folder, &QPushButton::clicked, this, &DataPanel::chooseFolder);
    auto* up = new QToolButton;
    up->setText(QStringLiteral("\u2191"));
    up->setToolTip(tr("Move the selected file up (order matters for positive/negative and separate splits)."));
    connect(up, &QToolButton::clicked, this, [this] { moveFile(-1); });
    auto* down = new QToolButton;
    down->setText(QStringLiteral("\u2193"));
    down->setToolTip(tr("Move the selected file down."));
    connect(down, &QToolButton::clicked, this, [this] { moveFile(+1); });
    auto* remove = new QPushButton(tr("Remove"));
    connect(remove, &QPushButton::clicked, this, [this] {
        delete mFiles->currentItem();
        std::vector<std::string> files = fileListPaths();
        guessLabelMode(files);
        setFileList(files);
        controlChanged();
    });
    auto* clear = new QPushButton(tr("Clear"));
    clear->setToolTip(tr("Remove every file; the class names and the label mode of the old files go too."));
    connect(clear, &QPushButton::clicked, this, [this] {
        // A new start: nothing of the previous files' labelling may stick to the next ones.
        mLabelModeChosen = false;
        {
            const QSignalBlocker b1(mClassNames), b2(mSplitMode), b3(mLabelMode);
            mClassNames->clear();
            if (mSplitMode->currentData().toInt() == int(lab::DataRecipe::SplitMode::SeparateFiles))
                mSplitMode->setCurrentIndex(mSplitMode->findData(int(lab::DataRecipe::SplitMode::Random)));
            mLabelMode->setCurrentIndex(0);
        }
        setFileList({});
        controlChanged();
    });
    for (QWidget* b : std::initializer_list<QWidget*>{add, folder, up, down, remove, clear}) buttons->addWidget(b);
    filesLayout->addWidget(buttonRow);
    layout->addWidget(filesBox, 5);

    auto* settings = new QGroupBox(tr("Labels, length and split"));
    auto* form = new QFormLayout(settings);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);  // labels above their fields in a narrow dock
    mSplitMode = new QComboBox;
    mSplitMode->addItem(tr("Random split"), int(lab::DataRecipe::SplitMode::Random));
    mSplitMode->addItem(tr("Split assignment file"), int(lab::DataRecipe::SplitMode::AssignmentFile));
    mSplitMode->addItem(tr("Separate train / valid / test files"), int(lab::DataRecipe::SplitMode::SeparateFiles));
    mSplitMode->setToolTip(tr("How sequences are divided into training, validation (early stopping) and test "
                              "(final scores) sets."));
    mLabelMode = new QComboBox;
    mLabelMode->addItem(tr("Labels in headers"), int(seqio::LabelMode::HeaderTokens));
    mLabelMode->addItem(tr("One file per class"), int(seqio::LabelMode::FilePerClass));
    mLabelMode->addItem(tr("Positive / negative files"), int(seqio::LabelMode::PositiveNegative));
    mLabelMode->setToolTip(tr("<b>Labels in headers</b>: '>id labels=0,1,0' (multi-label) or '>id class=CTCF'.<br>"
                              "<b>One file per class</b>: the file name is the class.<br>"
                              "<b>Positive / negative</b>: first file bound, second unbound (one output)."));
    form->addRow(tr("La&bels"), mLabelMode);
    mClassNames = new QLineEdit;
    mClassNames->setPlaceholderText(tr("optional: names, comma-separated"));
    mClassNames->setToolTip(tr("Class names in label order; empty = from the files (class=NAME, file names) or "
                               "class0, class1, ..."));
    form->addRow(tr("Class &names"), mClassNames);
    mTargetLength = new QSpinBox;
    mTargetLength->setRange(0, 1000000);
    mTargetLength->setSpecialValueText(tr("most common length"));
    mTargetLength->setSuffix(tr(" nt"));
    mTargetLength->setKeyboardTracking(false);
    mTargetLength->setToolTip(tr("Every sequence gets this length: longer ones keep their centre, shorter ones are "
                                 "centred and padded (a peak summit stays in the middle)."));
    form->addRow(tr("Input &length"), mTargetLength);
    mPad = new QComboBox;
    mPad->addItem(tr("no base (all-zero one-hot)"), false);
    mPad->addItem(tr("N (uniform over A, C, G, T)"), true);
    mPad->setToolTip(tr("What fills the ends of short sequences. 'No base' is how the paper treats positions "
                        "outside a sequence."));
    form->addRow(tr("&Pad with"), mPad);
    form->addRow(tr("Spli&t"), mSplitMode);

    mRandomSplitBox = new QWidget;
    auto* randomLayout = new FlowLayout(mRandomSplitBox);
    const QString splitNames[3] = {tr("train"), tr("valid"), tr("test")};
    for (int i = 0; i < 3; ++i) {
        mFastaSplit[i] = fractionSpin(tr("Fraction of the sequences in this part."));
        randomLayout->addWidget(labelledField(splitNames[i], mFastaSplit[i]));
    }
    mSplitSeed = seedEdit(tr("Seed of the random split."));
    randomLayout->addWidget(labelledField(tr("seed"), mSplitSeed));
    form->addRow(QString(), mRandomSplitBox);

    mSplitFileBox = new QWidget;
    auto* fileLayout = new QHBoxLayout(mSplitFileBox);
    fileLayout->setContentsMargins(0, 0, 0, 0);
    mSplitFile = new QLineEdit;
    mSplitFile->setPlaceholderText(tr("file with 'ID train|valid|test' lines"));
    auto* browse = new QPushButton(tr("Browse\u2026"));
    connect(browse, &QPushButton::clicked, this, &DataPanel::chooseSplitFile);
    fileLayout->addWidget(mSplitFile, 1);
    fileLayout->addWidget(browse);
    form->addRow(QString(), mSplitFileBox);

    mUseExpected = new QCheckBox(tr("Compare filters with known motifs"));
    mUseExpected->setToolTip(tr("The TFs expected in the data (the paper's in vivo analysis uses the same 12 TFs as "
                                "the synthetic set): filters matching them count as ground-truth matches."));
    mExpectedLabel = hintLabel({});
    form->addRow(mUseExpected);
    form->addRow(mExpectedLabel);
    layout->addWidget(settings, 6);
    QWidget* page = verticalScroll(layout);

    auto changed = [this] { controlChanged(); };
    connect(mLabelMode, &QComboBox::currentIndexChanged, this, changed);
    connect(mLabelMode, &QComboBox::activated, this, [this] { mLabelModeChosen = true; });  // by hand only
    connect(mSplitMode, &QComboBox::currentIndexChanged, this, changed);
    connect(mClassNames, &QLineEdit::textChanged, this, changed);
    connect(mTargetLength, &QSpinBox::valueChanged, this, changed);
    connect(mPad, &QComboBox::currentIndexChanged, this, changed);
    connect(mSplitSeed, &QLineEdit::textChanged, this, changed);
    connect(mSplitFile, &QLineEdit::textChanged, this, changed);
    connect(mUseExpected, &QCheckBox::toggled, this, [this](bool on) {
        if (on && mExpectedMotifs.empty()) mExpectedMotifs = mPicker->selectedIds();
        updateExpectedLabel();
        controlChanged();
    });
    for (int i = 0; i < 3; ++i)
        connect(mFastaSplit[i], &QDoubleSpinBox::valueChanged, this, [this, i](double v) {
            const QSignalBlocker b(mSplit[i]);
            mSplit[i]->setValue(v);
            controlChanged();
        });
    return page;
}

void DataPanel::updateFastaControls() {
    if (!mSplitMode) return;
    const auto split = lab::DataRecipe::SplitMode(mSplitMode->currentData().toInt());
    const bool separate = split == lab::DataRecipe::SplitMode::SeparateFiles;
    if (separate && mLabelMode->currentData().toInt() != int(seqio::LabelMode::HeaderTokens)) {
        const QSignalBlocker b(mLabelMode);
        mLabelMode->setCurrentIndex(0);
    }
    mLabelMode->setEnabled(!separate);
    mRandomSplitBox->setVisible(split == lab::DataRecipe::SplitMode::Random);
    mSplitFileBox->setVisible(split == lab::DataRecipe::SplitMode::AssignmentFile);
    setFileList(fileListPaths());  // refresh the roles shown next to each file
    mLoadButton->setText(mTabs->currentIndex() == 0 ? tr("Generate data") : tr("Load data"));
    updateIdleSummary();
}

void DataPanel::updateExpectedLabel() {
    if (!mExpectedLabel) return;
    QStringList names;
    const auto& ids = mExpectedMotifs.empty() ? mPicker->selectedIds() : mExpectedMotifs;
    for (const auto& id : ids) {
        QString name = fromStd(id);
        if (mDatabase)
            for (const auto& m : *mDatabase)
                if (m.id == id && !m.name.empty()) name = fromStd(m.name);
        names << name;
    }
    mExpectedLabel->setEnabled(mUseExpected->isChecked());
    mExpectedLabel->setText(names.isEmpty() ? tr("Pick motifs on the Synthetic tab to use them here.")
                                            : tr("%1 (as picked on the Synthetic tab when first checked)").arg(names.join(", ")));
}

std::vector<std::string> DataPanel::fileListPaths() const {
    std::vector<std::string> out;
    for (int i = 0; i < mFiles->count(); ++i) out.push_back(mFiles->item(i)->data(Qt::UserRole).toString().toStdString());
    return out;
}

void DataPanel::setFileList(const std::vector<std::string>& files) {
    const int current = mFiles->currentRow();
    mFiles->clear();
    const auto split = lab::DataRecipe::SplitMode(mSplitMode->currentData().toInt());
    const auto labels = seqio::LabelMode(mLabelMode->currentData().toInt());
    QStringList classNames;
    for (const QString& n : mClassNames->text().split(',', Qt::SkipEmptyParts)) classNames << n.trimmed();
    for (std::size_t i = 0; i < files.size(); ++i) {
        const QString path = fromStd(files[i]);
        QString role;
        if (split == lab::DataRecipe::SplitMode::SeparateFiles) {
            const char* roles[] = {"train", "validation", "test"};
            role = i < 3 ? tr(roles[i]) : tr("(unused)");
        } else if (labels == seqio::LabelMode::FilePerClass) {
            role = tr("class %1").arg(int(i) < classNames.size() ? classNames[int(i)] : fromStd(seqio::fileStem(files[i])));
        } else if (labels == seqio::LabelMode::PositiveNegative) {
            role = i == 0 ? tr("positive") : i == 1 ? tr("negative") : tr("(unused)");
        }
        auto* item = new QListWidgetItem(role.isEmpty() ? QFileInfo(path).fileName()
                                                        : QStringLiteral("%1  \u2014  %2").arg(role, QFileInfo(path).fileName()));
        item->setData(Qt::UserRole, path);
        item->setToolTip(QDir::toNativeSeparators(path));
        mFiles->addItem(item);
    }
    mFiles->setCurrentRow(std::min(current, mFiles->count() - 1));
    QString hint;
    if (split == lab::DataRecipe::SplitMode::SeparateFiles)
        hint = tr("Three files in order: train, validation, test; headers '>id labels=0,1,...' or '>id class=NAME'.");
    else if (labels == seqio::LabelMode::FilePerClass)
        hint = tr("One file per class (at least 2); the file name is the class name.");
    else if (labels == seqio::LabelMode::PositiveNegative)
        hint = tr("Two files: positives (bound) first, then negatives.");
    else
        hint = tr("Headers carry the labels: '>id labels=0,1,0' or '>id class=CTCF'.");
    if (files.empty()) hint = tr("<b>Drop FASTA files or a folder here</b>, or open them. ") + hint;
    mFilesHint->setText(hint);
}

void DataPanel::guessLabelMode(std::vector<std::string>& files) {
    if (mLabelModeChosen || files.empty() ||
        mSplitMode->currentData().toInt() == int(lab::DataRecipe::SplitMode::SeparateFiles))
        return;
    auto stem = [](const std::string& f) { return QString::fromStdString(seqio::fileStem(f)).toLower(); };
    auto isNeg = [](const QString& s) { return s.contains(QLatin1String("neg")) || s.contains(QLatin1String("unbound")) || s.contains(QLatin1String("background")); };
    auto isPos = [&](const QString& s) { return !isNeg(s) && (s.contains(QLatin1String("pos")) || s.contains(QLatin1String("bound"))); };
    seqio::LabelMode mode = seqio::LabelMode::FilePerClass;
    if (files.size() == 1) {
        mode = seqio::LabelMode::HeaderTokens;
    } else if (files.size() == 2) {
        const QString a = stem(files[0]), b = stem(files[1]);
        if (isPos(a) && isNeg(b)) mode = seqio::LabelMode::PositiveNegative;
        else if (isNeg(a) && isPos(b)) {
            mode = seqio::LabelMode::PositiveNegative;
            std::swap(files[0], files[1]);  // positives first
        }
    }
    const QSignalBlocker b1(mLabelMode), b2(mClassNames);
    mLabelMode->setCurrentIndex(mLabelMode->findData(int(mode)));
    mClassNames->clear();  // names come from the files (file names, class= headers)
}

void DataPanel::addFiles(const QStringList& paths) {
    std::vector<std::string> files = fileListPaths();
    for (const QString& p : paths) {
        const std::string s = QDir::cleanPath(p).toStdString();
        if (std::find(files.begin(), files.end(), s) == files.end()) files.push_back(s);
    }
    guessLabelMode(files);
    setFileList(files);
    mTabs->setCurrentIndex(1);
    controlChanged();
}

void DataPanel::addFolder(const QString& dirPath) {
    const QDir dir(dirPath);
    auto find = [&](const QString& stem) -> QString {
        for (const char* ext : {".fa", ".fa.gz", ".fasta", ".fasta.gz"})
            if (dir.exists(stem + ext)) return dir.filePath(stem + ext);
        return {};
    };
    const QString train = find("train"), valid = find("valid"), test = find("test");
    if (!train.isEmpty() && !valid.isEmpty() && !test.isEmpty()) {
        // A `motifloom-cli simulate` folder: separate splits, class names from classes.txt.
        mSplitMode->setCurrentIndex(mSplitMode->findData(int(lab::DataRecipe::SplitMode::SeparateFiles)));
        mLabelMode->setCurrentIndex(0);
        QFile classes(dir.filePath("classes.txt"));
        if (classes.open(QIODevice::ReadOnly | QIODevice::Text)) {
            QStringList names;
            QTextStream in(&classes);
            while (!in.atEnd()) {
                const QString line = in.readLine().trimmed();
                if (!line.isEmpty()) names << line;
            }
            mClassNames->setText(names.join(", "));
        }
        setFileList({train.toStdString(), valid.toStdString(), test.toStdString()});
        mTabs->setCurrentIndex(1);
        controlChanged();
        return;
    }
    QStringList found;
    for (const QFileInfo& f : dir.entryInfoList({"*.fa", "*.fasta", "*.fna", "*.fas", "*.fa.gz", "*.fasta.gz", "*.fna.gz"},
                                                QDir::Files, QDir::Name))
        found << f.absoluteFilePath();
    if (found.isEmpty()) {
        setMessage(tr("No FASTA files (.fa, .fasta, .fna, optionally .gz) in %1").arg(QDir::toNativeSeparators(dirPath)), true);
        return;
    }
    addFiles(found);
}

void DataPanel::chooseFiles() {
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Open FASTA files"), AppSettings::lastDirectory(AppSettings::Folder::Fasta), tr("FASTA (*.fa *.fasta *.fna *.fas *.gz);;All files (*)"));
    if (paths.isEmpty()) return;
    AppSettings::setLastDirectory(AppSettings::Folder::Fasta, paths.front());
    addFiles(paths);
}

void DataPanel::chooseFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a folder of FASTA files"),
                                                          AppSettings::lastDirectory(AppSettings::Folder::Fasta));
    if (dir.isEmpty()) return;
    AppSettings::setLastDirectory(AppSettings::Folder::Fasta, QFileInfo(dir).absolutePath());  // its parent: the next folder is a sibling
    addFolder(dir);
}

void DataPanel::chooseSplitFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Split assignment file"), AppSettings::lastDirectory(AppSettings::Folder::Fasta),
                                                      tr("Text (*.txt *.tsv);;All files (*)"));
    if (!path.isEmpty()) mSplitFile->setText(path);
}

void DataPanel::moveFile(int delta) {
    const int row = mFiles->currentRow();
    std::vector<std::string> files = fileListPaths();
    if (row < 0 || row + delta < 0 || row + delta >= int(files.size())) return;
    std::swap(files[std::size_t(row)], files[std::size_t(row + delta)]);
    setFileList(files);
    mFiles->setCurrentRow(row + delta);
    controlChanged();
}

void DataPanel::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) {
        for (const QUrl& u : event->mimeData()->urls())
            if (u.isLocalFile()) {
                event->acceptProposedAction();
                return;
            }
    }
}

void DataPanel::dropEvent(QDropEvent* event) {
    QStringList files;
    for (const QUrl& u : event->mimeData()->urls()) {
        if (!u.isLocalFile()) continue;
        const QString path = u.toLocalFile();
        if (QFileInfo(path).isDir())
            addFolder(path);
        else
            files << path;
    }
    if (!files.isEmpty()) addFiles(files);
    event->acceptProposedAction();
}

}  // namespace motifloom::ui
