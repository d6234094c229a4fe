#pragma once
// The files of an exported PyTorch project, kept as readable text in core/exchange/pytorch/ and
// compiled in at build time (packaging/cmake/EmbedText.cmake). Files ending in ".in" hold
// {{PLACEHOLDER}}s that pytorch_export.cpp fills; the others are copied as they are.

#include <string_view>

namespace motifloom::exchange {

// The text of core/exchange/pytorch/<fileName> (e.g. "model.py.in"); empty if there is none.
std::string_view pytorchTemplate(std::string_view fileName);

}  // namespace motifloom::exchange
