// Golden pictures of the logo renderer: a fixed set of figures (single logos of every kind and
// palette, a grid with a highlighted and a never-firing cell, an aligned pair) drawn from the
// motifs in tests/data/motif/ to SVG and compared with tests/data/logo/<name>.svg.
//
// The comparison ignores the document's <title> and <desc> (file name, generator text) and
// compares numbers to 1e-3 (coordinates are written with a few decimals); everything else, tag
// for tag, must be identical. To store new pictures after an intended change of the drawing,
// run the test with MOTIFLOOM_UPDATE_LOGO_GOLDEN=1 and review the diff of tests/data/logo/.
#include "logo/logo_export.h"
#include "logo/logo_grid.h"
#include "logo/logo_painter.h"
#include "logo/logo_pair.h"
#include "logo/logo_style.h"

#include "motif/motif_io.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <functional>
#include <optional>

using namespace motifloom;
using namespace motifloom::ui;

namespace {

const QString kDataDir = QStringLiteral(MOTIFLOOM_TEST_DATA_DIR);

struct Figure {
    QSize size;
    LogoPaintFunction paint;
};

// MA0004.1 Arnt and MA0489.1 JUN (var.2) with the file's A/T-rich background.
struct Motifs {
    motif::MotifList meme;
    motif::Background background{};
    motif::MotifList jaspar;
};

const Motifs& motifs() {
    static const Motifs m = [] {
        Motifs out;
        out.meme = motif::readMeme((kDataDir + "/motif/ugly_suite.meme").toStdString(), &out.background);
        out.jaspar = motif::readJaspar((kDataDir + "/motif/ugly_bracketed.jaspar").toStdString());
        return out;
    }();
    return m;
}

Figure singleLogo(const motif::Motif& m, const LogoStyle& style, double scale = 1.0) {
    const QSizeF size = preferredLogoSize(m.width(), style) * scale;
    return {size.toSize(), [m, style](QPainter& p, const QRectF& r) { paintLogo(p, r, m, style); }};
}

Figure figure(const QString& name) {
    const Motifs& ms = motifs();
    const motif::Motif& arnt = ms.meme.at(0);
    const motif::Motif& jun = ms.meme.at(1);
    LogoStyle style;
    if (name == "bits_classic") {
        style.title = QStringLiteral("MA0004.1 Arnt");
        style.caption = QStringLiteral("20 sites, background of the file");
        style.background = ms.background;
        style.smallSampleCorrection = true;
        return singleLogo(arnt, style);
    }
    if (name == "probability_rc_colorblind") {
        style.kind = LogoKind::Probability;
        style.palette = LogoPalette::ColorBlindSafe;
        style.reverseComplement = true;
        style.title = QStringLiteral("JUN (var.2), reverse complement");
        return singleLogo(jun, style, 2.0);
    }
    if (name == "weight_meme_noaxes") {
        style.kind = LogoKind::Weight;
        style.palette = LogoPalette::Meme;
        style.showAxes = false;
        style.fontPixelSize = 14;
        return singleLogo(ms.jaspar.at(0), style);
    }
    if (name == "grid") {
        std::vector<LogoCell> cells(4);
        cells[0] = {arnt, false, QStringLiteral("filter 1"), QStringLiteral("MA0004.1 Arnt, E = 3.2e-05"), true};
        cells[1] = {jun, false, QStringLiteral("filter 2"), QStringLiteral("MA0489.1 JUN (var.2), E = 0.41"), false};
        cells[2] = {motif::Motif{}, true, QStringLiteral("filter 3"), QString(), false};
        cells[3] = {ms.jaspar.at(1), false, QStringLiteral("filter 4"), QString(), false};
        style.title = QStringLiteral("CNN-25, layer 1");
        style.caption = QStringLiteral("4 filters, 1 matches a planted motif");
        const QSizeF size = preferredLogoGridSize(cells, 2, style);
        return {size.toSize(), [cells, style](QPainter& p, const QRectF& r) { paintLogoGrid(p, r, cells, 2, style); }};
    }
    if (name == "aligned_pair") {
        style.caption = QStringLiteral("p = 1.2e-07, E = 3.4e-05");
        const QSizeF size = preferredAlignedPairSize(jun.width(), arnt.width(), -2, style);
        return {size.toSize(), [jun, arnt, style](QPainter& p, const QRectF& r) {
                    paintAlignedPair(p, r, jun, arnt, -2, true, QStringLiteral("filter 2"),
                                     QStringLiteral("MA0004.1 Arnt"), style);
                }};
    }
    qFatal("unknown figure %s", qPrintable(name));
}

QStringList figureNames() {
    return {"bits_classic", "probability_rc_colorblind", "weight_meme_noaxes", "grid", "aligned_pair"};
}

QString readText(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return {};
    return QString::fromUtf8(file.readAll());
}

// The SVG without what names the file or the generator: <title> and <desc> elements.
QStringList normalisedLines(QString svg) {
    static const QRegularExpression meta(QStringLiteral("<(title|desc)>.*?</\\1>"),
                                         QRegularExpression::DotMatchesEverythingOption);
    svg.replace(meta, QString());
    QStringList lines;
    for (const QString& line : svg.split('\n'))
        if (!line.trimmed().isEmpty()) lines << line.trimmed();
    return lines;
}

// Empty when the two SVG texts show the same picture; otherwise the first difference, with
// its line number in the normalised text.
QString svgDifference(const QString& expected, const QString& actual) {
    static const QRegularExpression number(QStringLiteral("-?\\d+(\\.\\d+)?(e-?\\d+)?"));
    const QStringList a = normalisedLines(expected);
    const QStringList b = normalisedLines(actual);
    for (int i = 0; i < std::min(a.size(), b.size()); ++i) {
        const QString mismatch = QStringLiteral("line %1: expected\n  %2\ngot\n  %3").arg(i + 1).arg(a[i], b[i]);
        QString textA = a[i], textB = b[i];
        std::vector<double> numsA, numsB;
        for (const auto& m : number.globalMatch(a[i])) numsA.push_back(m.captured().toDouble());
        for (const auto& m : number.globalMatch(b[i])) numsB.push_back(m.captured().toDouble());
        textA.replace(number, QStringLiteral("#"));
        textB.replace(number, QStringLiteral("#"));
        if (textA != textB || numsA.size() != numsB.size()) return mismatch;
        for (std::size_t k = 0; k < numsA.size(); ++k)
            if (std::abs(numsA[k] - numsB[k]) > 1e-3) return mismatch;
    }
    if (a.size() != b.size())
        return QStringLiteral("expected %1 lines, got %2").arg(a.size()).arg(b.size());
    return {};
}

}  // namespace

class TestLogoGolden : public QObject {
    Q_OBJECT
private:
    std::optional<QTemporaryDir> mTempDir;

    QString render(const QString& name, const Figure& f) {
        const QString path = mTempDir->filePath(name + ".svg");
        exportLogoImage(path, f.size, f.paint);
        return readText(path);
    }

private Q_SLOTS:
    void initTestCase() {
        mTempDir.emplace();
        QVERIFY(mTempDir->isValid());
        QCOMPARE(motifs().meme.size(), std::size_t(2));
        QCOMPARE(motifs().jaspar.size(), std::size_t(2));
    }

    void samePictures_data() {
        QTest::addColumn<QString>("name");
        for (const QString& name : figureNames()) QTest::newRow(qPrintable(name)) << name;
    }

    void samePictures() {
        QFETCH(QString, name);
        const QString actual = render(name, figure(name));
        QVERIFY(!actual.isEmpty());
        const QString goldenPath = kDataDir + "/logo/" + name + ".svg";
        if (qEnvironmentVariableIntValue("MOTIFLOOM_UPDATE_LOGO_GOLDEN") == 1) {
            QFile out(goldenPath);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(actual.toUtf8());
            qInfo() << "stored" << goldenPath;
        }
        const QString expected = readText(goldenPath);
        QVERIFY2(!expected.isEmpty(), qPrintable("missing golden picture " + goldenPath));
        const QString difference = svgDifference(expected, actual);
        QVERIFY2(difference.isEmpty(), qPrintable(name + ", " + difference));
    }

    // The comparison sees a change of drawing: another palette, a letter moved by 0.01 unit,
    // a changed caption. The file name (in <title>) alone is no change.
    void comparisonCanFail_data() {
        QTest::addColumn<QString>("edit");
        QTest::addColumn<bool>("differs");
        QTest::newRow("fail_other_palette") << "palette" << true;
        QTest::newRow("fail_shifted") << "shift" << true;
        QTest::newRow("fail_caption") << "caption" << true;
        QTest::newRow("other_file_name") << "rename" << false;
    }

    void comparisonCanFail() {
        QFETCH(QString, edit);
        QFETCH(bool, differs);
        const QString expected = readText(kDataDir + "/logo/bits_classic.svg");
        QVERIFY(!expected.isEmpty());
        Figure f = figure("bits_classic");
        const LogoPaintFunction original = f.paint;
        const motif::Motif& arnt = motifs().meme.at(0);
        LogoStyle style;
        style.title = QStringLiteral("MA0004.1 Arnt");
        style.caption = QStringLiteral("20 sites, background of the file");
        style.background = motifs().background;
        style.smallSampleCorrection = true;
        if (edit == "palette") {
            style.palette = LogoPalette::Meme;
            f.paint = [arnt, style](QPainter& p, const QRectF& r) { paintLogo(p, r, arnt, style); };
        } else if (edit == "caption") {
            style.caption = QStringLiteral("21 sites, background of the file");
            f.paint = [arnt, style](QPainter& p, const QRectF& r) { paintLogo(p, r, arnt, style); };
        } else if (edit == "shift") {
            f.paint = [original](QPainter& p, const QRectF& r) {
                p.translate(0.01, 0);
                original(p, r);
            };
        }
        const QString actual = render(edit == "rename" ? QStringLiteral("another_name") : edit, f);
        const QString difference = svgDifference(expected, actual);
        QCOMPARE(!difference.isEmpty(), differs);
        if (differs) QVERIFY2(difference.startsWith("line ") || difference.startsWith("expected "), qPrintable(difference));
    }
};

QTEST_MAIN(TestLogoGolden)
#include "test_logo_golden.moc"
