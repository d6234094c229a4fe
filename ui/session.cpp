#include "session.h"

#include "arch/architecture_json.h"
#include "util/input_error.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace motifloom::ui {

using nlohmann::json;

namespace {

std::string messageOf(const std::exception& e) {
    std::string what = e.what();
    if (auto p = what.find("] "); what.rfind("[json.exception", 0) == 0 && p != std::string::npos)
        what = what.substr(p + 2);
    return what;
}

}  // namespace

QByteArray sessionToBytes(const Session& session) {
    json runs = json::array();
    for (const auto& run : session.runs) runs.push_back(runToJson(*run));
    const QByteArray recipe = QJsonDocument(session.dataRecipe).toJson(QJsonDocument::Compact);
    json doc = {{"format", "motifloom-session"},
                {"version", kSessionVersion},
                {"app_version", MOTIFLOOM_VERSION},
                {"data_recipe", json::parse(recipe.toStdString())},
                {"architecture", arch::toJson(session.architecture)},
                {"seed", session.architecture.training.seed},
                {"next_run_id", session.nextRunId},
                {"runs", runs}};
    return QByteArray::fromStdString(doc.dump(1) + "\n");
}

Session sessionFromBytes(const QByteArray& bytes, const std::string& source) {
    json doc;
    try {
        doc = json::parse(bytes.constData(), bytes.constData() + bytes.size());
    } catch (const json::parse_error& e) {
        // Line of the byte where parsing failed.
        const auto upto = std::min<std::size_t>(e.byte, std::size_t(bytes.size()));
        const long line = 1 + long(std::count(bytes.constData(), bytes.constData() + upto, '\n'));
        throw InputError(source, line, "not a valid session file (invalid JSON: " + messageOf(e) + ")");
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
        const std::string recipe = doc.at("data_recipe").dump();
        const auto recipeDoc = QJsonDocument::fromJson(QByteArray::fromStdString(recipe));
        if (!recipeDoc.isObject()) throw std::runtime_error("not a JSON object");
        s.dataRecipe = recipeDoc.object();
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
        throw InputError(source, e.line(), part + ": " + e.message());
    } catch (const std::exception& e) {
        throw InputError(source, 0, part + ": " + messageOf(e));
    }
    return s;
}

void saveSession(const QString& path, const Session& session) {
    const QByteArray bytes = sessionToBytes(session);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw InputError(path.toStdString(), 0, "cannot write the session: " + file.errorString().toStdString());
    if (file.write(bytes) != bytes.size() || !file.commit())
        throw InputError(path.toStdString(), 0, "cannot write the session: " + file.errorString().toStdString());
}

Session loadSession(const QString& path) {
    QFile file(path);
    if (!QFileInfo(path).isFile()) throw InputError(path.toStdString(), 0, "no such session file");
    if (!file.open(QIODevice::ReadOnly))
        throw InputError(path.toStdString(), 0, "cannot read the session: " + file.errorString().toStdString());
    return sessionFromBytes(file.readAll(), path.toStdString());
}

}  // namespace motifloom::ui
