#include "lab/session.h"

#include "arch/architecture_json.h"
#include "util/atomic_file.h"
#include "util/input_error.h"
#include "util/text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace motifloom::lab {

using nlohmann::json;

namespace {

std::string messageOf(const std::exception& e) { return jsonErrorText(e.what()); }

}  // namespace

std::string sessionToBytes(const Session& session) {
    json runs = json::array();
    for (const auto& run : session.runs) runs.push_back(runToJson(*run));
    json doc = {{"format", "motifloom-session"},
                {"version", kSessionVersion},
                {"app_version", MOTIFLOOM_VERSION},
                {"data_recipe", session.dataRecipe.toJson()},
                {"architecture", arch::toJson(session.architecture)},
                {"seed", session.architecture.training.seed},
                {"next_run_id", session.nextRunId},
                {"runs", runs}};
    return doc.dump(1) + "\n";
}

Session sessionFromBytes(std::string_view bytes, const std::string& source) {
    json doc;
    try {
        doc = json::parse(bytes.begin(), bytes.end());
    } catch (const json::parse_error& e) {
        throw InputError(source, lineOfOffset(bytes, e.byte), "not a valid session file (invalid JSON: " + messageOf(e) + ")");
    }
    if (!doc.is_object() || doc.value("format", std::string()) != "motifloom-session")
        throw InputError(source, 0, "not a MotifLoom session file (no \"format\": \"motifloom-session\")");
    const int version = doc.value("version", 0);
    if (version < 1 || version > kSessionVersion)
        throw InputError(source, 0, "session format version " + std::to_string(version) +
                                        " is not supported by this MotifLoom (up to " +
                                        std::to_string(kSessionVersion) + ")");
    Session s;
    std::string part = "data recipe";
    try {
        s.dataRecipe = DataRecipe::fromJson(doc.at("data_recipe"));
        part = "architecture";
        Warnings ignored;
        s.architecture = arch::fromJson(doc.at("architecture"), source, &ignored);
        if (auto it = doc.find("seed"); it != doc.end()) s.architecture.training.seed = it->get<std::uint64_t>();
        part = "runs";
        s.nextRunId = doc.value("next_run_id", 1);
        for (const auto& r : doc.at("runs")) {
            auto run = std::make_shared<RunRecord>(runFromJson(r, source));  // names the run
            s.nextRunId = std::max(s.nextRunId, run->id + 1);
            s.runs.push_back(std::move(run));
        }
    } catch (const InputError& e) {
        if (part == "runs") throw;  // runFromJson names the run
        // DataRecipe::fromJson's messages already start with "data recipe: ".
        const std::string& m = e.message();
        throw InputError(source, e.line(), m.rfind(part + ": ", 0) == 0 ? m : part + ": " + m);
    } catch (const std::exception& e) {
        throw InputError(source, 0, part + ": " + messageOf(e));
    }
    return s;
}

void saveSession(const std::string& path, const Session& session) {
    const std::string bytes = sessionToBytes(session);
    try {
        writeFileAtomically(path, [&](std::ostream& out) { out.write(bytes.data(), std::streamsize(bytes.size())); });
    } catch (const InputError& e) {
        throw InputError(path, 0, "cannot write the session (" + e.message() + ")");
    }
}

Session loadSession(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw InputError(path, 0, "no such session file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, std::string("cannot read the session: ") + std::strerror(errno));
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) throw InputError(path, 0, std::string("cannot read the session: ") + std::strerror(errno));
    return sessionFromBytes(bytes.view(), path);
}

}  // namespace motifloom::lab
