// The interface's colour table (ui/widgets/style_colours.h) and the Qt resource file it lives in
// (resources/CMakeLists.txt): the built-in palette is complete and keeps the colours the widgets
// had; another palette file replaces what it names and nothing else; a broken palette file is an
// error naming the file (and line or key) that leaves the current palette alone; the icon and the
// help pages are in the resource file.
#include "widgets/plot_style.h"
#include "widgets/style_colours.h"

#include "data/motif_picker.h"
#include "util/input_error.h"

#include <QFile>
#include <QIcon>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

using namespace motifloom;
using namespace motifloom::ui;

namespace {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size()) qFatal("cannot write %s", qPrintable(path));
    return path;
}

QString loadError(const QString& path) {
    try {
        style::loadPalette(path);
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

}  // namespace

class TestStyleColours : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { style::resetPalette(); }

    void builtInPaletteIsComplete() {
        for (int r = 0; r <= int(style::Role::OnBadge); ++r) {
            const QColor c = style::colour(style::Role(r));
            QVERIFY2(c.isValid() && c.alpha() == 255, qPrintable(QString("role %1").arg(r)));
        }
        // The colours the widgets drew with before the table existed.
        QCOMPARE(style::colourName(style::Role::Failure), QStringLiteral("#b02020"));
        QCOMPARE(style::colourName(style::Role::Success), QStringLiteral("#2e7d32"));
        QCOMPARE(plot::seriesColor(0), QColor("#1f77b4"));
        QCOMPARE(plot::seriesColor(10), plot::seriesColor(0));  // ten series, then again
        QCOMPARE(plot::seriesColor(-1), QColor("#17becf"));
        QCOMPARE(classColour(11), QColor("#ad494a"));           // twelve motif classes
        QCOMPARE(classColour(12), classColour(0));
    }

    void anotherPaletteReplacesWhatItNames() {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "contrast.json",
                                       "{\"roles\": {\"failure\": \"#ff0000\"}, \"series\": [\"#000000\", \"#ffffff\"]}");
        style::loadPalette(path);
        QCOMPARE(style::colour(style::Role::Failure), QColor("#ff0000"));
        QCOMPARE(plot::seriesColor(1), QColor("#ffffff"));
        QCOMPARE(plot::seriesColor(2), QColor("#000000"));
        QCOMPARE(style::colourName(style::Role::Success), QStringLiteral("#2e7d32"));  // not named: kept
        QCOMPARE(classColour(11), QColor("#ad494a"));
        style::resetPalette();
        QCOMPARE(style::colour(style::Role::Failure), QColor("#b02020"));
    }

    void fail_brokenPalette_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QByteArray("{\n  \"roles\": {\n    \"failure\": #ff0000\n  }\n}")
                                  << "bad.json line 3: not valid JSON";
        QTest::newRow("a name") << QByteArray("{\"roles\": {\"failure\": \"red\"}}")
                                << "bad.json: roles.failure: not a colour \"#rrggbb\"";
        QTest::newRow("short") << QByteArray("{\"series\": [\"#123456\", \"#12345\"]}")
                               << "bad.json: series[1]: not a colour \"#rrggbb\"";
        QTest::newRow("empty list") << QByteArray("{\"motifClasses\": []}")
                                    << "bad.json: motifClasses: a non-empty list of colours expected";
    }
    void fail_brokenPalette() {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = writeFile(dir, "bad.json", text);
        const QString error = loadError(path);
        QVERIFY2(error.startsWith(dir.path() + "/" + message), qPrintable(error));
        QCOMPARE(style::colour(style::Role::Failure), QColor("#b02020"));  // unchanged
        QCOMPARE(plot::seriesColor(1), QColor("#ff7f0e"));
    }

    void fail_missingPalette() {
        const QString error = loadError("/nonexistent/palette.json");
        QVERIFY2(error.startsWith("/nonexistent/palette.json: cannot open the palette"), qPrintable(error));
    }

    void resourceFileHoldsIconAndHelp() {
        for (int size : {16, 32, 48, 64, 128, 256}) {
            const QImage image(QString(":/motifloom/icons/hicolor/%1x%1/motifloom.png").arg(size));
            QCOMPARE(image.size(), QSize(size, size));
        }
        QVERIFY(QFile::exists(":/motifloom/icons/motifloom.svg"));
        for (const char* page : {"concepts", "about"}) {
            QFile f(QString(":/motifloom/help/%1.html").arg(page));
            QVERIFY2(f.open(QIODevice::ReadOnly), page);
            QVERIFY(f.readAll().contains("MotifLoom"));
        }
    }
};

QTEST_MAIN(TestStyleColours)
#include "test_style_colours.moc"
