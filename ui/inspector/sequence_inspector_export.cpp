// SequenceInspector: exporting the figure and the numbers.
#include "inspector/sequence_inspector.h"

#include "inspector/inspection_canvas.h"

#include "attribution/attribution_table.h"
#include "logo/logo_export.h"
#include "util/atomic_file.h"
#include "util/input_error.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

namespace motifloom::ui {

QString SequenceInspector::figureTitle() const {
    if (!hasSequence()) return {};
    QString title = mName;
    if (mStep > 0) title += tr(" (mutated: %1 base(s) changed)").arg([this] {
        int n = 0;
        for (std::size_t i = 0; i < mOriginal.size(); ++i) n += mOriginal[i] != sequence()[i];
        return n;
    }());
    return title;
}

void SequenceInspector::exportFigure(const QString& path) const {
    if (!hasSequence()) throw InputError(path.toStdString(), 0, "no sequence to export: pick one first");
    const InspectionPicture& picture = mCanvas->picture();
    const PictureLayout layout(picture, 7, true);
    ImageExportOptions options;
    options.pixelRatio = 2.0;
    options.title = mName;
    exportLogoImage(path, layout.size().toSize(), [&](QPainter& painter, const QRectF& rect) {
        const QSizeF natural = layout.size();
        painter.save();
        painter.translate(rect.topLeft());
        painter.scale(rect.width() / natural.width(), rect.height() / natural.height());
        layout.paint(painter);
        painter.restore();
    }, options);
}

void SequenceInspector::exportNumbers(const QString& path) const {
    const Inspection* r = inspection();
    if (!r || r->sequence != sequence())
        throw InputError(path.toStdString(), 0, "no attribution to export yet: pick a sequence and wait for the results");
    std::vector<std::string> names;
    std::vector<int> classes;
    for (int c = 0; c < r->ism.classes; ++c) {
        names.push_back(mData && c < int(mData->classNames.size()) ? mData->classNames[std::size_t(c)] : "class" + std::to_string(c + 1));
        classes.push_back(c);
    }
    writeTextFileAtomically(path.toStdString(), attribution::formatAttributionTsv(r->sequence, names, classes, &r->saliency, &r->ism));
}

void SequenceInspector::exportFigureInteractive() {
    QString selected;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the figure"), mName + QStringLiteral(".svg"),
                                                      tr("SVG (*.svg);;PNG (*.png);;PDF (*.pdf)"), &selected);
    if (path.isEmpty()) return;
    try {
        exportFigure(path);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromUtf8(e.what()));
    }
}

void SequenceInspector::exportNumbersInteractive() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the numbers"), mName + QStringLiteral(".tsv"),
                                                      tr("Tab-separated values (*.tsv)"));
    if (path.isEmpty()) return;
    try {
        exportNumbers(path);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromUtf8(e.what()));
    }
}

}  // namespace motifloom::ui
