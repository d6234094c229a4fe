#pragma once
// The PyTorch reference of motifloom-bench --reference pytorch: trains the same architecture on
// the same training sequences with PyTorch in a child process, so that the engine's and
// PyTorch's epoch times come from the same run on the same machine. The network is the
// exporter's PyTorch module (exchange::pytorchModelSource, the model.py of `motifloom-cli
// export`), trained by app/bench/pytorch_reference.py, compiled into the program.

#include "arch/architecture.h"
#include "seqio/sequence_set.h"

#include <string>
#include <string_view>
#include <vector>

namespace motifloom::bench {

struct ReferenceTiming {
    std::string version;             // torch.__version__
    int threads = 0;                 // torch.get_num_threads()
    std::vector<double> epochSeconds;  // timed epochs (after one warm-up)
};

// Runs `python` (e.g. /usr/bin/python3, Debian's python3-torch) on the reference script with
// `threads` threads for one warm-up and `epochs` timed epochs. Throws InputError with the
// script's error output when Python or PyTorch is missing or the script fails.
// The text of app/bench/<fileName> compiled in by packaging/cmake/EmbedText.cmake (app/CMakeLists.txt);
// empty if there is none.
std::string_view embeddedScript(std::string_view fileName);

ReferenceTiming runPytorchReference(const arch::Architecture& arch, const seqio::SequenceSet& train,
                                    int epochs, int threads, const std::string& python);

}  // namespace motifloom::bench
