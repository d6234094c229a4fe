#include "presentation/presentation_mode.h"

#include "presentation/presentation_style.h"
#include "presentation/single_filter_view.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QScreen>
#include <QSettings>
#include <QTimer>

#include <algorithm>

namespace motifloom::ui {
namespace {

constexpr int kStateVersion = 0x5e57;  // saveState tag of the layout before presenting
const char* kPercentKey = "presentation/scalePercent";
const char* kContrastKey = "presentation/highContrast";
const char* kLessonDock = "lessonDock";
constexpr int kLessonShare = 32;  // per cent of the screen width for the lesson panel

}  // namespace

PresentationMode::PresentationMode(QMainWindow* window) : QObject(window), mWindow(window) {
    mPercent = std::clamp(QSettings().value(kPercentKey, 150).toInt(), kMinPercent, kMaxPercent);
    mHighContrast = QSettings().value(kContrastKey, false).toBool();
    mSingle = new SingleFilterView(window);
    connect(mSingle, &SingleFilterView::closed, this, [this] {
        if (QWidget* w = mWindow->centralWidget()) w->setFocus();
    });

    mToggle = new QAction(tr("&Presentation"), this);
    mToggle->setCheckable(true);
    mToggle->setShortcut(QKeySequence(Qt::Key_F11));
    mToggle->setToolTip(tr("Full screen for a projector: large text, logos and plot lines, side panels hidden "
                           "(F11 again leaves and restores the layout)"));
    mToggle->setStatusTip(mToggle->toolTip());
    connect(mToggle, &QAction::toggled, this, &PresentationMode::setActive);

    auto zoom = [this](const QString& text, const QKeySequence& key, const QString& tip) {
        auto* a = new QAction(text, this);
        a->setShortcut(key);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        a->setStatusTip(tip);
        return a;
    };
    mZoomIn = zoom(tr("&Larger"), QKeySequence(Qt::CTRL | Qt::Key_Plus), tr("Larger text, logos and plot lines"));
    mZoomIn->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Plus), QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    mZoomOut = zoom(tr("&Smaller"), QKeySequence(Qt::CTRL | Qt::Key_Minus), tr("Smaller text, logos and plot lines"));
    mZoomReset = zoom(tr("&Normal size (100 %)"), QKeySequence(Qt::CTRL | Qt::Key_0), tr("Text, logos and lines at 100 %"));
    connect(mZoomIn, &QAction::triggered, this, [this] { setScalePercent(mPercent + kStepPercent); });
    connect(mZoomOut, &QAction::triggered, this, [this] { setScalePercent(mPercent - kStepPercent); });
    connect(mZoomReset, &QAction::triggered, this, [this] { setScalePercent(kMinPercent); });
    mContrast = new QAction(tr("&High contrast"), this);
    mContrast->setCheckable(true);
    mContrast->setChecked(mHighContrast);
    mContrast->setToolTip(tr("Black on white with a dark selection, for projectors that wash out greys "
                             "(in presentation mode)"));
    mContrast->setStatusTip(mContrast->toolTip());
    connect(mContrast, &QAction::toggled, this, &PresentationMode::setHighContrast);
    for (QAction* a : {mToggle, mZoomIn, mZoomOut, mZoomReset, mContrast}) mWindow->addAction(a);
    mWindow->installEventFilter(this);
    syncActions();
}

PresentationMode::~PresentationMode() = default;

void PresentationMode::addActions(QMenu* menu) {
    QMenu* sub = menu->addMenu(tr("Presentation &options"));
    menu->insertAction(sub->menuAction(), mToggle);
    sub->addAction(mZoomIn);
    sub->addAction(mZoomOut);
    sub->addAction(mZoomReset);
    sub->addSeparator();
    sub->addAction(mContrast);
}

void PresentationMode::setActive(bool on) {
    if (on == mActive) return;
    if (on) enter();
    else leave();
    syncActions();
    Q_EMIT activeChanged(mActive);
}

void PresentationMode::enter() {
    mRestorePending = false;
    mSavedGeometry = mWindow->saveGeometry();
    mSavedState = mWindow->saveState(kStateVersion);
    mSavedWindowState = mWindow->windowState();
    mSavedFont = QApplication::font();
    mSavedPalette = QApplication::palette();
    mActive = true;
    QDockWidget* lesson = nullptr;
    for (QDockWidget* dock : mWindow->findChildren<QDockWidget*>()) {
        if (dock->parentWidget() != mWindow) continue;
        if (dock->objectName() == QLatin1String(kLessonDock)) lesson = dock;
        else dock->hide();
    }
    mWindow->showFullScreen();
    applyLook();
    // The lesson's text is what the class reads, in larger type now: give it a third of the
    // screen (the central area keeps two filter galleries side by side). Leaving restores it.
    if (lesson && lesson->isVisible() && !lesson->isFloating()) {
        const int third = (mWindow->screen() ? mWindow->screen()->geometry().width() : mWindow->width()) * kLessonShare / 100;
        if (lesson->width() < third) mWindow->resizeDocks({lesson}, {third}, Qt::Horizontal);
    }
}

void PresentationMode::leave() {
    mActive = false;
    mSingle->hide();
    QApplication::setPalette(mSavedPalette);
    QApplication::setFont(mSavedFont);
    presentation::scaleContents(mWindow, 1.0);
    mWindow->setWindowState(mSavedWindowState);
    mWindow->restoreGeometry(mSavedGeometry);
    mWindow->restoreState(mSavedState, kStateVersion);
    // The window manager leaves full screen asynchronously: dock sizes restored into the
    // full-screen window would be squeezed again when it shrinks. Restore once more after
    // that resize (and after a moment, in case it never comes).
    mRestorePending = true;
    QTimer::singleShot(300, this, [this] { finishRestore(); });
}

void PresentationMode::finishRestore() {
    if (!mRestorePending || mActive) return;
    mRestorePending = false;
    mWindow->restoreState(mSavedState, kStateVersion);
}

bool PresentationMode::eventFilter(QObject* watched, QEvent* event) {
    if (watched == mWindow && event->type() == QEvent::Resize && mRestorePending && !mActive)
        QTimer::singleShot(0, this, [this] { finishRestore(); });
    return QObject::eventFilter(watched, event);
}

void PresentationMode::setScalePercent(int percent) {
    percent = std::clamp(percent, kMinPercent, kMaxPercent);
    if (percent == mPercent) return;
    mPercent = percent;
    QSettings().setValue(kPercentKey, mPercent);
    if (mActive) applyLook();
    syncActions();
}

void PresentationMode::setHighContrast(bool on) {
    if (on == mHighContrast) return;
    mHighContrast = on;
    QSettings().setValue(kContrastKey, on);
    {
        const QSignalBlocker block(mContrast);
        mContrast->setChecked(on);
    }
    if (mActive) applyLook();
}

void PresentationMode::applyLook() {
    const double factor = mPercent / 100.0;
    QApplication::setPalette(mHighContrast ? presentation::highContrastPalette() : mSavedPalette);
    QApplication::setFont(presentation::scaledFont(mSavedFont, factor));
    presentation::scaleContents(mWindow, factor);
}

void PresentationMode::syncActions() {
    {
        const QSignalBlocker block(mToggle);
        mToggle->setChecked(mActive);
    }
    mZoomIn->setEnabled(mActive && mPercent < kMaxPercent);
    mZoomOut->setEnabled(mActive && mPercent > kMinPercent);
    mZoomReset->setEnabled(mActive && mPercent != kMinPercent);
    mZoomIn->setText(mActive ? tr("&Larger (now %1 %)").arg(mPercent) : tr("&Larger"));
}

bool PresentationMode::showFilter(std::shared_ptr<const motif::MotifList> database, const QString& databaseLabel,
                                  const interpret::FilterPwmSet& pwms, int index, const std::vector<std::string>& truth,
                                  const std::vector<std::string>& truthNames, const QString& context) {
    if (!mActive || index < 0 || index >= int(pwms.filters.size())) return false;
    mSingle->showFilters(std::move(database), databaseLabel, pwms, index, truth, truthNames, context);
    return true;
}

}  // namespace motifloom::ui
