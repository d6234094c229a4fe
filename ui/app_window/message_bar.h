#pragma once
// MessageBar: the strip above the main window's tabs that shows errors and notes. Errors the
// user can fix never open a modal dialog; the text stays until closed or replaced. Rich text
// (callers escape what they quote).

#include <QFrame>
#include <QString>

class QLabel;

namespace motifloom::ui {

class MessageBar : public QFrame {
public:
    explicit MessageBar(QWidget* parent);
    void showMessage(const QString& text, bool error);
    void hideMessage();
    QString text() const;  // "" when hidden

private:
    QLabel* mIcon = nullptr;
    QLabel* mText = nullptr;
};

}  // namespace motifloom::ui
