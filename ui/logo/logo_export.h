#pragma once
// Writing logo figures to files. The format follows the extension (case-insensitive):
//   .png  raster, size x pixelRatio pixels (white or transparent background)
//   .svg  vector, viewBox 0 0 width height (user units = logical units), via QtSvg; the
//         document size is width x height CSS pixels (96 dpi, written in mm)
//   .pdf  vector, one page of exactly width x height points (MediaBox [0 0 width height]),
//         text embedded
// The paint callback draws into QRectF(0, 0, size.width(), size.height()) in logical units,
// whatever the format. Files are written atomically (QSaveFile): a failed export leaves any
// previous file untouched.
// Errors a user can cause (unknown extension, empty size, unwritable path) throw
// motifloom::InputError naming the path. Needs a QGuiApplication (fonts).

#include <QPainter>
#include <QRectF>
#include <QSize>
#include <QString>

#include <functional>

namespace motifloom::ui {

enum class ImageBackground { White, Transparent };

struct ImageExportOptions {
    ImageBackground background = ImageBackground::White;  // Transparent: PNG alpha / no fill
    double pixelRatio = 1.0;  // PNG only: pixels per logical unit (2 = "retina" resolution)
    QString title;            // SVG <title> / PDF document title; empty = file name
};

using LogoPaintFunction = std::function<void(QPainter&, const QRectF&)>;

void exportLogoImage(const QString& path, QSize size, const LogoPaintFunction& paint,
                     const ImageExportOptions& options = {});

// The extensions exportLogoImage understands, without dot: {"png", "svg", "pdf"}.
QStringList logoImageFormats();

}  // namespace motifloom::ui
