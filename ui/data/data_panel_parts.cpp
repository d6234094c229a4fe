#include "data/data_panel_parts.h"

#include "data/motif_picker.h"

#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QStringList>

namespace motifloom::ui {

namespace data_panel_parts {

QLineEdit* seedEdit(const QString& tip) {
    auto* e = new QLineEdit;
    e->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{1,19}")), e));
    e->setToolTip(tip);
    e->setMaximumWidth(160);
    return e;
}

std::uint64_t seedOf(const QLineEdit* e, std::uint64_t fallback) {
    bool ok = false;
    const std::uint64_t v = e->text().toULongLong(&ok);
    return ok ? v : fallback;
}

QDoubleSpinBox* fractionSpin(const QString& tip) {
    auto* s = new QDoubleSpinBox;
    s->setRange(0.0, 1.0);
    s->setDecimals(2);
    s->setSingleStep(0.05);
    s->setToolTip(tip);
    return s;
}

QLabel* hintLabel(const QString& text) {
    auto* l = new QLabel(text);
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    return l;
}

const char* partName(synth::Part p) {
    return p == synth::Part::Train ? "train" : p == synth::Part::Valid ? "validation" : "test";
}

// Rows for SequencePreview from generated or loaded sequences.
PreviewSequence previewRow(const seqio::SequenceSet& set, std::size_t i, std::span<const synth::Placement> placements,
                           const motif::MotifList& motifs, const std::vector<std::string>& classNames,
                           const QString& title, const QString& where) {
    PreviewSequence row;
    row.title = title;
    row.codes.assign(set.sequence(i), set.sequence(i) + set.length);
    QStringList labels;
    const float* label = set.label(i);
    for (int c = 0; c < set.numClasses(); ++c)
        if (label[c] > 0.5f) labels << fromStd(classNames[std::size_t(c)]);
    row.subtitle = where + (labels.isEmpty() ? QObject::tr(" \u00b7 no label") : QStringLiteral(" \u00b7 ") + labels.join(", "));
    for (const synth::Placement& p : placements) {
        PreviewMotif m;
        m.start = p.start;
        m.width = p.width;
        m.strand = p.strand;
        m.colour = classColour(p.motif);
        if (p.motif >= 0 && std::size_t(p.motif) < motifs.size()) {
            const auto& mo = motifs[std::size_t(p.motif)];
            m.name = fromStd(classNames.size() > std::size_t(p.motif) ? classNames[std::size_t(p.motif)] : mo.name);
            m.detail = QObject::tr("%1, class %2").arg(fromStd(mo.id)).arg(p.motif);
        }
        row.motifs.push_back(m);
    }
    return row;
}

}  // namespace data_panel_parts

}  // namespace motifloom::ui
