#include "util/atomic_file.h"

#include "util/input_error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <unistd.h>

namespace motifloom {

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid()) + "-" +
                            std::to_string(std::random_device{}() % 1000000);
    try {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw InputError(path, 0, std::string("cannot write: ") + std::strerror(errno));
        write(out);
        out.flush();
        if (!out) throw InputError(path, 0, "write failed (disk full?)");
        out.close();
        if (!out) throw InputError(path, 0, "write failed while closing");
        if (std::rename(tmp.c_str(), path.c_str()) != 0)
            throw InputError(path, 0, std::string("cannot replace file: ") + std::strerror(errno));
    } catch (...) {
        std::remove(tmp.c_str());
        throw;
    }
}

void writeTextFileAtomically(const std::string& path, const std::string& content) {
    writeFileAtomically(path, [&](std::ostream& out) { out << content; });
}

}  // namespace motifloom
