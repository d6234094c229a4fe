#pragma once
// FASTA output for labelled sequence sets.

#include "seqio/sequence_set.h"

#include <string>

namespace motifloom::seqio {

// Writes `set` atomically (temp file + rename): one record per sequence, header
//   ">ID labels=0,1,0,..."   (multi-label)  or  ">ID class=NAME"  (single-label),
// sequence on one line of upper-case IUPAC letters (padding written as N).
// Throws InputError naming the path if it cannot be written.
void writeFasta(const std::string& path, const SequenceSet& set);

}  // namespace motifloom::seqio
