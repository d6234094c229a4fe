#pragma once
// Helpers shared by the data panel's files (data_panel*.cpp): small control factories and the
// rows of the sequence previews. Private to ui/data.

#include "data/sequence_preview.h"

#include "motif/motif.h"
#include "seqio/sequence_set.h"
#include "synth/synthetic_data.h"

#include <QString>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QWidget;

namespace motifloom::ui {

namespace data_panel_parts {

inline constexpr int kSketchSequences = 4;    // live preview before generating
inline constexpr int kPreviewSequences = 5;   // loaded data, per page

inline QString fromStd(const std::string& s) { return QString::fromStdString(s); }
QLineEdit* seedEdit(const QString& tip);
std::uint64_t seedOf(const QLineEdit* e, std::uint64_t fallback);
QDoubleSpinBox* fractionSpin(const QString& tip);
QLabel* hintLabel(const QString& text);
const char* partName(synth::Part p);
// Rows for SequencePreview from generated or loaded sequences.
PreviewSequence previewRow(const seqio::SequenceSet& set, std::size_t i, std::span<const synth::Placement> placements,
                           const motif::MotifList& motifs, const std::vector<std::string>& classNames,
                           const QString& title, const QString& where);

}  // namespace data_panel_parts

}  // namespace motifloom::ui
