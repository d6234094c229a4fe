#pragma once
// FastaReader: a streaming FASTA reader, one record at a time, plain or gzip input (detected
// from the content by zlib, whatever the file name).
//
// What it accepts (the "ugly" files real users have):
//   - records ">ID description words..." followed by any number of sequence lines, lines of
//     any length (a whole chromosome on one line is fine);
//   - LF or CRLF line ends, a UTF-8 byte-order mark, blank lines anywhere, spaces and tabs
//     inside sequence lines (ignored: they are layout, not bases);
//   - lower case (soft-masked) letters, read as upper case;
//   - N and the other IUPAC ambiguity codes, encoded as the union of their bases (uniform
//     probability in the one-hot, see alphabet.h) - never dropped. Each sequence holding
//     any is counted once under the warning kind kWarnAmbiguous.
// What it rejects, with InputError(file, line, message) naming the 1-based line:
//   missing/unreadable file (line 0), an empty file, text before the first header, a header
//   without an id, a header followed by no sequence (another header, or the end of the file:
//   a truncated record), an illegal character in a sequence, binary data, a damaged or
//   truncated gzip stream.
//
// Progress and cancel: the optional callback is called after each block read (about 1 MB of
// the file on disk, compressed bytes for .gz) with (bytes done, bytes total). Returning false
// cancels: next() then throws LoadCancelled, which is *not* an InputError (nothing is wrong
// with the file), so callers can tell "user stopped" from "bad input".

#include "util/warnings.h"

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

struct gzFile_s;  // zlib's file handle (kept out of this header)

namespace motifloom::seqio {

// (bytesDone, bytesTotal) -> keep going? bytesTotal is 0 when the size is unknown.
using ProgressCallback = std::function<bool(std::uint64_t bytesDone, std::uint64_t bytesTotal)>;

// Thrown when a ProgressCallback asks to stop. Partial results are discarded by the thrower.
class LoadCancelled : public std::runtime_error {
public:
    LoadCancelled() : std::runtime_error("loading cancelled") {}
};

// Warning kind: a sequence containing N or another IUPAC ambiguity code (counted once per
// sequence; the example names the file, line and letter of the first one).
inline constexpr const char* kWarnAmbiguous =
    "sequences with N or other IUPAC ambiguity codes (read as uniform over the allowed bases)";

struct FastaRecord {
    std::string id;                   // header text up to the first space or tab
    std::vector<std::string> tokens;  // the rest of the header, split at spaces and tabs
    std::vector<std::uint8_t> codes;  // base codes (alphabet.h), never empty
    long line = 0;                    // 1-based line of the header
    long ambiguous = 0;               // number of codes that are not exactly one base
};

class FastaReader {
public:
    // Opens `path` (plain or gzip). Throws InputError(path, 0, ...) if it cannot be opened.
    explicit FastaReader(std::string path, ProgressCallback progress = {});
    ~FastaReader();
    FastaReader(const FastaReader&) = delete;
    FastaReader& operator=(const FastaReader&) = delete;

    // Reads the next record into `record` (reusing its storage). Returns false after the last
    // record. Throws InputError on bad input (an empty file included), LoadCancelled on cancel.
    bool next(FastaRecord& record);

    const std::string& path() const { return mPath; }
    long recordsRead() const { return mRecords; }
    const Warnings& warnings() const { return mWarnings; }  // kWarnAmbiguous so far

private:
    bool fill();  // refills the buffer; false at the end of the file
    bool more() { return mPos < mEnd || fill(); }
    void readHeader(FastaRecord& record);
    void readSequenceLine(FastaRecord& record);
    [[noreturn]] void fail(long line, const std::string& message) const;

    std::string mPath;
    ProgressCallback mProgress;
    gzFile_s* mFile = nullptr;
    std::uint64_t mTotalBytes = 0;
    std::vector<char> mBuffer;
    std::size_t mPos = 0, mEnd = 0;
    bool mEof = false;
    bool mStarted = false;        // first block seen (byte-order mark handled)
    bool mHeaderPending = false;  // the '>' of the next record has been consumed
    bool mDone = false;
    std::uint64_t mBytesSeen = 0; // uncompressed bytes delivered so far
    long mLine = 1;               // line of mBuffer[mPos]
    long mRecords = 0;
    std::string mHeader;
    long mAmbiguousLine = 0;      // first ambiguity code of the current record (for warnings)
    char mAmbiguousLetter = 'N';
    Warnings mWarnings;
};

}  // namespace motifloom::seqio
