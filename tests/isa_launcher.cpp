// isa_launcher ISA PROGRAM [ARGS...]: runs PROGRAM with MOTIFLOOM_ISA=ISA (nn/isa.h), or exits
// with 77 (CTest's SKIP_RETURN_CODE for these runs, tests/CMakeLists.txt) and says why when
// this CPU cannot run that instruction set. Lets CTest run the engine's tests once per ISA.
#include "nn/isa.h"
#include "util/input_error.h"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

int main(int argc, char** argv) {
    using namespace motifloom;
    if (argc < 3) {
        std::fprintf(stderr, "usage: isa_launcher avx512|avx2|generic PROGRAM [ARGS...]\n");
        return 2;
    }
    try {
        const nn::Isa isa = nn::parseIsa(argv[1], "isa_launcher");
        if (!nn::isaSupported(isa)) {
            std::printf("SKIP: this CPU cannot run the %s kernels; %s not run\n", argv[1], argv[2]);
            return 77;
        }
    } catch (const InputError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }
    setenv("MOTIFLOOM_ISA", argv[1], 1);
    execv(argv[2], argv + 2);
    std::perror(argv[2]);
    return 2;
}
