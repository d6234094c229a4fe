#include "race/race_dialog.h"

#include "arch/presets.h"
#include "train/race.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace motifloom::ui {

RaceDialog::RaceDialog(QWidget* parent, const QString& currentName, int threads) : QDialog(parent), mThreads(threads) {
    setWindowTitle(tr("Race architectures"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Train two to four architectures <b>at the same time</b> on the same data, with the "
                                "same settings and seed, and watch their curves and filters side by side in the "
                                "<b>Race</b> tab. Each one is kept as an ordinary run."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    mList = new QListWidget(this);
    auto add = [this](const QString& text, const QString& key, const QString& tip) {
        auto* item = new QListWidgetItem(text, mList);
        item->setData(Qt::UserRole, key);
        item->setToolTip(tip);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(Qt::Unchecked);
    };
    add(tr("Current architecture (%1)").arg(currentName), QStringLiteral("current"),
        tr("The architecture in the Architecture panel, as it is now."));
    for (const std::string& name : arch::presetNames()) {
        const QString n = QString::fromStdString(name);
        add(QStringLiteral("%1 \u2013 %2").arg(n, QString::fromStdString(arch::presetDescription(name))), n,
            QString::fromStdString(arch::presetDescription(name)));
    }
    mList->setMinimumSize(680, 300);
    layout->addWidget(mList, 1);
    connect(mList, &QListWidget::itemChanged, this, &RaceDialog::updateState);
    mNote = new QLabel(this);
    mNote->setWordWrap(true);
    layout->addWidget(mNote);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    mOk = buttons->button(QDialogButtonBox::Ok);
    mOk->setText(tr("&Race"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setArchitectures({QStringLiteral("CNN-2"), QStringLiteral("CNN-25")});
}

QStringList RaceDialog::architectures() const {
    QStringList out;
    for (int i = 0; i < mList->count(); ++i)
        if (mList->item(i)->checkState() == Qt::Checked) out << mList->item(i)->data(Qt::UserRole).toString();
    return out;
}

void RaceDialog::setArchitectures(const QStringList& names) {
    const QSignalBlocker block(mList);
    for (int i = 0; i < mList->count(); ++i) {
        QListWidgetItem* item = mList->item(i);
        item->setCheckState(names.contains(item->data(Qt::UserRole).toString(), Qt::CaseInsensitive) ? Qt::Checked
                                                                                                     : Qt::Unchecked);
    }
    updateState();
}

void RaceDialog::updateState() {
    const int n = int(architectures().size());
    const bool ok = n >= 2 && n <= train::kMaxRaceLanes;
    mOk->setEnabled(ok);
    if (n < 2) mNote->setText(tr("Check at least two architectures."));
    else if (!ok) mNote->setText(tr("At most %1 architectures race at once.").arg(train::kMaxRaceLanes));
    else
        mNote->setText(tr("%1 architectures, %2 thread(s) each (of %3). Each epoch takes longer than alone, but they "
                          "learn in front of you side by side.")
                           .arg(n)
                           .arg(train::laneThreads(n, mThreads))
                           .arg(mThreads));
}

}  // namespace motifloom::ui
