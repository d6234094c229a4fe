#include "logo/logo_style.h"

#include <QStringList>

#include <cassert>

namespace motifloom::ui {

QString logoKindName(LogoKind kind) {
    switch (kind) {
    case LogoKind::Bits: return QStringLiteral("bits");
    case LogoKind::Probability: return QStringLiteral("probability");
    case LogoKind::Weight: return QStringLiteral("weight");
    }
    assert(false && "unknown logo kind");
    return {};
}

QStringList logoKindNames() {
    return {logoKindName(LogoKind::Bits), logoKindName(LogoKind::Probability),
            logoKindName(LogoKind::Weight)};
}

std::optional<LogoKind> logoKindFromName(const QString& name) {
    for (LogoKind k : {LogoKind::Bits, LogoKind::Probability, LogoKind::Weight})
        if (name.compare(logoKindName(k), Qt::CaseInsensitive) == 0) return k;
    return std::nullopt;
}

QString logoAxisLabel(LogoKind kind) {
    switch (kind) {
    case LogoKind::Bits: return QStringLiteral("bits");
    case LogoKind::Probability: return QStringLiteral("probability");
    case LogoKind::Weight: return QStringLiteral("log-odds (bits)");
    }
    assert(false && "unknown logo kind");
    return {};
}

}  // namespace motifloom::ui
