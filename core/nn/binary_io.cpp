#include "nn/binary_io.h"

#include "util/input_error.h"

#include <istream>
#include <ostream>

namespace motifloom::nn {

namespace {
std::uint64_t fnv1a(const std::string& data) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : data) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

constexpr std::uint64_t kMaxPayload = std::uint64_t(1) << 34;  // 16 GiB: anything larger is corrupt
}  // namespace

std::string BinaryReader::getString(std::size_t maxSize) {
    const auto n = get<std::uint64_t>();
    if (n > maxSize) fail("a text field is implausibly long (" + std::to_string(n) + " bytes)");
    return std::string(take(std::size_t(n)), std::size_t(n));
}

void BinaryReader::getFloats(std::span<float> out, const std::string& tensorName) {
    const auto n = get<std::uint64_t>();
    if (n != out.size())
        fail(tensorName + " holds " + std::to_string(n) + " values where the architecture needs " +
             std::to_string(out.size()));
    std::memcpy(out.data(), take(out.size() * sizeof(float)), out.size() * sizeof(float));
}

const char* BinaryReader::take(std::size_t n) {
    if (n > mData.size() - mPos) fail("unexpected end of data");
    const char* p = mData.data() + mPos;
    mPos += n;
    return p;
}

void BinaryReader::fail(const std::string& message) const {
    throw InputError(mSource, 0, "corrupt " + mWhat + ": " + message);
}

void writeFrame(std::ostream& out, const char (&magic)[9], std::uint32_t version,
                const std::string& payload) {
    out.write(magic, 8);
    out.write(reinterpret_cast<const char*>(&version), sizeof version);
    const std::uint64_t size = payload.size();
    out.write(reinterpret_cast<const char*>(&size), sizeof size);
    out.write(payload.data(), std::streamsize(payload.size()));
    const std::uint64_t hash = fnv1a(payload);
    out.write(reinterpret_cast<const char*>(&hash), sizeof hash);
}

BinaryReader readFrame(std::istream& in, const char (&magic)[9], std::uint32_t maxVersion,
                       const std::string& source, const std::string& what,
                       std::uint32_t* versionOut) {
    auto fail = [&](const std::string& message) { throw InputError(source, 0, message); };
    char head[8];
    if (!in.read(head, 8) || std::memcmp(head, magic, 8) != 0)
        fail("not a MotifLoom " + what + " file (unknown header)");
    std::uint32_t version = 0;
    std::uint64_t size = 0;
    if (!in.read(reinterpret_cast<char*>(&version), sizeof version) ||
        !in.read(reinterpret_cast<char*>(&size), sizeof size))
        fail("truncated " + what + " file (the header is incomplete)");
    if (version == 0 || version > maxVersion)
        fail(what + " file format version " + std::to_string(version) +
             " is not supported (this program reads up to version " + std::to_string(maxVersion) +
             "; it may come from a newer MotifLoom)");
    if (size > kMaxPayload) fail("corrupt " + what + " file (implausible size)");
    std::string payload;
    // Read in bounded steps so a corrupt size cannot make us allocate everything up front.
    constexpr std::size_t kStep = std::size_t(1) << 24;
    while (payload.size() < size) {
        const std::size_t n = std::size_t(std::min<std::uint64_t>(kStep, size - payload.size()));
        const std::size_t old = payload.size();
        payload.resize(old + n);
        if (!in.read(payload.data() + old, std::streamsize(n)))
            fail("truncated " + what + " file (" + std::to_string(old + std::size_t(in.gcount())) +
                 " of " + std::to_string(size) + " bytes of data)");
    }
    std::uint64_t hash = 0;
    if (!in.read(reinterpret_cast<char*>(&hash), sizeof hash))
        fail("truncated " + what + " file (the checksum is missing)");
    if (hash != fnv1a(payload)) fail("corrupt " + what + " file (checksum mismatch)");
    if (versionOut) *versionOut = version;
    return BinaryReader(std::move(payload), source, what);
}

}  // namespace motifloom::nn
