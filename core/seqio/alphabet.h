#pragma once
// The DNA alphabet: IUPAC letters <-> 4-bit base codes, complement, and on-the-fly one-hot.
//
// Codes (fixed by sequence_set.h): A = 1, C = 2, G = 4, T = 8, an ambiguity code is the union
// of its bases, N = 15, 0 = no base (padding). The 15 IUPAC letters are accepted in either
// case (soft-masked lower case reads as upper case):
//   A C G T | R=AG Y=CT S=CG W=AT K=GT M=AC | B=CGT D=AGT H=ACT V=ACG | N=ACGT
// Nothing else is a base: U, X, '-', '.', '*' and digits are illegal (the reader reports them).
//
// One-hot layout: 4 x length, row-major, rows A,C,G,T (like motif matrices); column j holds
// ((code >> b) & 1) / popcount(code) for base row b, so N is 0.25 each and padding all zeros.

#include "util/input_error.h"

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace motifloom::seqio {

inline constexpr std::uint8_t kInvalidCode = 0xFF;  // encodeBase's answer for a non-IUPAC char

namespace detail {
constexpr std::array<std::uint8_t, 256> makeEncodeTable() {
    std::array<std::uint8_t, 256> t{};
    for (auto& v : t) v = kInvalidCode;
    constexpr std::string_view letters = "ACMGRSVTWYHKDBN";  // letter of code 1..15
    for (std::size_t i = 0; i < letters.size(); ++i) {
        const char up = letters[i];
        t[std::uint8_t(up)] = std::uint8_t(i + 1);
        t[std::uint8_t(up - 'A' + 'a')] = std::uint8_t(i + 1);
    }
    return t;
}
inline constexpr std::array<std::uint8_t, 256> kEncodeTable = makeEncodeTable();
inline constexpr char kDecodeTable[17] = "NACMGRSVTWYHKDBN";  // index = code; 0 (padding) -> N
}  // namespace detail

// Code of an IUPAC letter (either case), or kInvalidCode.
constexpr std::uint8_t encodeBase(char c) { return detail::kEncodeTable[std::uint8_t(c)]; }

// Upper-case IUPAC letter of a code in [0, 15]. Padding (0) has no letter of its own and is
// written as 'N', the nearest letter (callers that must show padding differently test for 0).
constexpr char decodeBase(std::uint8_t code) { return detail::kDecodeTable[code & 15]; }

// True for codes that allow more than one base (N and the other ambiguity codes).
constexpr bool isAmbiguous(std::uint8_t code) { return std::popcount(unsigned(code & 15)) > 1; }

// Complement on the opposite strand: A<->T, C<->G bit-wise, so R (AG) -> Y (CT), N -> N, 0 -> 0.
constexpr std::uint8_t complementCode(std::uint8_t code) {
    return std::uint8_t(((code & 1) << 3) | ((code & 2) << 1) | ((code & 4) >> 1) | ((code & 8) >> 3));
}

// Codes of a text sequence. Throws InputError naming the first illegal character and its
// 0-based position (no file context: for sequences typed by a user or built in code).
inline std::vector<std::uint8_t> encodeSequence(std::string_view letters) {
    std::vector<std::uint8_t> out(letters.size());
    for (std::size_t i = 0; i < letters.size(); ++i) {
        out[i] = encodeBase(letters[i]);
        if (out[i] == kInvalidCode)
            throw InputError(std::string("illegal character '") + letters[i] + "' at position " +
                             std::to_string(i) + " of a DNA sequence");
    }
    return out;
}

// Upper-case letters of `length` codes (padding as 'N').
inline std::string decodeSequence(const std::uint8_t* codes, std::size_t length) {
    std::string out(length, 'N');
    for (std::size_t i = 0; i < length; ++i) out[i] = decodeBase(codes[i]);
    return out;
}

// Reverse complement of codes[0, length) into out[0, length); out must not alias codes.
inline void reverseComplement(const std::uint8_t* codes, std::size_t length, std::uint8_t* out) {
    for (std::size_t i = 0; i < length; ++i) out[length - 1 - i] = complementCode(codes[i]);
}

// One-hot of codes[0, length) into out[0, 4*length): layout 4 x length, rows A,C,G,T.
inline void oneHot(const std::uint8_t* codes, std::size_t length, float* out) {
    static constexpr float kShare[5] = {0.0f, 1.0f, 0.5f, 1.0f / 3.0f, 0.25f};
    for (std::size_t j = 0; j < length; ++j) {
        const unsigned c = codes[j] & 15u;
        const float v = kShare[std::popcount(c)];
        for (std::size_t b = 0; b < 4; ++b) out[b * length + j] = ((c >> b) & 1u) ? v : 0.0f;
    }
}

}  // namespace motifloom::seqio
