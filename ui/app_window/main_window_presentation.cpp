// MainWindow: View > Presentation (see presentation/presentation_mode.h). The mode itself lives
// in ui/presentation/; here it is only given its menu place.
#include "app_window/main_window.h"

#include "presentation/presentation_mode.h"

#include <QMenu>

namespace motifloom::ui {

void MainWindow::setupPresentation() {
    mPresentation = new PresentationMode(this);
    mViewMenu->addSeparator();
    mPresentation->addActions(mViewMenu);
}

}  // namespace motifloom::ui
