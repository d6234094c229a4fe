#pragma once
// The sample FASTA files of a "sample_fasta" lesson action (lesson.h): lesson 4 ("Your own
// data") teaches loading FASTA files without shipping third-party data, so it generates a small
// synthetic data set from the bundled JASPAR motifs and writes it as ordinary FASTA files with
// labels in the headers (">syn00001 labels=0,1"), then loads those files as FASTA, exactly as
// a student's own files would be loaded.

#include "lab/data_recipe.h"
#include "lesson/lesson.h"

#include <string>

namespace motifloom::lesson {

// Writes train.fa, valid.fa, test.fa, classes.txt, truth.tsv and motifs.meme into
// `parentDir`/`action.folder` (created if needed; files written atomically) and returns the
// FASTA recipe that reads them: separate train / valid / test files, header labels, class names
// from the motifs, the motifs as expected motifs (so filters are scored against them).
// Throws InputError for an unknown motif ID or a folder that cannot be written.
lab::DataRecipe writeSampleFasta(const Action& action, const std::string& parentDir);

}  // namespace motifloom::lesson
