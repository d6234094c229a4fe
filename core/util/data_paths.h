#pragma once
// Where MotifLoom's bundled data (the JASPAR CORE vertebrates matrices) lives at run time.

#include <string>

namespace motifloom {

// The folder holding the bundled data, searched in this order:
//   1. $MOTIFLOOM_DATA_DIR,
//   2. <folder of the running executable>/../share/motifloom (installed and build trees),
//   3. the build tree's and install prefix's share/motifloom compiled into the binary.
// Returns the first that contains pfm_vertebrates.txt, or an empty string.
std::string dataDirectory();

// Path of the bundled JASPAR file; throws InputError with a hint when it cannot be found.
std::string defaultMotifDatabase();

}  // namespace motifloom
