// The alignment view's presets (declared in filters/alignment_view.h): what "Koo & Eddy 2019"
// and "Web / TF-MoDISco" set (docs/tomtom.md, "Presets").
#include "filters/alignment_view.h"

#include <cassert>

namespace motifloom::ui {

QString alignmentPresetName(AlignmentPreset preset) {
    switch (preset) {
    case AlignmentPreset::KooEddy2019: return QStringLiteral("Koo & Eddy 2019");
    case AlignmentPreset::WebTfModisco: return QStringLiteral("Web / TF-MoDISco");
    case AlignmentPreset::Custom: return QStringLiteral("Custom");
    }
    return {};
}

AlignmentSettings alignmentPresetSettings(AlignmentPreset preset) {
    assert(preset != AlignmentPreset::Custom);
    AlignmentSettings s;  // Koo & Eddy 2019: Tomtom's command-line defaults, hits E < 0.1
    if (preset == AlignmentPreset::WebTfModisco) {
        s.tomtom.distance = compare::Distance::Pearson;
        s.tomtom.minOverlap = 5;
        s.evalueThreshold = 10;
        s.smallSampleCorrection = false;
    }
    s.tomtom.threshold = s.evalueThreshold;
    s.tomtom.thresholdIsEvalue = true;
    return s;
}

}  // namespace motifloom::ui
