#include "logo/logo_export.h"

#include "util/input_error.h"

#include <QFileInfo>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace motifloom::ui {
namespace {

[[noreturn]] void fail(const QString& path, const QString& message) {
    throw InputError(path.toStdString(), 0, message.toStdString());
}

void openForWriting(QSaveFile& file, const QString& path) {
    if (!file.open(QIODevice::WriteOnly)) fail(path, QStringLiteral("cannot write image: ") + file.errorString());
}

void commit(QSaveFile& file, const QString& path) {
    if (!file.commit()) fail(path, QStringLiteral("cannot write image: ") + file.errorString());
}

void paintInto(QPainter& painter, const QString& path, QSize size, const LogoPaintFunction& paint,
               const ImageExportOptions& options) {
    if (!painter.isActive()) fail(path, QStringLiteral("cannot start drawing the image"));
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    const QRectF rect(0, 0, size.width(), size.height());
    if (options.background == ImageBackground::White) painter.fillRect(rect, Qt::white);
    paint(painter, rect);
    painter.end();
}

void writePng(const QString& path, QSize size, const LogoPaintFunction& paint, const ImageExportOptions& options) {
    const double ratio = options.pixelRatio > 0 ? options.pixelRatio : 1.0;
    const QSize pixels(int(std::lround(size.width() * ratio)), int(std::lround(size.height() * ratio)));
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) fail(path, QStringLiteral("image of %1 x %2 pixels is too large").arg(pixels.width()).arg(pixels.height()));
    image.fill(Qt::transparent);
    // Logical units stay those of `size`; the device pixel ratio scales painting to pixels.
    image.setDevicePixelRatio(ratio);
    QPainter painter(&image);
    paintInto(painter, path, size, paint, options);
    image.setDevicePixelRatio(1.0);  // store the true pixel size, not a scaled one
    QSaveFile file(path);
    openForWriting(file, path);
    if (!image.save(&file, "PNG")) {
        file.cancelWriting();
        fail(path, QStringLiteral("cannot encode PNG"));
    }
    commit(file, path);
}

void writeSvg(const QString& path, QSize size, const LogoPaintFunction& paint, const ImageExportOptions& options) {
    QSaveFile file(path);
    openForWriting(file, path);
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    // 96 dpi: the document's width/height (written in mm) come out as size.width() x
    // size.height() CSS pixels, so browsers show the SVG at the size of the PNG export.
    svg.setResolution(96);
    svg.setTitle(options.title.isEmpty() ? QFileInfo(path).fileName() : options.title);
    svg.setDescription(QStringLiteral("Sequence logo drawn by MotifLoom"));
    QPainter painter(&svg);
    paintInto(painter, path, size, paint, options);
    commit(file, path);
}

void writePdf(const QString& path, QSize size, const LogoPaintFunction& paint, const ImageExportOptions& options) {
    QSaveFile file(path);
    openForWriting(file, path);
    {
        QPdfWriter pdf(&file);
        pdf.setCreator(QStringLiteral("MotifLoom"));
        pdf.setTitle(options.title.isEmpty() ? QFileInfo(path).fileName() : options.title);
        // Exact page: custom size in points, no margins, orientation that keeps width x height.
        const QPageSize page(QSizeF(size), QPageSize::Point, QString(), QPageSize::ExactMatch);
        const QPageLayout layout(page, QPageLayout::Portrait, QMarginsF(0, 0, 0, 0), QPageLayout::Point);
        if (!pdf.setPageLayout(layout)) fail(path, QStringLiteral("cannot set a %1 x %2 pt PDF page").arg(size.width()).arg(size.height()));
        QPainter painter(&pdf);
        // The writer's device units are 1/resolution inch; scale so that 1 logical unit = 1 pt.
        painter.scale(pdf.resolution() / 72.0, pdf.resolution() / 72.0);
        paintInto(painter, path, size, paint, options);
    }  // the writer finishes the file on destruction
    commit(file, path);
}

}  // namespace

QStringList logoImageFormats() { return {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}; }

void exportLogoImage(const QString& path, QSize size, const LogoPaintFunction& paint,
                     const ImageExportOptions& options) {
    if (size.width() <= 0 || size.height() <= 0)
        fail(path, QStringLiteral("image size %1 x %2 is empty").arg(size.width()).arg(size.height()));
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) return writePng(path, size, paint, options);
    if (suffix == QLatin1String("svg")) return writeSvg(path, size, paint, options);
    if (suffix == QLatin1String("pdf")) return writePdf(path, size, paint, options);
    fail(path, QStringLiteral("unknown image format '%1' (use .png, .svg or .pdf)")
                   .arg(suffix.isEmpty() ? QStringLiteral("no extension") : QStringLiteral(".") + suffix));
}

}  // namespace motifloom::ui
