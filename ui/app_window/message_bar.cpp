#include "app_window/message_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace motifloom::ui {

MessageBar::MessageBar(QWidget* parent) : QFrame(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    mIcon = new QLabel(this);
    mText = new QLabel(this);
    mText->setWordWrap(true);
    mText->setTextFormat(Qt::RichText);  // every message is HTML (escaped text): "&gt;" shows as ">"
    mText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton(this);
    close->setAutoRaise(true);
    close->setText(QStringLiteral("\u2715"));
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, [this] { hideMessage(); });
    layout->addWidget(mIcon, 0, Qt::AlignTop);
    layout->addWidget(mText, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    setVisible(false);
}

void MessageBar::showMessage(const QString& text, bool error) {
    mText->setText(text);
    const int px = style()->pixelMetric(QStyle::PM_SmallIconSize);
    mIcon->setPixmap(style()
                         ->standardIcon(error ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation)
                         .pixmap(px, px));
    setStyleSheet(error ? QStringLiteral("MessageBar, QFrame { background: #fdecea; border: 1px solid #f1b0aa; "
                                         "border-radius: 4px; } QLabel { color: #7a1010; border: none; }")
                        : QStringLiteral("MessageBar, QFrame { background: #e8f1fb; border: 1px solid #b5d0ee; "
                                         "border-radius: 4px; } QLabel { color: #123a63; border: none; }"));
    setVisible(true);
}

void MessageBar::hideMessage() {
    mText->clear();
    setVisible(false);
}

QString MessageBar::text() const { return isHidden() ? QString() : mText->text(); }

}  // namespace motifloom::ui
