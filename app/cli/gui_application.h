#pragma once
// The QGuiApplication that drawing logos and figures needs (fonts), made on first use by the
// commands that draw (filters, attribute); offscreen unless the user chose a platform.

namespace motifloom::cli {

void ensureGuiApplication();

}  // namespace motifloom::cli
