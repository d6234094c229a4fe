#pragma once
// MainWindow: the desktop lab's top-level window (menus, docks, the views of a session).

#include <QMainWindow>

namespace motifloom::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

private:
    void createMenus();
    void showAbout();
};

}  // namespace motifloom::ui
