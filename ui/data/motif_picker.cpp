#include "data/motif_picker.h"

#include "logo/logo_painter.h"
#include "logo/logo_style.h"
#include "widgets/style_colours.h"
#include "motif/motif_math.h"
#include "synth/synthetic_data.h"

#include <QAbstractListModel>
#include <QApplication>
#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

#include <algorithm>
#include <unordered_map>

namespace motifloom::ui {

QColor classColour(int index) { return style::motifClass(index); }

// ---- model ------------------------------------------------------------------------------------

class MotifListModel : public QAbstractListModel {
public:
    enum Role { IdRole = Qt::UserRole + 1, SearchRole, LabelRole, MotifRole, InfoRole };

    void setDatabase(std::shared_ptr<const motif::MotifList> db) {
        beginResetModel();
        mDb = std::move(db);
        mInfo.clear();
        if (mDb)
            for (const auto& m : *mDb) mInfo.push_back(motif::totalInformation(m));
        endResetModel();
    }
    const std::shared_ptr<const motif::MotifList>& database() const { return mDb; }

    const std::vector<std::string>& selected() const { return mSelected; }
    void setSelected(const std::vector<std::string>& ids) {
        mSelected.clear();
        for (const auto& id : ids)
            if (std::find(mSelected.begin(), mSelected.end(), id) == mSelected.end()) mSelected.push_back(id);
        if (rowCount() > 0) Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    }
    int labelOf(const std::string& id) const {
        const auto it = std::find(mSelected.begin(), mSelected.end(), id);
        return it == mSelected.end() ? -1 : int(it - mSelected.begin());
    }
    std::vector<std::string> missing() const {
        std::vector<std::string> out;
        for (const auto& id : mSelected) {
            bool found = false;
            if (mDb)
                for (const auto& m : *mDb) found = found || m.id == id;
            if (!found) out.push_back(id);
        }
        return out;
    }
    void toggle(int row) {
        const std::string id = (*mDb)[std::size_t(row)].id;
        const auto it = std::find(mSelected.begin(), mSelected.end(), id);
        if (it == mSelected.end())
            mSelected.push_back(id);
        else
            mSelected.erase(it);
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));  // label numbers shift
    }

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() || !mDb ? 0 : int(mDb->size());
    }
    Qt::ItemFlags flags(const QModelIndex& index) const override {
        return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable : Qt::NoItemFlags;
    }
    QVariant data(const QModelIndex& index, int role) const override {
        if (!index.isValid() || !mDb) return {};
        const motif::Motif& m = (*mDb)[std::size_t(index.row())];
        switch (role) {
        case Qt::DisplayRole: return QString::fromStdString(m.name.empty() ? m.id : m.name);
        case IdRole: return QString::fromStdString(m.id);
        case SearchRole: return QString::fromStdString(m.id + " " + m.name);
        case LabelRole: return labelOf(m.id);
        case InfoRole: return mInfo[std::size_t(index.row())];
        case Qt::CheckStateRole: return labelOf(m.id) >= 0 ? Qt::Checked : Qt::Unchecked;
        case Qt::ToolTipRole:
            return QObject::tr("<b>%1</b> %2<br>%3 nt, consensus <tt>%4</tt><br>"
                               "<b>Information content</b> %5 bits: how far the motif's columns are from "
                               "uniform (2 bits = one certain base). Letter heights in the logo show it per "
                               "position.")
                .arg(QString::fromStdString(m.name).toHtmlEscaped(), QString::fromStdString(m.id))
                .arg(m.width())
                .arg(QString::fromStdString(motif::consensus(m)))
                .arg(mInfo[std::size_t(index.row())], 0, 'f', 1);
        }
        return {};
    }
    bool setData(const QModelIndex& index, const QVariant& value, int role) override {
        if (!index.isValid() || role != Qt::CheckStateRole || !mDb) return false;
        const bool want = value.toInt() == Qt::Checked;
        if (want == (labelOf((*mDb)[std::size_t(index.row())].id) >= 0)) return false;
        toggle(index.row());
        return true;
    }
    const motif::Motif& motifAt(int row) const { return (*mDb)[std::size_t(row)]; }

private:
    std::shared_ptr<const motif::MotifList> mDb;
    std::vector<double> mInfo;
    std::vector<std::string> mSelected;
};

namespace {

class MotifFilter : public QSortFilterProxyModel {
public:
    bool onlySelected = false;
    void refilter() { invalidateRowsFilter(); }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        const QModelIndex i = sourceModel()->index(row, 0, parent);
        if (onlySelected && i.data(MotifListModel::LabelRole).toInt() < 0) return false;
        return QSortFilterProxyModel::filterAcceptsRow(row, parent);
    }
};

// One row: [checkbox] [label #] [logo] name / id · width · bits.
class MotifDelegate : public QStyledItemDelegate {
public:
    MotifDelegate(const MotifListModel* model, QObject* parent) : QStyledItemDelegate(parent), mModel(model) {
        mStyle.showAxes = false;
        mStyle.kind = LogoKind::Bits;
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const override {
        const int h = option.fontMetrics.height();
        return QSize(h * 16, int(h * 2.7));
    }

    void paint(QPainter* p, const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
        // Background and selection, no text.
        opt.text.clear();
        opt.features &= ~QStyleOptionViewItem::HasCheckIndicator;
        style->drawControl(QStyle::CE_ItemViewItem, &opt, p, opt.widget);

        const QModelIndex source = static_cast<const QSortFilterProxyModel*>(index.model())->mapToSource(index);
        const motif::Motif& m = mModel->motifAt(source.row());
        const int label = index.data(MotifListModel::LabelRole).toInt();
        const QRect r = option.rect.adjusted(4, 2, -4, -2);
        const int fh = option.fontMetrics.height();
        p->save();
        p->setRenderHint(QPainter::Antialiasing);

        // Checkbox.
        QStyleOptionButton box;
        const int indicator = style->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, opt.widget);
        box.rect = QRect(r.left(), r.center().y() - indicator / 2, indicator, indicator);
        box.state = QStyle::State_Enabled | (label >= 0 ? QStyle::State_On : QStyle::State_Off);
        style->drawPrimitive(QStyle::PE_IndicatorCheckBox, &box, p, opt.widget);

        // Class label badge.
        int x = box.rect.right() + 6;
        const QRect badge(x, r.center().y() - fh / 2 - 1, int(fh * 1.8), fh + 2);
        if (label >= 0) {
            p->setPen(Qt::NoPen);
            p->setBrush(classColour(label));
            p->drawRoundedRect(badge, 3, 3);
            p->setPen(style::colour(style::Role::OnBadge));
            QFont f = option.font;
            f.setBold(true);
            p->setFont(f);
            p->drawText(badge, Qt::AlignCenter, QString::number(label));
        }
        x = badge.right() + 6;

        // Logo: a fixed width per column so wider motifs look wider, capped.
        const double column = fh * 0.55;
        const double logoW = std::min(column * m.width(), fh * 9.0);
        const QRectF logoRect(x, r.top() + 1, logoW, r.height() - 2);
        const QColor paper = opt.palette.color(QPalette::Base);
        p->fillRect(logoRect, paper.lighter(102));
        paintLogo(*p, logoRect, m, mStyle);
        x = int(x + fh * 9.0 + 8);

        // Text: name (bold) and details.
        const bool selected = opt.state & QStyle::State_Selected;
        const QColor text = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
        QFont nameFont = option.font;
        nameFont.setBold(true);
        p->setFont(nameFont);
        p->setPen(text);
        const QRect textRect(x, r.top(), r.right() - x, r.height());
        p->drawText(textRect.adjusted(0, 1, 0, 0), Qt::AlignLeft | Qt::AlignTop,
                    QFontMetrics(nameFont).elidedText(QString::fromStdString(m.name.empty() ? m.id : m.name),
                                                      Qt::ElideRight, textRect.width()));
        p->setFont(option.font);
        QColor dim = text;
        dim.setAlphaF(0.65);
        p->setPen(dim);
        const QString details = QStringLiteral("%1 \u00b7 %2 nt \u00b7 %3 bits")
                                    .arg(QString::fromStdString(m.id))
                                    .arg(m.width())
                                    .arg(index.data(MotifListModel::InfoRole).toDouble(), 0, 'f', 1);
        p->drawText(textRect.adjusted(0, 0, 0, -1), Qt::AlignLeft | Qt::AlignBottom,
                    option.fontMetrics.elidedText(details, Qt::ElideRight, textRect.width()));
        p->restore();
    }

    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem&,
                     const QModelIndex& index) override {
        const bool click = event->type() == QEvent::MouseButtonRelease &&
                           static_cast<QMouseEvent*>(event)->button() == Qt::LeftButton;
        const bool key = event->type() == QEvent::KeyPress &&
                         (static_cast<QKeyEvent*>(event)->key() == Qt::Key_Space ||
                          static_cast<QKeyEvent*>(event)->key() == Qt::Key_Select);
        if (!click && !key) return false;
        const bool on = index.data(Qt::CheckStateRole).toInt() == Qt::Checked;
        return model->setData(index, on ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
    }

private:
    const MotifListModel* mModel;
    LogoStyle mStyle;
};

}  // namespace

// ---- widget -----------------------------------------------------------------------------------

MotifPicker::MotifPicker(QWidget* parent) : QWidget(parent), mModel(new MotifListModel) {
    mModel->setParent(this);
    auto* filter = new MotifFilter;
    filter->setParent(this);
    mProxy = filter;
    mProxy->setSourceModel(mModel);
    mProxy->setFilterRole(MotifListModel::SearchRole);
    mProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    mSource = new QLabel;
    mSource->setWordWrap(true);  // "JASPAR CORE vertebrates (bundled) · 205 motifs" in a narrow dock
    mSource->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    layout->addWidget(mSource);

    auto* top = new QHBoxLayout;
    mSearch = new QLineEdit;
    mSearch->setPlaceholderText(tr("Search motifs by name or ID (e.g. SP1, MA0079)"));
    mSearch->setClearButtonEnabled(true);
    mSearch->setToolTip(tr("Filter the list; Down moves into it, Space picks a motif."));
    connect(mSearch, &QLineEdit::textChanged, this, [this](const QString& t) {
        mProxy->setFilterFixedString(t.trimmed());
        updateStatus();
    });
    top->addWidget(mSearch, 1);
    mOnlySelected = new QCheckBox(tr("Picked only"));
    mOnlySelected->setToolTip(tr("List only the picked motifs, in database order."));
    connect(mOnlySelected, &QCheckBox::toggled, this, [this, filter](bool on) {
        filter->onlySelected = on;
        filter->refilter();
        updateStatus();
    });
    top->addWidget(mOnlySelected);
    layout->addLayout(top);

    mList = new QListView;
    mList->setModel(mProxy);
    mList->setItemDelegate(new MotifDelegate(mModel, mList));
    mList->setUniformItemSizes(true);
    mList->setSelectionMode(QAbstractItemView::SingleSelection);
    mList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mList->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    mList->setToolTip(tr("Click a motif to pick or unpick it. Picked motifs become classes 0, 1, ... in the order "
                         "picked. Logos show information content in bits."));
    layout->addWidget(mList, 1);
    mSearch->installEventFilter(this);

    auto* bottom = new QHBoxLayout;
    mStatus = new QLabel;
    mStatus->setWordWrap(true);
    mStatus->setTextFormat(Qt::RichText);
    bottom->addWidget(mStatus, 1);
    auto* paper = new QPushButton(tr("Paper's 12"));
    paper->setToolTip(tr("Pick the 12 motifs of Koo & Eddy (2019) in their label order."));
    auto* clear = new QPushButton(tr("Clear"));
    clear->setToolTip(tr("Unpick every motif."));
    bottom->addWidget(paper);
    bottom->addWidget(clear);
    layout->addLayout(bottom);
    connect(paper, &QPushButton::clicked, this, [this] {
        setSelectedIds({synth::kPaperMotifIds.begin(), synth::kPaperMotifIds.end()});
        Q_EMIT selectionChanged();
    });
    connect(clear, &QPushButton::clicked, this, [this] {
        setSelectedIds({});
        Q_EMIT selectionChanged();
    });
    connect(mModel, &QAbstractItemModel::dataChanged, this, [this] {
        if (mOnlySelected->isChecked()) static_cast<MotifFilter*>(mProxy)->refilter();
        updateStatus();
    });
    // setData from the delegate = a user pick.
    connect(mModel, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& a, const QModelIndex& b) {
        if (!mProgrammatic && a.row() == 0 && b.row() == mModel->rowCount() - 1) Q_EMIT selectionChanged();
    });
    setDatabase(nullptr, tr("Loading motifs\u2026"));
}

MotifPicker::~MotifPicker() = default;

void MotifPicker::setDatabase(std::shared_ptr<const motif::MotifList> database, const QString& label) {
    mProgrammatic = true;
    mModel->setDatabase(std::move(database));
    mProgrammatic = false;
    mSource->setText(label);
    updateStatus();
}

std::shared_ptr<const motif::MotifList> MotifPicker::database() const { return mModel->database(); }

std::vector<std::string> MotifPicker::selectedIds() const { return mModel->selected(); }

void MotifPicker::setSelectedIds(const std::vector<std::string>& ids) {
    mProgrammatic = true;
    mModel->setSelected(ids);
    mProgrammatic = false;
    updateStatus();
}

void MotifPicker::setFilterText(const QString& text) { mSearch->setText(text); }

int MotifPicker::visibleCount() const { return mProxy->rowCount(); }

bool MotifPicker::eventFilter(QObject* watched, QEvent* event) {
    // Down arrow in the search field moves into the list.
    if (watched == mSearch && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Down && mProxy->rowCount() > 0) {
        mList->setFocus();
        if (!mList->currentIndex().isValid()) mList->setCurrentIndex(mProxy->index(0, 0));
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void MotifPicker::updateStatus() {
    const auto& ids = mModel->selected();
    QStringList names;
    for (const auto& id : ids) {
        QString name = QString::fromStdString(id);
        if (const auto& db = mModel->database())
            for (const auto& m : *db)
                if (m.id == id && !m.name.empty()) name = QString::fromStdString(m.name);
        names << name.toHtmlEscaped();
    }
    QString text = ids.empty() ? tr("<b>No motif picked</b>: pick at least one.")
                               : tr("<b>%n picked</b> (classes in this order): ", nullptr, int(ids.size())) +
                                     names.join(QStringLiteral(", "));
    if (mModel->database()) {
        const auto missing = mModel->missing();
        if (!missing.empty()) {
            QStringList m;
            for (const auto& id : missing) m << QString::fromStdString(id).toHtmlEscaped();
            text += QStringLiteral("<br><span style='color:#b02020'>%1</span>")
                        .arg(tr("Not in this database: %1").arg(m.join(", ")));
        }
        if (mProxy->rowCount() == 0 && !mSearch->text().isEmpty())
            text += QStringLiteral("<br>") + tr("No motif matches \u201c%1\u201d.").arg(mSearch->text().toHtmlEscaped());
    }
    mStatus->setText(text);
}

}  // namespace motifloom::ui
