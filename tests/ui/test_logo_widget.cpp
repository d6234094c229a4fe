// Tests of LogoWidget (ui/widgets/logo_widget.h): size hint, painted letters, the column under
// the mouse, the "never fires" placeholder, clicks.
#include "logo/logo_painter.h"
#include "widgets/logo_widget.h"

#include "logo/logo_samples.h"

#include <QImage>
#include <QSignalSpy>
#include <QtTest>

using namespace motifloom;
using namespace motifloom::ui;
using namespace motifloom::logo_test;

class TestLogoWidget : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void widget() {
        LogoWidget w;
        w.setMotif(jasparSamples()[0]);
        const QSize hint = w.sizeHint();
        QVERIFY(hint.width() > 19 * 20 && hint.height() > 100);
        w.resize(hint);
        const QImage shot = w.grab().toImage();
        QVERIFY(saturatedPixels(shot, shot.rect()) > 500);
        const LogoGeometry g = logoGeometry(QRectF(w.rect()), w.motif(), w.logoStyle());
        QCOMPARE(w.columnAt(QPointF(g.columnLeft(4) + 2, g.plot.center().y())), 4);
        QCOMPARE(w.columnAt(QPointF(1, 1)), -1);

        w.setNeverFires();
        QVERIFY(w.neverFires());
        const QImage silent = w.grab().toImage();
        QCOMPARE(saturatedPixels(silent, silent.rect()), 0);
        QCOMPARE(w.columnAt(QPointF(w.width() / 2.0, w.height() / 2.0)), -1);

        QSignalSpy spy(&w, &LogoWidget::clicked);
        QTest::mouseClick(&w, Qt::LeftButton, {}, QPoint(10, 10));
        QCOMPARE(spy.count(), 1);
    }
};

QTEST_MAIN(TestLogoWidget)
#include "test_logo_widget.moc"
