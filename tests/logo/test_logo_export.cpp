// Tests of writing logo figures to files (ui/logo/logo_export.h): PNG at 1x and 2x, SVG and PDF
// sizes, transparency, errors that name the path, atomic writes. Set MOTIFLOOM_LOGO_SAMPLE_DIR to
// keep the files.
#include "logo/logo_export.h"
#include "logo/logo_painter.h"
#include "logo/logo_style.h"

#include "logo/logo_samples.h"

#include "util/input_error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <optional>
#include <stdexcept>

using namespace motifloom;
using namespace motifloom::ui;
using namespace motifloom::logo_test;

class TestLogoExport : public QObject {
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

};

QTEST_MAIN(TestLogoExport)
#include "test_logo_export.moc"
