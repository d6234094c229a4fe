// Checks resources/ (desktop integration): the desktop file and the AppStream metainfo pass
// their validators (desktop-file-validate, appstreamcli --no-net --pedantic; skipped only when
// the tool is missing), and a broken copy of each fails them, so the check itself is live; the
// SVG icon parses; every rendered PNG has the size its hicolor folder names and still shows
// the SVG (compared with Qt's rendering of it, so a stale PNG fails); the files name each other
// consistently (application id, icon, launchable, session MIME type and its *.motifloom glob).
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <algorithm>
#include <cmath>

namespace {

const QString kRes = QStringLiteral(MOTIFLOOM_RESOURCES_DIR "/");
const QString kAppId = QStringLiteral(MOTIFLOOM_APP_ID);
const QString kDesktop = kRes + kAppId + ".desktop";
const QString kMetainfo = kRes + kAppId + ".metainfo.xml";
const QString kMime = kRes + "mime/motifloom.xml";
const QString kSvg = kRes + "icons/motifloom.svg";
const QList<int> kSizes{16, 32, 48, 64, 128, 256};  // resources/CMakeLists.txt, MOTIFLOOM_ICON_SIZES
const QString kSessionType = QStringLiteral("application/x-motifloom-session");

QString readText(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

struct ToolResult {
    int exitCode = -1;  // -1: crashed or timed out
    QString output;     // stdout and stderr together
};

ToolResult runTool(const QString& tool, const QStringList& args) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStandardPaths::findExecutable(tool), args);
    ToolResult r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        r.output = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = QString::fromUtf8(p.readAll());
    return r;
}

// Writes `text` with every line containing `dropLine` removed (nothing removed when empty)
// to dir/name; returns the path.
QString writeVariant(const QTemporaryDir& dir, const QString& name, const QString& text, const QString& dropLine) {
    QStringList kept;
    for (const QString& line : text.split('\n'))
        if (dropLine.isEmpty() || !line.contains(dropLine)) kept << line;
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(kept.join('\n').toUtf8()) < 0) return {};
    return path;
}

// The value of `key=` in the desktop file's text (first occurrence).
QString desktopValue(const QString& text, const QString& key) {
    for (const QString& line : text.split('\n'))
        if (line.startsWith(key + '=')) return line.mid(key.size() + 1).trimmed();
    return {};
}

// The text of every element named `name` in an XML file, in order; empty on a parse error.
QStringList xmlTexts(const QString& path, const QString& name, QString* error = nullptr) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QXmlStreamReader xml(&f);
    QStringList out;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == name) out << xml.readElementText(QXmlStreamReader::IncludeChildElements);
    }
    if (xml.hasError()) {
        if (error) *error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
        return {};
    }
    return out;
}

// The value of attribute `attr` on every element named `name`.
QStringList xmlAttributes(const QString& path, const QString& name, const QString& attr) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QXmlStreamReader xml(&f);
    QStringList out;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == name) out << xml.attributes().value(attr).toString();
    }
    return out;
}

}  // namespace

class TestResources : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Rows: the shipped file (valid) and copies with a required key dropped (invalid, and the
    // validator's message names the key).
    void desktopFileValidates_data() {
        QTest::addColumn<QString>("dropLine");
        QTest::addColumn<QString>("mentioned");
        QTest::newRow("shipped") << QString() << QString();
        QTest::newRow("fail_no_name") << "Name=" << "Name";
        QTest::newRow("fail_no_type") << "Type=" << "Type";
    }
    void desktopFileValidates() {
        QFETCH(QString, dropLine);
        QFETCH(QString, mentioned);
        if (QStandardPaths::findExecutable("desktop-file-validate").isEmpty())
            QSKIP("desktop-file-validate is not installed (Debian: desktop-file-utils)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString text = readText(kDesktop);
        QVERIFY2(!text.isEmpty(), qPrintable(kDesktop));
        // The validator checks the file name too (reverse-DNS id + .desktop), so keep it.
        const QString path = writeVariant(dir, kAppId + ".desktop", text, dropLine);
        QVERIFY(!path.isEmpty());
        const ToolResult r = runTool("desktop-file-validate", {path});
        if (dropLine.isEmpty()) {
            // Hints are advice (Education and Science are both main categories, on purpose);
            // errors and warnings are not allowed.
            QVERIFY2(r.exitCode == 0, qPrintable(r.output));
            QVERIFY2(!r.output.contains(": error:") && !r.output.contains(": warning:"), qPrintable(r.output));
        } else {
            QVERIFY2(r.exitCode != 0, qPrintable("accepted without " + dropLine + ": " + r.output));
            QVERIFY2(r.output.contains(mentioned), qPrintable(r.output));
        }
    }

    void metainfoValidates_data() {
        QTest::addColumn<QString>("dropLine");
        QTest::addColumn<QString>("mentioned");
        QTest::newRow("shipped") << QString() << QString();
        QTest::newRow("fail_no_summary") << "<summary>" << "summary";
        QTest::newRow("fail_no_metadata_license") << "<metadata_license>" << "metadata-license";
    }
    void metainfoValidates() {
        QFETCH(QString, dropLine);
        QFETCH(QString, mentioned);
        if (QStandardPaths::findExecutable("appstreamcli").isEmpty())
            QSKIP("appstreamcli is not installed (Debian: appstream)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString text = readText(kMetainfo);
        QVERIFY2(!text.isEmpty(), qPrintable(kMetainfo));
        const QString path = writeVariant(dir, kAppId + ".metainfo.xml", text, dropLine);
        QVERIFY(!path.isEmpty());
        const ToolResult r = runTool("appstreamcli", {"validate", "--no-net", "--pedantic", "--no-color", path});
        if (dropLine.isEmpty()) {
            // Clean: not even a pedantic note (each would be printed as "X: id:line: tag").
            QVERIFY2(r.exitCode == 0, qPrintable(r.output));
            static const QRegularExpression issue(QStringLiteral("^[EWIP]: "), QRegularExpression::MultilineOption);
            QVERIFY2(!r.output.contains(issue), qPrintable(r.output));
        } else {
            QVERIFY2(r.exitCode != 0, qPrintable("accepted without " + dropLine + ": " + r.output));
            QVERIFY2(r.output.contains(mentioned), qPrintable(r.output));
        }
    }

    void svgIconParses() {
        QSvgRenderer svg(kSvg);
        QVERIFY2(svg.isValid(), qPrintable(kSvg));
        QCOMPARE(svg.defaultSize(), QSize(256, 256));
    }

    // The hicolor folders are exactly the sizes resources/CMakeLists.txt installs.
    void iconFoldersAreTheInstalledSizes() {
        QStringList expected;
        for (int s : kSizes) expected << QStringLiteral("%1x%1").arg(s);
        QStringList found = QDir(kRes + "icons/hicolor").entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        std::sort(found.begin(), found.end(), [](const QString& a, const QString& b) {
            return a.section('x', 0, 0).toInt() < b.section('x', 0, 0).toInt();
        });
        QCOMPARE(found, expected);
    }

    void pngIcon_data() {
        QTest::addColumn<int>("size");
        for (int s : kSizes) QTest::newRow(qPrintable(QStringLiteral("%1x%1").arg(s))) << s;
    }
    void pngIcon() {
        QFETCH(int, size);
        const QString path = kRes + QStringLiteral("icons/hicolor/%1x%1/motifloom.png").arg(size);
        QImage png(path);
        QVERIFY2(!png.isNull(), qPrintable(path));
        QCOMPARE(png.size(), QSize(size, size));
        QVERIFY2(png.hasAlphaChannel(), "the rounded tile's corners must be transparent");
        png = png.convertToFormat(QImage::Format_ARGB32_Premultiplied);
        QCOMPARE(qAlpha(png.pixel(0, 0)), 0);

        // Still the SVG: Qt's rendering of it agrees with the committed PNG on nearly every
        // pixel. The renderers anti-alias edges differently, so a few edge pixels may differ;
        // a recoloured or moved letter changes a whole area.
        QImage qt(size, size, QImage::Format_ARGB32_Premultiplied);
        qt.fill(Qt::transparent);
        {
            QPainter p(&qt);
            QSvgRenderer(kSvg).render(&p, QRectF(0, 0, size, size));
        }
        int differing = 0;
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x) {
                const QRgb a = png.pixel(x, y), b = qt.pixel(x, y);
                const int d = std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                                        std::abs(qBlue(a) - qBlue(b)), std::abs(qAlpha(a) - qAlpha(b))});
                if (d > kPixelTolerance) ++differing;
            }
        const double share = double(differing) / (size * size);
        QVERIFY2(share <= kMaxDifferingShare,
                 qPrintable(QStringLiteral("%1 differs from the SVG on %2 % of its pixels (more than %3 levels); "
                                           "rerun resources/icons/render.sh")
                                .arg(path).arg(100 * share, 0, 'f', 1).arg(kPixelTolerance)));
    }

    // The files refer to each other by the application id and the session MIME type.
    void filesAgree() {
        const QString desktop = readText(kDesktop);
        QCOMPARE(desktopValue(desktop, "Icon"), kAppId);
        QCOMPARE(desktopValue(desktop, "Exec"), QStringLiteral("motifloom %F"));
        QVERIFY(desktopValue(desktop, "MimeType").split(';', Qt::SkipEmptyParts).contains(kSessionType));

        QString error;
        QCOMPARE(xmlTexts(kMetainfo, "id", &error), QStringList{kAppId});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(xmlTexts(kMetainfo, "launchable"), QStringList{kAppId + ".desktop"});
        QVERIFY(xmlTexts(kMetainfo, "mediatype").contains(kSessionType));
        const QStringList binaries = xmlTexts(kMetainfo, "binary");
        for (const char* b : {"motifloom", "motifloom-cli", "motifloom-bench"}) QVERIFY2(binaries.contains(b), b);
        // The release is the project's version (CMakeLists.txt, compiled into MOTIFLOOM_VERSION).
        QCOMPARE(xmlAttributes(kMetainfo, "release", "version").value(0), QStringLiteral(MOTIFLOOM_VERSION));

        QCOMPARE(xmlAttributes(kMime, "mime-type", "type"), QStringList{kSessionType});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(xmlAttributes(kMime, "glob", "pattern"), QStringList{"*.motifloom"});
        QCOMPARE(xmlAttributes(kMime, "generic-icon", "name"), QStringList{kAppId});
    }

    // The metainfo's screenshots are this repository's docs/screenshots/, each with a caption.
    void metainfoScreenshotsExist() {
        const QStringList images = xmlTexts(kMetainfo, "image");
        QVERIFY(images.size() >= 3);
        QCOMPARE(xmlTexts(kMetainfo, "caption").size(), images.size());
        const QString prefix = "https://raw.githubusercontent.com/motifloom/motifloom/main/";
        for (const QString& url : images) {
            QVERIFY2(url.startsWith(prefix + "docs/screenshots/"), qPrintable(url));
            const QString file = kRes + "../" + url.mid(prefix.size());
            QVERIFY2(QImage(file).width() >= 620, qPrintable(file));  // AppStream's minimum width
        }
    }

    // shared-mime-info compiles the package and maps *.motifloom to the session type.
    void mimePackageCompiles() {
        if (QStandardPaths::findExecutable("update-mime-database").isEmpty())
            QSKIP("update-mime-database is not installed (Debian: shared-mime-info)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath("mime/packages"));
        QVERIFY(QFile::copy(kMime, dir.filePath("mime/packages/" + kAppId + ".xml")));
        const ToolResult r = runTool("update-mime-database", {dir.filePath("mime")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        QVERIFY2(!r.output.contains(kAppId), qPrintable(r.output));  // it names the package only to complain
        const QString globs = readText(dir.filePath("mime/globs2"));
        QVERIFY2(globs.contains(kSessionType + ":*.motifloom"), qPrintable(globs));
    }

private:
    static constexpr int kPixelTolerance = 48;          // levels (0-255) in any channel
    static constexpr double kMaxDifferingShare = 0.02;  // of the icon's pixels
};

QTEST_MAIN(TestResources)
#include "test_resources.moc"
