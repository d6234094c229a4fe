#pragma once
// Binary files of core/nn (saved networks, optimiser states): little-endian fields inside a
// frame that catches truncation and corruption.
//
//   frame = magic (8 bytes) | version (u32) | payload size (u64) | payload | FNV-1a-64(payload)
//
// BinaryWriter builds a payload in memory; writeFrame writes it. readFrame checks the magic,
// version, size and checksum and returns the payload; BinaryReader then reads fields with bounds
// checks. Every problem is an InputError naming `source` (a file name, or empty).

#include <bit>
#include <cstdint>
#include <cstring>
#include <iosfwd>
#include <span>
#include <string>
#include <vector>

namespace motifloom::nn {

static_assert(std::endian::native == std::endian::little, "binary files are little-endian");

class BinaryWriter {
public:
    template <class T>
    void put(T value) {
        static_assert(std::is_arithmetic_v<T>);
        const auto* p = reinterpret_cast<const char*>(&value);
        mData.append(p, sizeof(T));
    }
    void putString(const std::string& s) {
        put<std::uint64_t>(s.size());
        mData.append(s);
    }
    void putFloats(std::span<const float> values) {
        put<std::uint64_t>(values.size());
        mData.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
    }
    const std::string& data() const { return mData; }

private:
    std::string mData;
};

class BinaryReader {
public:
    BinaryReader(std::string data, std::string source, std::string what)
        : mData(std::move(data)), mSource(std::move(source)), mWhat(std::move(what)) {}

    template <class T>
    T get() {
        static_assert(std::is_arithmetic_v<T>);
        T value;
        std::memcpy(&value, take(sizeof(T)), sizeof(T));
        return value;
    }
    std::string getString(std::size_t maxSize = 1 << 20);
    // Reads a float array whose stored length must equal out.size().
    void getFloats(std::span<float> out, const std::string& tensorName);
    bool atEnd() const { return mPos == mData.size(); }
    [[noreturn]] void fail(const std::string& message) const;

private:
    const char* take(std::size_t n);
    std::string mData;
    std::size_t mPos = 0;
    std::string mSource, mWhat;
};

void writeFrame(std::ostream& out, const char (&magic)[9], std::uint32_t version,
                const std::string& payload);
// `what` names the content for messages ("network", "optimiser state").
BinaryReader readFrame(std::istream& in, const char (&magic)[9], std::uint32_t maxVersion,
                       const std::string& source, const std::string& what,
                       std::uint32_t* versionOut = nullptr);

}  // namespace motifloom::nn
