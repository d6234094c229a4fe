#pragma once
// PresentationMode: View > Presentation (F11) for teaching with a projector. Entering it puts
// the main window full screen, hides every dock except the lesson panel (objectName
// "lessonDock", when there is one), and scales fonts, plot lines and logos by the chosen
// factor (100 - 200 %, Ctrl+Plus / Ctrl+Minus / Ctrl+0); "High contrast" swaps in a black-on-
// white palette. A click on a filter (gallery, dashboard) then opens the SingleFilterView
// instead of the alignment dialog. Leaving restores exactly what was there before: window
// state and geometry, dock layout (saveState / restoreState), font and palette.
//
// The scale and the contrast choice are remembered (QSettings) and only apply while
// presenting; the zoom actions are disabled outside presentation mode.

#include "interpret/filter_pwm.h"
#include "motif/motif.h"

#include <QByteArray>
#include <QFont>
#include <QObject>
#include <QPalette>

#include <memory>
#include <string>
#include <vector>

class QAction;
class QMainWindow;
class QMenu;

namespace motifloom::ui {

class SingleFilterView;

class PresentationMode : public QObject {
    Q_OBJECT
public:
    static constexpr int kMinPercent = 100;
    static constexpr int kMaxPercent = 200;
    static constexpr int kStepPercent = 10;

    explicit PresentationMode(QMainWindow* window);
    ~PresentationMode() override;

    // Adds Presentation, the zoom actions and High contrast to `menu` (and to the window, so
    // their keys work while the menu bar is hidden).
    void addActions(QMenu* menu);

    bool isActive() const { return mActive; }
    void setActive(bool on);
    int scalePercent() const { return mPercent; }
    void setScalePercent(int percent);  // clamped; applied at once while presenting
    bool highContrast() const { return mHighContrast; }
    void setHighContrast(bool on);

    // The large single-filter view (presentation mode only; false otherwise, nothing shown).
    bool showFilter(std::shared_ptr<const motif::MotifList> database, const QString& databaseLabel,
                    const interpret::FilterPwmSet& pwms, int index, const std::vector<std::string>& truth,
                    const std::vector<std::string>& truthNames, const QString& context);
    SingleFilterView* singleFilterView() const { return mSingle; }

    QAction* toggleAction() const { return mToggle; }
    QAction* zoomInAction() const { return mZoomIn; }
    QAction* zoomOutAction() const { return mZoomOut; }
    QAction* zoomResetAction() const { return mZoomReset; }
    QAction* highContrastAction() const { return mContrast; }

Q_SIGNALS:
    void activeChanged(bool active);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void finishRestore();
    void enter();
    void leave();
    void applyLook();  // font, palette and contents for the current scale and contrast
    void syncActions();

    QMainWindow* mWindow;
    SingleFilterView* mSingle = nullptr;
    QAction* mToggle = nullptr;
    QAction* mZoomIn = nullptr;
    QAction* mZoomOut = nullptr;
    QAction* mZoomReset = nullptr;
    QAction* mContrast = nullptr;

    bool mActive = false;
    int mPercent = 150;
    bool mHighContrast = false;
    bool mRestorePending = false;  // the dock layout is restored again once the window shrank
    // What leaving restores.
    QByteArray mSavedGeometry;
    QByteArray mSavedState;
    Qt::WindowStates mSavedWindowState;
    QFont mSavedFont;
    QPalette mSavedPalette;
};

}  // namespace motifloom::ui
