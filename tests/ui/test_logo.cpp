// Tests for the sequence-logo renderer (ui/logo_*): stack layout against hand-computed
// information content, palettes, exact letter heights in pixels, PNG/SVG/PDF export, grids,
// aligned pairs and the widget. Set MOTIFLOOM_LOGO_SAMPLE_DIR to keep the sample figures.
#include "logo/logo_export.h"
#include "logo/logo_glyphs.h"
#include "logo/logo_grid.h"
#include "logo/logo_layout.h"
#include "logo/logo_painter.h"
#include "logo/logo_pair.h"
#include "logo/logo_palette.h"
#include "logo/logo_style.h"
#include "widgets/logo_widget.h"

#include "motif/motif_math.h"
#include "util/input_error.h"
#include "util/rng.h"

#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <optional>

using namespace motifloom;
using namespace motifloom::ui;

Q_DECLARE_METATYPE(motifloom::ui::LogoKind)

namespace {

constexpr double kTol = 1e-6;

motif::Motif motifFromColumns(const std::vector<std::array<double, 4>>& columns, double nsites = 0) {
    motif::Motif m;
    m.id = "test";
    m.name = "test";
    m.nsites = nsites;
    m.probs.resize(4, Eigen::Index(columns.size()));
    for (std::size_t c = 0; c < columns.size(); ++c)
        for (int b = 0; b < 4; ++b) m.probs(b, Eigen::Index(c)) = columns[c][std::size_t(b)];
    return m;
}

motif::Motif oneColumn(double a, double c, double g, double t, double nsites = 0) {
    return motifFromColumns({{a, c, g, t}}, nsites);
}

// Numbers from text. Test tables spell columns as strings: GCC 12.2 with AVX-512 (-march=native
// on an AVX-512 host) miscompiles the literal QVector<double>{.5, .5, 0, 0} into {.5, .5, .5, .5}
// (a wrong vpbroadcastq), which would corrupt the table rather than test the code.
QVector<double> nums(const char* text) {
    QVector<double> out;
    for (const QString& t : QString::fromLatin1(text).split(' ', Qt::SkipEmptyParts)) out.push_back(t.toDouble());
    return out;
}

// Letter boxes of one column, bottom to top.
std::vector<LetterBox> columnBoxes(const std::vector<LetterBox>& layout, int column) {
    std::vector<LetterBox> out;
    for (const LetterBox& b : layout)
        if (b.column == column) out.push_back(b);
    return out;
}

double heightOf(const std::vector<LetterBox>& column, int letter) {
    for (const LetterBox& b : column)
        if (b.letter == letter) return b.height();
    return std::nan("");
}

QString letterOrder(const std::vector<LetterBox>& column) {
    QString s;
    for (const LetterBox& b : column) s += QChar::fromLatin1("ACGT"[b.letter]);
    return s;
}

// A few JASPAR CORE vertebrate matrices (counts as in pfm_vertebrates.txt).
motif::Motif jaspar(const char* id, const char* name, const std::vector<std::vector<double>>& rows) {
    motif::Matrix4 counts(4, Eigen::Index(rows[0].size()));
    for (int b = 0; b < 4; ++b)
        for (std::size_t c = 0; c < rows[0].size(); ++c) counts(b, Eigen::Index(c)) = rows[std::size_t(b)][c];
    return motif::fromCounts(id, name, counts);
}

std::vector<motif::Motif> jasparSamples() {
    return {
        jaspar("MA0139.1", "CTCF",
               {{87, 167, 281, 56, 8, 744, 40, 107, 851, 5, 333, 54, 12, 56, 104, 372, 82, 117, 402},
                {291, 145, 49, 800, 903, 13, 528, 433, 11, 0, 3, 12, 0, 8, 733, 13, 482, 322, 181},
                {76, 414, 449, 21, 0, 65, 334, 48, 32, 903, 566, 504, 890, 775, 5, 507, 307, 73, 266},
                {459, 187, 134, 36, 2, 91, 11, 324, 18, 3, 9, 341, 8, 71, 67, 17, 37, 396, 59}}),
        jaspar("MA0079.3", "SP1",
               {{857, 0, 99, 0, 0, 1359, 0, 0, 0, 1054, 652},
                {1786, 6215, 6703, 8734, 8661, 0, 8734, 8734, 6679, 6357, 4969},
                {4271, 642, 0, 0, 0, 4624, 0, 0, 0, 0, 734},
                {1820, 1877, 1932, 0, 73, 2751, 0, 0, 2055, 1323, 2379}}),
        jaspar("MA0035.3", "Gata1",
               {{2035, 506, 0, 0, 0, 17955, 0, 0, 2166, 2502, 1886},
                {4321, 6406, 14869, 697, 0, 0, 0, 17955, 0, 6166, 5072},
                {2530, 2792, 437, 0, 0, 0, 0, 0, 0, 6687, 1598},
                {9069, 8251, 2649, 17258, 17955, 0, 17955, 0, 15789, 2600, 9399}}),
        jaspar("MA0102.3", "CEBPA",
               {{10351, 0, 0, 705, 0, 11956, 2660, 12226, 15318, 0, 5804},
                {1332, 0, 0, 0, 15318, 1274, 7654, 3092, 0, 5688, 4963},
                {3635, 0, 0, 11304, 0, 1066, 0, 0, 0, 1804, 890},
                {0, 15318, 15318, 3309, 0, 1022, 5004, 0, 0, 7826, 3661}}),
        jaspar("MA0108.2", "TBP",
               {{61, 16, 352, 3, 354, 268, 360, 222, 155, 56, 83, 82, 82, 68, 77},
                {145, 46, 0, 10, 0, 0, 3, 2, 44, 135, 147, 127, 118, 107, 101},
                {152, 18, 2, 2, 5, 0, 20, 44, 157, 150, 128, 128, 128, 139, 140},
                {31, 309, 35, 374, 30, 121, 6, 121, 33, 48, 31, 52, 61, 75, 71}}),
    };
}

QImage renderImage(QSize size, const LogoPaintFunction& paint) {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    paint(p, QRectF(0, 0, size.width(), size.height()));
    p.end();
    return image;
}

bool isSaturated(QRgb c) {
    const int hi = std::max({qRed(c), qGreen(c), qBlue(c)});
    const int lo = std::min({qRed(c), qGreen(c), qBlue(c)});
    return hi - lo > 60;
}

int saturatedPixels(const QImage& image, const QRect& area) {
    int n = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x) n += isSaturated(image.pixel(x, y));
    return n;
}

}  // namespace

class TestLogo : public QObject {
    Q_OBJECT
private:
    std::optional<QTemporaryDir> mTempDir;
    QString mSampleDir;

    QString samplePath(const QString& name) const { return mSampleDir + "/" + name; }

private Q_SLOTS:
    void initTestCase() {
        mSampleDir = qEnvironmentVariable("MOTIFLOOM_LOGO_SAMPLE_DIR");
        if (mSampleDir.isEmpty()) {
            mTempDir.emplace();
            QVERIFY(mTempDir->isValid());
            mSampleDir = mTempDir->path();
        } else {
            QVERIFY(QDir().mkpath(mSampleDir));
        }
        qInfo() << "logo samples in" << mSampleDir;
    }

    // ---- layout: hand-computed information content ----
    void bitsHeights_data() {
        QTest::addColumn<QVector<double>>("column");
        QTest::addColumn<QVector<double>>("expected");  // heights A,C,G,T in bits
        QTest::addColumn<QString>("order");              // bottom to top
        QTest::newRow("certain A: 2 bits") << nums("1 0 0 0") << nums("2 0 0 0") << "CGTA";
        QTest::newRow("A or C: 1 bit split") << nums(".5 .5 0 0") << nums(".5 .5 0 0") << "GTAC";
        QTest::newRow("uniform: 0 bits") << nums(".25 .25 .25 .25") << nums("0 0 0 0") << "ACGT";
        // H = -(0.7 log2 0.7 + 3 x 0.1 log2 0.1) = 1.35678; IC = 0.64322
        QTest::newRow("A 0.7: 0.643 bits")
            << nums(".7 .1 .1 .1") << nums("0.4502542454 0.0643220351 0.0643220351 0.0643220351")
            << "CGTA";
        QTest::newRow("ascending stacks smallest first")
            << nums(".4 .3 .2 .1") << QVector<double>{} << "TGCA";
        QTest::newRow("counts not normalised: rescaled") << nums("3 1 0 0") << QVector<double>{}
                                                         << "GTCA";
    }
    void bitsHeights() {
        QFETCH(QVector<double>, column);
        QFETCH(QVector<double>, expected);
        QFETCH(QString, order);
        const auto layout = logoLayout(oneColumn(column[0], column[1], column[2], column[3]), LogoStyle{});
        QCOMPARE(int(layout.size()), 4);
        QCOMPARE(letterOrder(layout), order);
        for (int b = 0; b < 4 && !expected.isEmpty(); ++b) QVERIFY2(std::abs(heightOf(layout, b) - expected[b]) < kTol, qPrintable(QString("letter %1").arg(b)));
        double base = 0;
        for (const LetterBox& box : layout) {  // contiguous stack from 0
            QVERIFY(std::abs(box.bottom - base) < kTol);
            base = box.top;
        }
    }

    void bitsColumnTotalMatchesMotifMath() {
        const motif::Motif m = jasparSamples()[0];
        const auto layout = logoLayout(m, LogoStyle{});
        for (int c = 0; c < m.width(); ++c) {
            const auto col = columnBoxes(layout, c);
            QVERIFY(std::abs(col.back().top - motif::columnInformation(m, c)) < 1e-9);
        }
    }

    void smallSampleCorrection_data() {
        QTest::addColumn<QVector<double>>("column");
        QTest::addColumn<double>("nsites");
        QTest::addColumn<QVector<double>>("expected");
        // e_10 = 3 / (2 ln2 x 10) = 0.2164042561
        QTest::newRow("A, n=10") << nums("1 0 0 0") << 10.0 << nums("1.7835957439 0 0 0");
        QTest::newRow("A or C, n=10") << nums(".5 .5 0 0") << 10.0
                                      << nums("0.3917978719 0.3917978719 0 0");
        QTest::newRow("clamped at 0") << nums(".3 .25 .25 .2") << 10.0 << nums("0 0 0 0");
        QTest::newRow("nsites unknown: no correction") << nums("1 0 0 0") << 0.0 << nums("2 0 0 0");
    }
    void smallSampleCorrection() {
        QFETCH(QVector<double>, column);
        QFETCH(double, nsites);
        QFETCH(QVector<double>, expected);
        QVERIFY(std::abs(ui::smallSampleCorrection(10) - 0.2164042561) < 1e-9);
        QCOMPARE(ui::smallSampleCorrection(0), 0.0);
        LogoStyle style;
        style.smallSampleCorrection = true;
        const auto layout = logoLayout(oneColumn(column[0], column[1], column[2], column[3], nsites), style);
        for (int b = 0; b < 4; ++b)
            QVERIFY2(std::abs(heightOf(layout, b) - expected[b]) < 1e-8,
                     qPrintable(QString("letter %1: %2 vs %3").arg(b).arg(heightOf(layout, b), 0, 'g', 12).arg(expected[b], 0, 'g', 12)));
        style.smallSampleCorrection = false;  // off: the plain information
        const auto plain = logoLayout(oneColumn(column[0], column[1], column[2], column[3], nsites), style);
        QVERIFY(plain.back().top >= layout.back().top);
    }

    void probabilityHeights() {
        LogoStyle style;
        style.kind = LogoKind::Probability;
        const auto layout = logoLayout(oneColumn(.1, .2, .3, .4), style);
        QCOMPARE(letterOrder(layout), QString("ACGT"));
        for (int b = 0; b < 4; ++b) QVERIFY(std::abs(heightOf(layout, b) - 0.1 * (b + 1)) < kTol);
        QVERIFY(std::abs(layout.back().top - 1.0) < kTol);
        QCOMPARE(logoYRange(layout, style).max, 1.0);
    }

    void weightStacks() {
        LogoStyle style;
        style.kind = LogoKind::Weight;  // pseudocount 0.1, n = 20:
        // A, C: log2(((0.5 x 20 + 0.025) / 20.1) / 0.25) = 0.9964067353
        // G, T: log2((0.025 / 20.1) / 0.25) = -7.6510516912
        const auto layout = logoLayout(oneColumn(.5, .5, 0, 0, 20), style);
        QCOMPARE(letterOrder(layout), QString("GTAC"));
        const double pos = 0.9964067353, neg = -7.6510516912;
        QVERIFY(std::abs(layout[0].bottom - 2 * neg) < 1e-8);  // G furthest below the axis
        QVERIFY(std::abs(layout[0].top - neg) < 1e-8);
        QVERIFY(std::abs(layout[1].bottom - neg) < 1e-8);
        QVERIFY(std::abs(layout[1].top) < 1e-8);             // T touches the axis
        QVERIFY(std::abs(layout[2].bottom) < 1e-8);          // A starts at the axis
        QVERIFY(std::abs(layout[2].top - pos) < 1e-8);
        QVERIFY(std::abs(layout[3].top - 2 * pos) < 1e-8);
        const LogoRange r = logoYRange(layout, style);
        QCOMPARE(r.min, -16.0);
        QCOMPARE(r.max, 2.0);

        // Largest magnitude furthest from the axis on both sides.
        const auto mixed = logoLayout(oneColumn(.6, .3, .08, .02, 100), style);
        QCOMPARE(letterOrder(mixed), QString("TGCA"));
        QVERIFY(mixed[0].bottom < mixed[1].bottom && mixed[1].top <= 1e-12);
        QVERIFY(heightOf(mixed, 3) > heightOf(mixed, 2));  // T more negative than G
    }

    void reverseComplement() {
        // Forward: col 1 = A, col 2 = G/T. Reverse complement: col 1 = A/C, col 2 = T.
        LogoStyle style;
        style.reverseComplement = true;
        const auto layout = logoLayout(motifFromColumns({{1, 0, 0, 0}, {0, 0, .5, .5}}), style);
        const auto c0 = columnBoxes(layout, 0), c1 = columnBoxes(layout, 1);
        QVERIFY(std::abs(heightOf(c0, 0) - 0.5) < kTol && std::abs(heightOf(c0, 1) - 0.5) < kTol);
        QVERIFY(std::abs(heightOf(c1, 3) - 2.0) < kTol);
        QCOMPARE(letterOrder(c1).back(), QChar('T'));
    }

    void emptyMotifs() {
        QVERIFY(isEmptyMotif(motif::Motif{}));
        QVERIFY(isEmptyMotif(motifFromColumns({{0, 0, 0, 0}, {0, 0, 0, 0}})));
        QVERIFY(isEmptyMotif(motifFromColumns({{NAN, NAN, NAN, NAN}})));
        QVERIFY(logoLayout(motif::Motif{}, LogoStyle{}).empty());
        // One uncovered column inside a real motif is drawn empty, the rest as usual.
        const auto m = motifFromColumns({{1, 0, 0, 0}, {0, 0, 0, 0}, {NAN, 0, 0, 0}});
        QVERIFY(!isEmptyMotif(m));
        for (LogoKind kind : {LogoKind::Bits, LogoKind::Probability, LogoKind::Weight}) {
            LogoStyle style;
            style.kind = kind;
            const auto layout = logoLayout(m, style);
            for (int c : {1, 2})
                for (const LetterBox& b : columnBoxes(layout, c)) QCOMPARE(b.height(), 0.0);
            QVERIFY(columnBoxes(layout, 0).back().top > 0.9);
        }
    }

    void yRanges() {
        LogoStyle style;
        QCOMPARE(logoYRange({}, style).max, 2.0);
        style.background = {0.3, 0.2, 0.2, 0.3};
        QVERIFY(std::abs(logoYRange({}, style).max - std::log2(5.0)) < 1e-12);
        style.yMin = -1;
        style.yMax = 3;
        QCOMPARE(logoYRange({}, style).min, -1.0);
        QCOMPARE(logoYRange({}, style).max, 3.0);
        // Non-uniform background: column height = sum p log2(p / bg).
        LogoStyle gc;
        gc.background = {0.3, 0.2, 0.2, 0.3};
        const auto layout = logoLayout(oneColumn(0, 1, 0, 0), gc);
        QVERIFY(std::abs(layout.back().top - std::log2(5.0)) < 1e-12);
    }

    void names() {
        for (const QString& n : paletteNames()) QCOMPARE(paletteName(*paletteFromName(n.toUpper())), n);
        QVERIFY(!paletteFromName("rainbow"));
        for (const QString& n : logoKindNames()) QCOMPARE(logoKindName(*logoKindFromName(n)), n);
        QVERIFY(!logoKindFromName("entropy"));
    }

    void glyphsFillUnitSquare() {
        for (int b = 0; b < 4; ++b) {
            const QRectF r = unitGlyph(b).boundingRect();
            QVERIFY(std::abs(r.left()) < 1e-9 && std::abs(r.top()) < 1e-9);
            QVERIFY(std::abs(r.width() - 1) < 1e-9 && std::abs(r.height() - 1) < 1e-9);
            const QRectF box(10, 20, 30, 77);
            const QRectF placed = glyphInBox(b, box).boundingRect();
            QVERIFY(std::abs(placed.top() - 20) < 1e-6 && std::abs(placed.bottom() - 97) < 1e-6);
        }
    }

    // ---- painting ----
    void letterInkMatchesBoxHeight() {
        // A 2-bit A over a 0..2 axis: its ink spans exactly the plot height.
        const motif::Motif m = oneColumn(1, 0, 0, 0);
        const QSize size(300, 400);
        const QImage image = renderImage(size, [&](QPainter& p, const QRectF& r) { paintLogo(p, r, m, LogoStyle{}); });
        const LogoGeometry g = logoGeometry(QRectF(0, 0, size.width(), size.height()), m, LogoStyle{});
        const int x = int(g.columnLeft(0) + 0.1 * g.slotWidth());  // the left leg of the A
        int bottom = -1;
        for (int y = 0; y < size.height(); ++y)
            if (isSaturated(image.pixel(x, y))) bottom = y;
        QVERIFY2(std::abs(bottom + 1 - g.yOf(0.0)) < 1.5, qPrintable(QString("bottom %1 vs %2").arg(bottom).arg(g.yOf(0.0))));
        // Overall ink of the column: exactly the plot's top to bottom (the apex of the A).
        int inkTop = size.height();
        for (int y = 0; y < size.height(); ++y)
            for (int xx = int(g.columnLeft(0)); xx < int(g.columnLeft(0) + g.slotWidth()); ++xx)
                if (isSaturated(image.pixel(xx, y))) inkTop = std::min(inkTop, y);
        QVERIFY2(std::abs(inkTop - g.yOf(2.0)) < 1.5, qPrintable(QString("apex %1 vs %2").arg(inkTop).arg(g.yOf(2.0))));
    }

    void paletteColourInPng_data() {
        QTest::addColumn<int>("palette");
        QTest::addColumn<QString>("dominant");  // channel that must dominate at a big A
        QTest::newRow("classic: A green") << int(LogoPalette::Classic) << "green";
        QTest::newRow("meme: A red") << int(LogoPalette::Meme) << "red";
        QTest::newRow("colorblind: A bluish green") << int(LogoPalette::ColorBlindSafe) << "green";
    }
    void paletteColourInPng() {
        QFETCH(int, palette);
        QFETCH(QString, dominant);
        LogoStyle style;
        style.palette = LogoPalette(palette);
        const motif::Motif m = oneColumn(1, 0, 0, 0);
        const QString path = samplePath(QString("big_A_%1.png").arg(paletteName(style.palette)));
        const QSize size(240, 320);
        exportLogoImage(path, size, [&](QPainter& p, const QRectF& r) { paintLogo(p, r, m, style); });
        QImage image(path);
        QCOMPARE(image.size(), size);
        const LogoGeometry g = logoGeometry(QRectF(0, 0, size.width(), size.height()), m, style);
        // Bottom of the left leg of the A, well inside the ink.
        const QColor c = image.pixelColor(int(g.columnLeft(0) + 0.12 * g.slotWidth()), int(g.yOf(0.1)));
        if (dominant == "green")
            QVERIFY2(c.green() > c.red() + 80 && c.green() > 100, qPrintable(c.name()));
        else
            QVERIFY2(c.red() > c.green() + 80 && c.red() > c.blue() + 80, qPrintable(c.name()));
        QCOMPARE(c.rgb(), letterColour(style.palette, 0).rgb());
    }

    void exportFormats_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<double>("ratio");
        QTest::newRow("png") << "logo.png" << 1.0;
        QTest::newRow("png at 2x") << "logo@2x.png" << 2.0;
        QTest::newRow("svg") << "logo.svg" << 1.0;
        QTest::newRow("pdf") << "logo.PDF" << 1.0;
    }
    void exportFormats() {
        QFETCH(QString, file);
        QFETCH(double, ratio);
        const motif::Motif m = jasparSamples()[1];
        LogoStyle style;
        style.title = "MA0079.3 SP1";
        const QSize size(420, 210);
        const QString path = samplePath(file);
        QFile::remove(path);
        ImageExportOptions options;
        options.pixelRatio = ratio;
        exportLogoImage(path, size, [&](QPainter& p, const QRectF& r) { paintLogo(p, r, m, style); }, options);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.size() > 1000);
        const QString suffix = QFileInfo(path).suffix().toLower();
        if (suffix == "png") {
            QImage image(path);
            QCOMPARE(image.size(), size * ratio);
            QCOMPARE(image.pixelColor(0, 0), QColor(Qt::white));
            QVERIFY(saturatedPixels(image, image.rect()) > 500 * ratio * ratio);
        } else if (suffix == "svg") {
            QSvgRenderer svg(path);
            QVERIFY(svg.isValid());
            QCOMPARE(svg.viewBoxF(), QRectF(0, 0, 420, 210));
            // Document size: width x height CSS pixels (96 dpi), written in mm.
            const QRegularExpression dims(R"re(<svg\s+width="([\d.]+)mm"\s+height="([\d.]+)mm")re");
            const auto d = dims.match(QString::fromUtf8(bytes));
            QVERIFY(d.hasMatch());
            QVERIFY(std::abs(d.captured(1).toDouble() * 96 / 25.4 - 420) < 0.5);
            QVERIFY(std::abs(d.captured(2).toDouble() * 96 / 25.4 - 210) < 0.5);
            // Letters are outlines, not text: one <path> per visible letter at least.
            QVERIFY(bytes.count("<path") >= m.width());
        } else {
            QVERIFY(bytes.startsWith("%PDF-"));
            const QRegularExpression mediaBox(R"(/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\])");
            const auto match = mediaBox.match(QString::fromLatin1(bytes));
            QVERIFY(match.hasMatch());
            QCOMPARE(match.captured(1).toDouble(), 0.0);
            QCOMPARE(match.captured(2).toDouble(), 0.0);
            QVERIFY(std::abs(match.captured(3).toDouble() - 420) < 0.5);
            QVERIFY(std::abs(match.captured(4).toDouble() - 210) < 0.5);
        }
    }

    void transparentPng() {
        const QString path = samplePath("transparent.png");
        ImageExportOptions options;
        options.background = ImageBackground::Transparent;
        exportLogoImage(path, QSize(200, 120),
                        [&](QPainter& p, const QRectF& r) { paintLogo(p, r, oneColumn(1, 0, 0, 0), LogoStyle{}); }, options);
        const QImage image(path);
        QVERIFY(image.hasAlphaChannel());
        QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
    }

    void exportErrors_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("message");
        QTest::newRow("fail_unknown_extension") << "logo.bmp" << QSize(100, 50) << "unknown image format '.bmp'";
        QTest::newRow("fail_no_extension") << "logo" << QSize(100, 50) << "unknown image format 'no extension'";
        QTest::newRow("fail_empty_size") << "logo.png" << QSize(0, 50) << "is empty";
        QTest::newRow("fail_missing_folder_png") << "no/such/dir/logo.png" << QSize(100, 50) << "cannot write image";
        QTest::newRow("fail_missing_folder_svg") << "no/such/dir/logo.svg" << QSize(100, 50) << "cannot write image";
        QTest::newRow("fail_missing_folder_pdf") << "no/such/dir/logo.pdf" << QSize(100, 50) << "cannot write image";
    }
    void exportErrors() {
        QFETCH(QString, file);
        QFETCH(QSize, size);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(file);
        try {
            exportLogoImage(path, size, [](QPainter&, const QRectF&) {});
            QFAIL("expected InputError");
        } catch (const InputError& e) {
            QCOMPARE(QString::fromStdString(e.file()), path);
            QVERIFY2(QString::fromStdString(e.message()).contains(message), e.what());
        }
        QVERIFY(!QFile::exists(path));
    }

    void failedExportKeepsOldFile_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("png") << "keep.png";
        QTest::newRow("svg") << "keep.svg";
        QTest::newRow("pdf") << "keep.pdf";
    }
    void failedExportKeepsOldFile() {
        QFETCH(QString, file);
        QTemporaryDir dir;
        const QString path = dir.filePath(file);
        {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("previous figure");
        }
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 exportLogoImage(path, QSize(100, 80), [](QPainter&, const QRectF&) {
                                     throw std::runtime_error("interrupted");
                                 }));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("previous figure"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);  // no temp file left
    }

    void neverFiresPlaceholder() {
        // The placeholder is grey, labelled and carries no letter colours.
        LogoStyle style;
        style.title = "filter 12";
        const QSize size(300, 200);
        const QImage empty = renderImage(size, [&](QPainter& p, const QRectF& r) { paintLogo(p, r, motif::Motif{}, style); });
        QCOMPARE(saturatedPixels(empty, empty.rect()), 0);
        int dark = 0;
        for (int y = 0; y < size.height(); ++y)
            for (int x = 0; x < size.width(); ++x) dark += qGray(empty.pixel(x, y)) < 200;
        QVERIFY(dark > 50);  // title and label drawn
    }

    void grid30() {
        // 30 filters: noisy copies of JASPAR motifs, some reverse, some clipped, some silent.
        const auto base = jasparSamples();
        Rng rng(2019);
        std::vector<LogoCell> cells;
        for (int i = 0; i < 30; ++i) {
            LogoCell cell;
            cell.title = QString("filter %1").arg(i + 1);
            if (i % 11 == 5) {
                cell.neverFires = true;
                cells.push_back(cell);
                continue;
            }
            motif::Motif m = base[std::size_t(i) % base.size()];
            if (i % 3 == 1) m = motif::reverseComplement(m);
            const double noise = 0.05 + 0.35 * rng.uniform();
            for (int c = 0; c < m.width(); ++c) {
                double sum = 0;
                for (int b = 0; b < 4; ++b) sum += m.probs(b, c) = (1 - noise) * m.probs(b, c) + noise * rng.uniform();
                m.probs.col(c) /= sum;
            }
            if (i % 4 == 0) m = motif::clipByInformation(m);
            cell.motif = m;
            cell.highlight = i % 5 == 0;
            cell.caption = cell.highlight ? QString("%1 %2, E = %3")
                                                .arg(QString::fromStdString(m.id), QString::fromStdString(m.name))
                                                .arg(1e-6 * (i + 1), 0, 'g', 2)
                                          : QString();
            cells.push_back(cell);
        }
        LogoStyle style;
        style.title = "First-layer filters (30)";
        const int columns = 5;
        const QSizeF preferred = preferredLogoGridSize(cells, columns, style);
        QVERIFY(preferred.width() > 5 * 19 * 20 && preferred.height() > 6 * 120);
        const QSize size = (preferred * 1.25).toSize();
        const QString path = samplePath("grid30.png");
        exportLogoImage(path, size, [&](QPainter& p, const QRectF& r) { paintLogoGrid(p, r, cells, columns, style); });
        const QImage image(path);
        QCOMPARE(image.size(), size);
        // Every drawn cell has coloured letters; silent cells have none.
        const double titleH = size.height() * 2.4 / (preferred.height() / kDefaultLogoFontSize);
        const double cellW = size.width() / double(columns), cellH = (size.height() - titleH) / 6.0;
        for (int i = 0; i < 30; ++i) {
            const QRect cellRect(int((i % columns) * cellW) + 4, int(titleH + (i / columns) * cellH) + 4,
                                 int(cellW) - 8, int(cellH) - 8);
            const int ink = saturatedPixels(image, cellRect);
            if (cells[std::size_t(i)].neverFires)
                QVERIFY2(ink < 5, qPrintable(QString("cell %1 ink %2").arg(i).arg(ink)));
            else
                QVERIFY2(ink > 200, qPrintable(QString("cell %1 ink %2").arg(i).arg(ink)));
        }
        exportLogoImage(samplePath("grid30.svg"), preferred.toSize(),
                        [&](QPainter& p, const QRectF& r) { paintLogoGrid(p, r, cells, columns, style); });
        QVERIFY(QSvgRenderer(samplePath("grid30.svg")).isValid());
    }

    void alignedPairSlots_data() {
        QTest::addColumn<int>("queryWidth");
        QTest::addColumn<int>("targetWidth");
        QTest::addColumn<int>("offset");
        QTest::addColumn<QVector<int>>("expected");  // queryFirst, targetFirst, count, overlap
        // Tomtom: query column i pairs with target column i + offset.
        QTest::newRow("offset 0") << 5 << 8 << 0 << QVector<int>{0, 0, 8, 0, 5};
        QTest::newRow("offset +2: target starts 2 earlier") << 5 << 8 << 2 << QVector<int>{2, 0, 8, 2, 7};
        QTest::newRow("offset -3: target starts 3 later") << 5 << 8 << -3 << QVector<int>{0, 3, 11, 3, 5};
        QTest::newRow("c = 1: last query col on first target col") << 5 << 8 << -4 << QVector<int>{0, 4, 12, 4, 5};
        QTest::newRow("c = Lq+Lt-1: first query col on last target col") << 5 << 8 << 7 << QVector<int>{7, 0, 12, 7, 8};
    }
    void alignedPairSlots() {
        QFETCH(int, queryWidth);
        QFETCH(int, targetWidth);
        QFETCH(int, offset);
        QFETCH(QVector<int>, expected);
        const AlignedPairSlots s = ui::alignedPairSlots(queryWidth, targetWidth, offset);
        QCOMPARE((QVector<int>{s.queryFirst, s.targetFirst, s.count, s.overlapBegin, s.overlapEnd}), expected);
        for (int i = 0; i < queryWidth; ++i) {
            const int j = i + offset;
            if (j >= 0 && j < targetWidth) QCOMPARE(s.queryFirst + i, s.targetFirst + j);
        }
    }

    void alignedPairFigure() {
        // SP1 against its own reverse complement, offset 0, '-' strand: the two logos must look
        // identical column for column.
        const motif::Motif sp1 = jasparSamples()[1];
        const motif::Motif rc = motif::reverseComplement(sp1);
        LogoStyle style;
        style.title = "filter 7 vs MA0079.3 SP1";
        style.caption = "offset 0, strand -, E = 3.2e-05";
        const QSizeF preferred = preferredAlignedPairSize(sp1.width(), rc.width(), 0, style);
        const QSize size = (preferred * 1.5).toSize();
        const QImage image = renderImage(size, [&](QPainter& p, const QRectF& r) {
            paintAlignedPair(p, r, sp1, rc, 0, true, "filter 7", "MA0079.3 SP1", style);
        });
        image.save(samplePath("pair_sp1_rc.png"));
        // Compare coloured ink per column between the two halves.
        int differing = 0, total = 0;
        for (int x = 0; x < size.width(); ++x) {
            int top = 0, bottom = 0;
            for (int y = 0; y < size.height() / 2; ++y) top += isSaturated(image.pixel(x, y));
            for (int y = size.height() / 2; y < size.height(); ++y) bottom += isSaturated(image.pixel(x, y));
            total += top;
            differing += std::abs(top - bottom);
        }
        QVERIFY(total > 1000);
        QVERIFY2(differing < total / 20, qPrintable(QString("%1 of %2").arg(differing).arg(total)));

        // A real offset: CEBPA query shifted against TBP, both drawn and exported.
        const auto motifs = jasparSamples();
        LogoStyle offsetStyle;
        offsetStyle.title = "MA0102.3 CEBPA vs MA0108.2 TBP";
        offsetStyle.caption = "Tomtom offset -3: TBP starts 3 columns right of CEBPA";
        exportLogoImage(samplePath("pair_offset.png"), preferredAlignedPairSize(11, 15, -3, offsetStyle).toSize() * 2,
                        [&](QPainter& p, const QRectF& r) {
                            paintAlignedPair(p, r, motifs[3], motifs[4], -3, false, "CEBPA (query)", "TBP (target)",
                                             offsetStyle);
                        });
        QVERIFY(QImage(samplePath("pair_offset.png")).width() > 0);
    }

    void samplesAllKinds() {
        const auto motifs = jasparSamples();
        struct Variant { QString name; LogoStyle style; };
        std::vector<Variant> variants;
        for (LogoKind kind : {LogoKind::Bits, LogoKind::Probability, LogoKind::Weight}) {
            LogoStyle s;
            s.kind = kind;
            variants.push_back({logoKindName(kind), s});
        }
        LogoStyle corrected;
        corrected.smallSampleCorrection = true;
        variants.push_back({"bits_corrected", corrected});
        LogoStyle rc;
        rc.reverseComplement = true;
        rc.palette = LogoPalette::ColorBlindSafe;
        variants.push_back({"rc_colorblind", rc});
        LogoStyle meme;
        meme.palette = LogoPalette::Meme;
        variants.push_back({"meme", meme});
        for (const Variant& v : variants) {
            for (const motif::Motif& m : motifs) {
                LogoStyle style = v.style;
                style.title = QString::fromStdString(m.id + " " + m.name);
                style.caption = QString("%1 sites, %2 bits").arg(m.nsites).arg(motif::totalInformation(m), 0, 'f', 1);
                const QString path = samplePath(QString("%1_%2.png").arg(QString::fromStdString(m.name), v.name));
                exportLogoImage(path, (preferredLogoSize(m.width(), style) * 2).toSize(),
                                [&](QPainter& p, const QRectF& r) { paintLogo(p, r, m, style); });
                QVERIFY(QImage(path).width() > 100);
            }
        }
        // One figure with all of them, as SVG and PDF too.
        std::vector<LogoCell> cells;
        for (const auto& m : motifs) cells.push_back({m, false, QString::fromStdString(m.id + " " + m.name), {}, false});
        for (const char* ext : {"png", "svg", "pdf"}) {
            const QString path = samplePath(QString("jaspar_samples.%1").arg(ext));
            exportLogoImage(path, preferredLogoGridSize(cells, 1, LogoStyle{}).toSize() * 1.5,
                            [&](QPainter& p, const QRectF& r) { paintLogoGrid(p, r, cells, 1, LogoStyle{}); });
            QVERIFY(QFileInfo(path).size() > 1000);
        }
    }

    // ---- widget ----
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

QTEST_MAIN(TestLogo)
#include "test_logo.moc"
