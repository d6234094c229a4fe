#pragma once
// Motif file formats. Readers throw InputError naming the file and line of the first problem;
// writers write atomically (temp file + rename). Matrices are stored as probabilities (see
// motif.h); counts read from JASPAR files become probabilities with nsites = column total.
//
//   JASPAR plain (pfm_vertebrates.txt):   >MA0004.1 Arnt        then 4 rows of counts A,C,G,T
//   JASPAR bracketed:                     >MA0004.1 Arnt        then "A [ 4 19 0 ... ]" x 4
//   MEME minimal motif format: "MEME version 4", "ALPHABET= ACGT", "Background letter
//   frequencies", "MOTIF id [name]", "letter-probability matrix: alength= 4 w= W nsites= N".

#include "motif/motif.h"
#include "motif/motif_math.h"

#include <string>

namespace motifloom::motif {

MotifList readJaspar(const std::string& path);   // either JASPAR flavour, auto-detected
MotifList readMeme(const std::string& path, Background* background = nullptr);
// By content: a file starting with "MEME version" is MEME, otherwise JASPAR.
// `background` (optional) receives a MEME file's background, uniform for JASPAR files.
MotifList readMotifFile(const std::string& path, Background* background = nullptr);

// writeJaspar writes bracketed counts (probabilities x nsites, or x 100 when nsites is 0).
void writeJaspar(const std::string& path, const MotifList& motifs);
void writeMeme(const std::string& path, const MotifList& motifs,
               const Background& background = kUniformBackground);
// By extension: ".meme" -> MEME, ".jaspar"/".pfm"/".txt" -> JASPAR; InputError otherwise.
void writeMotifFile(const std::string& path, const MotifList& motifs);

}  // namespace motifloom::motif
