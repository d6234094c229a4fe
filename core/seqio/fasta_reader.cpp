#include "seqio/fasta_reader.h"

#include "seqio/alphabet.h"
#include "util/input_error.h"
#include "util/text.h"

#include <zlib.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace motifloom::seqio {

namespace {

constexpr std::size_t kBlockBytes = std::size_t(1) << 20;   // our buffer: one progress step
constexpr unsigned kZlibBufferBytes = 256u * 1024u;          // zlib's own input buffer
constexpr std::size_t kMaxHeaderBytes = std::size_t(1) << 20;

// Per byte: a base code 1..15, kSkip for layout white space, kInvalidCode for anything else.
constexpr std::uint8_t kSkip = 0x40;
constexpr std::array<std::uint8_t, 256> makeReadTable() {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) t[std::size_t(c)] = encodeBase(char(c));
    t[std::uint8_t(' ')] = t[std::uint8_t('\t')] = t[std::uint8_t('\r')] = kSkip;
    return t;
}
constexpr std::array<std::uint8_t, 256> kReadTable = makeReadTable();

bool isBinaryByte(unsigned char c) { return (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f; }

std::string hexByte(unsigned char c) {
    char text[8];
    std::snprintf(text, sizeof text, "0x%02X", unsigned(c));
    return text;
}

// "'X'" for printable ASCII, "byte 0x00" otherwise.
std::string describeChar(unsigned char c) {
    if (c >= 0x20 && c < 0x7f) return std::string("character '") + char(c) + "'";
    return "byte " + hexByte(c);
}

std::string illegalHint(unsigned char c) {
    switch (c) {
    case '>': return " (a header must start at the beginning of its line)";
    case 'U': case 'u': return " (RNA? only DNA letters are accepted: write T for U)";
    case '-': case '.': return " (alignment gaps are not supported)";
    default: break;
    }
    if (c >= '0' && c <= '9') return " (numbered sequence lines are not FASTA)";
    if (c < 0x20 || c >= 0x7f) return " (binary data?)";
    return {};
}

}  // namespace

FastaReader::FastaReader(std::string path, ProgressCallback progress)
    : mPath(std::move(path)), mProgress(std::move(progress)) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(mPath, ec);
    if (!fs::exists(status)) throw InputError(mPath, 0, "file not found");
    if (fs::is_directory(status)) throw InputError(mPath, 0, "this is a folder, not a FASTA file");
    const auto size = fs::file_size(mPath, ec);
    mTotalBytes = ec ? 0 : std::uint64_t(size);
    mFile = gzopen(mPath.c_str(), "rb");
    if (!mFile) throw InputError(mPath, 0, std::string("cannot open the file: ") + std::strerror(errno));
    gzbuffer(mFile, kZlibBufferBytes);
    mBuffer.resize(kBlockBytes);
}

FastaReader::~FastaReader() {
    if (mFile) gzclose(mFile);
}

void FastaReader::fail(long line, const std::string& message) const { throw InputError(mPath, line, message); }

bool FastaReader::fill() {
    if (mEof) return false;
    const int n = gzread(mFile, mBuffer.data(), unsigned(mBuffer.size()));
    int errnum = Z_OK;
    if (n < 0) {
        const char* zmsg = gzerror(mFile, &errnum);
        if (errnum == Z_ERRNO) fail(mLine, std::string("read error: ") + std::strerror(errno));
        // zlib prefixes its message with the path, which ours already names.
        std::string detail = zmsg ? zmsg : "unknown error";
        if (detail.starts_with(mPath + ": ")) detail.erase(0, mPath.size() + 2);
        fail(mLine, "damaged gzip data (" + detail + ")");
    }
    if (n == 0) {
        // zlib reports a gzip stream cut short as a normal end plus Z_BUF_ERROR.
        gzerror(mFile, &errnum);
        if (errnum == Z_BUF_ERROR)
            fail(mLine, "the gzip file is truncated (its compressed data ends unexpectedly)");
        mEof = true;
        if (mProgress && !mProgress(mTotalBytes, mTotalBytes)) throw LoadCancelled();
        return false;
    }
    mPos = 0;
    mEnd = std::size_t(n);
    mBytesSeen += std::uint64_t(n);
    if (!mStarted) {
        mStarted = true;
        if (mEnd >= 3 && std::memcmp(mBuffer.data(), "\xEF\xBB\xBF", 3) == 0) mPos = 3;  // UTF-8 BOM
    }
    if (mProgress) {
        const z_off_t offset = gzoffset(mFile);
        std::uint64_t done = offset < 0 ? 0 : std::uint64_t(offset);
        if (mTotalBytes > 0 && done > mTotalBytes) done = mTotalBytes;
        if (!mProgress(done, mTotalBytes)) throw LoadCancelled();
    }
    return mPos < mEnd || fill();
}

bool FastaReader::next(FastaRecord& record) {
    if (mDone) return false;
    record.id.clear();
    record.tokens.clear();
    record.codes.clear();
    record.ambiguous = 0;

    if (!mHeaderPending) {  // only before the first record: skip blank lines, expect '>'
        for (;;) {
            if (!more()) {
                mDone = true;
                if (mBytesSeen == 0) fail(1, "the file is empty (no FASTA records)");
                fail(mLine, "the file holds only blank lines (no FASTA records)");
            }
            const unsigned char c = std::uint8_t(mBuffer[mPos]);
            if (c == '\n') {
                ++mLine;
                ++mPos;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                ++mPos;
            } else if (c == '>') {
                ++mPos;
                break;
            } else if (isBinaryByte(c) || c >= 0x80) {
                fail(mLine, "binary data (" + describeChar(c) + ") where a FASTA header starting with '>' "
                            "was expected; is this a FASTA file?");
            } else if (c == '@') {
                fail(mLine, "found '@' where a FASTA header starting with '>' was expected "
                            "(FASTQ files are not supported)");
            } else {
                fail(mLine, "found " + describeChar(c) + " where a FASTA header starting with '>' was "
                            "expected");
            }
        }
    }
    mHeaderPending = false;
    record.line = mLine;
    readHeader(record);

    mAmbiguousLine = 0;
    while (more()) {
        if (mBuffer[mPos] == '>') {
            ++mPos;
            mHeaderPending = true;
            break;
        }
        readSequenceLine(record);
    }
    if (!mHeaderPending) mDone = true;
    if (record.codes.empty()) {
        if (mHeaderPending)
            fail(record.line, "the header of sequence " + record.id +
                                  " is followed by another header, not by a sequence");
        fail(record.line, "the file ends after the header of sequence " + record.id +
                              " (truncated record: no sequence)");
    }
    ++mRecords;
    if (record.ambiguous > 0)
        mWarnings.add(kWarnAmbiguous, mPath + " line " + std::to_string(mAmbiguousLine) + ": '" +
                                          mAmbiguousLetter + "' in sequence " + record.id);
    return true;
}

void FastaReader::readHeader(FastaRecord& record) {
    mHeader.clear();
    while (more()) {
        const char* begin = mBuffer.data() + mPos;
        const std::size_t avail = mEnd - mPos;
        const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', avail));
        const std::size_t len = newline ? std::size_t(newline - begin) : avail;
        mHeader.append(begin, len);
        mPos += len;
        if (newline) {
            ++mPos;
            ++mLine;
            break;
        }
        if (mHeader.size() > kMaxHeaderBytes)
            fail(record.line, "the header line is longer than 1 MB (binary data?)");
    }
    for (unsigned char c : mHeader)
        if (isBinaryByte(c)) fail(record.line, "binary data (byte " + hexByte(c) + ") in a header line");

    // Split at spaces, tabs and stray CRs: the first word is the id, the rest are tokens.
    for (const std::string_view word : splitWhitespace(mHeader)) {
        if (record.id.empty())
            record.id = word;
        else
            record.tokens.emplace_back(word);
    }
    if (record.id.empty()) fail(record.line, "a header line has no sequence id after '>'");
}

void FastaReader::readSequenceLine(FastaRecord& record) {
    while (more()) {
        const char* begin = mBuffer.data() + mPos;
        const std::size_t avail = mEnd - mPos;
        const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', avail));
        const std::size_t len = newline ? std::size_t(newline - begin) : avail;

        const std::size_t old = record.codes.size();
        record.codes.resize(old + len);
        std::uint8_t* out = record.codes.data() + old;
        std::size_t kept = 0;
        for (std::size_t i = 0; i < len; ++i) {
            const unsigned char c = std::uint8_t(begin[i]);
            const std::uint8_t v = kReadTable[c];
            if (v <= 15) {
                out[kept++] = v;
                if (v & (v - 1)) {  // more than one base allowed
                    if (record.ambiguous++ == 0) {
                        mAmbiguousLine = mLine;
                        mAmbiguousLetter = char(c >= 'a' ? c - 'a' + 'A' : c);
                    }
                }
            } else if (v != kSkip) {
                record.codes.resize(old + kept);
                fail(mLine, "illegal " + describeChar(c) + " in sequence " + record.id + illegalHint(c));
            }
        }
        record.codes.resize(old + kept);
        mPos += len;
        if (newline) {
            ++mPos;
            ++mLine;
            return;
        }
    }
}

}  // namespace motifloom::seqio
