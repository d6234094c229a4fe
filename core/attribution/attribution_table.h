#pragma once
// The numbers of an attribution as a TSV table (motifloom-cli attribute's ID.tsv, the
// inspector's export):
//   position  base  <class>_saliency  <class>_ism  ...   (one pair per class, in the given order)
// position is 0-based (as truth.tsv), base the IUPAC letter of the code (N for padding);
// saliency is gradient x input (Saliency::importance), ism the importance of the observed base
// (Mutagenesis::importance: minus the mean change of the class logit over the substitutions).
// Either method may be left out (null); values are printed with 6 significant digits.

#include "attribution/mutagenesis.h"
#include "attribution/saliency.h"

#include <span>
#include <string>
#include <vector>

namespace motifloom::attribution {

// `classes` are class indices; saliency (when given) must hold a row for each of them.
std::string formatAttributionTsv(std::span<const std::uint8_t> sequence,
                                 const std::vector<std::string>& classNames,
                                 std::span<const int> classes, const Saliency* saliency,
                                 const Mutagenesis* ism);

}  // namespace motifloom::attribution
