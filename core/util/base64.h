#pragma once
// Base64 (RFC 4648, standard alphabet "A-Za-z0-9+/", '=' padding): how session files carry
// binary model weights inside JSON (core/lab/run_record.h).

#include <optional>
#include <string>
#include <string_view>

namespace motifloom {

// Padded base64 of `bytes`.
std::string base64Encode(std::string_view bytes);

// The bytes of `text`, or nullopt when it is not strict base64: only the alphabet, '=' only as
// the last one or two characters, and a length that whole bytes explain (the padding may be
// left out).
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace motifloom
