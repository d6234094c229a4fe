#pragma once
// Finding motifs in a list (a database such as JASPAR CORE) by what a user types:
// an exact ID ("MA0079.3"), an ID without version ("MA0079": the highest version present),
// or a name ("SP1", case-insensitive; the highest version when several share the name).

#include "motif/motif.h"

#include <string>
#include <vector>

namespace motifloom::motif {

// The motif `key` names in `list`, or nullptr. The pointer refers into `list`.
const Motif* findMotif(const MotifList& list, const std::string& key);

// Copies of the motifs named by `keys`, in the order given. Throws InputError naming
// `source` (the file the list came from) and the first key that matches nothing.
MotifList selectMotifs(const MotifList& list, const std::vector<std::string>& keys,
                       const std::string& source);

}  // namespace motifloom::motif
