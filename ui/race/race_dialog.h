#pragma once
// RaceDialog: Run → Race…: pick 2-4 architectures to train at the same time on the same data
// with the same settings (the paper's presets and the editor's current architecture). CNN-2 and
// CNN-25 are checked at first: the paper's headline contrast. OK is enabled for 2-4 picks.

#include <QDialog>
#include <QStringList>

class QLabel;
class QListWidget;
class QPushButton;

namespace motifloom::ui {

class RaceDialog : public QDialog {
    Q_OBJECT
public:
    // `currentName`: the editor's architecture, offered as "current"; `threads`: the thread
    // budget split between the racers (shown to the user).
    RaceDialog(QWidget* parent, const QString& currentName, int threads);

    // The picks in list order: preset names, and "current" for the editor's architecture.
    QStringList architectures() const;
    // Checks exactly these (preset names or "current"); others are unchecked.
    void setArchitectures(const QStringList& names);

private:
    void updateState();

    QListWidget* mList = nullptr;
    QLabel* mNote = nullptr;
    QPushButton* mOk = nullptr;
    int mThreads = 1;
};

}  // namespace motifloom::ui
