// Tests for the sequence-logo renderer (ui/logo): stack layout against hand-computed
// information content, palettes, exact letter heights in pixels, grids and aligned pairs
// (export to files: test_logo_export.cpp; the widget: tests/ui/test_logo_widget.cpp). Set
// MOTIFLOOM_LOGO_SAMPLE_DIR to keep the sample figures.
#include "logo/logo_export.h"
#include "logo/logo_glyphs.h"
#include "logo/logo_grid.h"
#include "logo/logo_layout.h"
#include "logo/logo_painter.h"
#include "logo/logo_pair.h"
#include "logo/logo_palette.h"
#include "logo/logo_style.h"

#include "logo/logo_samples.h"

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
using namespace motifloom::logo_test;

Q_DECLARE_METATYPE(motifloom::ui::LogoKind)

namespace {

constexpr double kTol = 1e-6;

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

QImage renderImage(QSize size, const LogoPaintFunction& paint) {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    paint(p, QRectF(0, 0, size.width(), size.height()));
    p.end();
    return image;
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

};

QTEST_MAIN(TestLogo)
#include "test_logo.moc"
