#include "cli/commands.h"

namespace motifloom::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {
        {"info", "print version, data folder and CPU threads", runInfo},
    };
    return all;
}

}  // namespace motifloom::cli
