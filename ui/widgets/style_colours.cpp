#include "widgets/style_colours.h"

#include "util/input_error.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <array>
#include <vector>

namespace motifloom::ui::style {

namespace {

constexpr const char* kBuiltIn = ":/motifloom/style/palette.json";

// The JSON key of each Role, in the enum's order.
constexpr std::array<const char*, 11> kRoleKeys = {
    "success",        "failure",      "errorPanelBackground", "errorPanelText", "errorPanelBorder",
    "unknownValue",   "recededValue", "fadedText",            "truthMatch",     "warning",
    "onBadge"};

struct Palette {
    std::array<QColor, kRoleKeys.size()> roles;
    std::vector<QColor> series, motifClasses;
};

[[noreturn]] void fail(const QString& path, const QString& what) {
    throw InputError(path.toStdString(), 0, what.toStdString());
}

QColor readColour(const QString& path, const QString& key, const QJsonValue& value) {
    const QString text = value.toString();
    // QColor also reads names like "red"; the table holds "#rrggbb" only, as documented.
    if (!value.isString() || !text.startsWith('#') || text.size() != 7 || !QColor::isValidColorName(text))
        fail(path, QString("%1: not a colour \"#rrggbb\"").arg(key));
    return QColor::fromString(text);
}

std::vector<QColor> readList(const QString& path, const QJsonObject& o, const char* key,
                             const std::vector<QColor>& fallback) {
    if (!o.contains(key)) return fallback;
    const QJsonArray list = o.value(key).toArray();
    if (list.isEmpty()) fail(path, QString("%1: a non-empty list of colours expected").arg(key));
    std::vector<QColor> out;
    for (int i = 0; i < list.size(); ++i) out.push_back(readColour(path, QString("%1[%2]").arg(key).arg(i), list[i]));
    return out;
}

// `path` over `base`: the keys the file has replace base's.
Palette read(const QString& path, const Palette& base) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) fail(path, "cannot open the palette: " + file.errorString());
    const QByteArray bytes = file.readAll();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (doc.isNull())
        throw InputError(path.toStdString(), long(bytes.left(error.offset).count('\n')) + 1,
                         "not valid JSON: " + error.errorString().toStdString());
    const QJsonObject o = doc.object();
    Palette p = base;
    const QJsonObject roles = o.value("roles").toObject();
    for (std::size_t i = 0; i < kRoleKeys.size(); ++i)
        if (roles.contains(kRoleKeys[i]))
            p.roles[i] = readColour(path, QString("roles.%1").arg(kRoleKeys[i]), roles.value(kRoleKeys[i]));
    p.series = readList(path, o, "series", base.series);
    p.motifClasses = readList(path, o, "motifClasses", base.motifClasses);
    return p;
}

// The built-in table is complete: every role and both lists (tests/ui/test_style_colours.cpp).
const Palette& builtIn() {
    static const Palette p = read(kBuiltIn, Palette{{}, {Qt::black}, {Qt::black}});
    return p;
}

Palette& current() {
    static Palette p = builtIn();
    return p;
}

QColor cycle(const std::vector<QColor>& list, int index) {
    const int n = int(list.size());
    return list[std::size_t(((index % n) + n) % n)];
}

}  // namespace

QColor colour(Role role) { return current().roles[std::size_t(role)]; }

QString colourName(Role role) { return colour(role).name(QColor::HexRgb); }

QColor series(int index) { return cycle(current().series, index); }

QColor motifClass(int index) { return cycle(current().motifClasses, index); }

void loadPalette(const QString& path) { current() = read(path, builtIn()); }

void resetPalette() { current() = builtIn(); }

}  // namespace motifloom::ui::style
