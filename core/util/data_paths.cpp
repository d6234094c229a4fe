#include "util/data_paths.h"

#include "util/input_error.h"

#include <cstdlib>
#include <filesystem>

namespace motifloom {
namespace fs = std::filesystem;

namespace {
constexpr const char* kJasparFile = "pfm_vertebrates.txt";

bool holdsDatabase(const fs::path& dir) {
    std::error_code ec;
    return !dir.empty() && fs::exists(dir / kJasparFile, ec);
}
}  // namespace

std::string dataDirectory() {
    if (const char* env = std::getenv("MOTIFLOOM_DATA_DIR"); env && holdsDatabase(env)) return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path candidate = exe.parent_path().parent_path() / "share" / "motifloom";
        if (holdsDatabase(candidate)) return candidate.string();
    }
    for (const char* dir : {MOTIFLOOM_DATA_BUILD_DIR, MOTIFLOOM_DATA_INSTALL_DIR})
        if (holdsDatabase(dir)) return dir;
    return {};
}

std::string defaultMotifDatabase() {
    const std::string dir = dataDirectory();
    if (dir.empty())
        throw InputError(std::string("cannot find the bundled motif database ") + kJasparFile +
                         "; set MOTIFLOOM_DATA_DIR or pass a JASPAR/MEME file");
    return (fs::path(dir) / kJasparFile).string();
}

}  // namespace motifloom
