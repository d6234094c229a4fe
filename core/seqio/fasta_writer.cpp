// writeFasta: text is built in ~1 MB blocks and streamed into writeFileAtomically, so a set of
// any size costs one pass and a bounded buffer. A path ending in ".gz" is written as gzip
// (deflated block by block), which FastaReader reads back transparently.
#include "seqio/fasta_writer.h"

#include "seqio/alphabet.h"
#include "util/atomic_file.h"
#include "util/input_error.h"

#include <zlib.h>

#include <cassert>
#include <ostream>

namespace motifloom::seqio {

namespace {

constexpr std::size_t kBlockBytes = std::size_t(1) << 20;

bool hasSpace(const std::string& s) {
    return s.find_first_of(" \t\r\n") != std::string::npos;
}

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Sink for text blocks: plain pass-through or a gzip stream.
class BlockSink {
public:
    BlockSink(std::ostream& out, bool gzip, const std::string& path) : mOut(out), mGzip(gzip), mPath(path) {
        if (mGzip && deflateInit2(&mZ, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            throw InputError(mPath, 0, "cannot start gzip compression");
        mZOut.resize(kBlockBytes);
    }
    ~BlockSink() {
        if (mGzip) deflateEnd(&mZ);
    }
    void write(const std::string& block, bool last) {
        if (!mGzip) {
            mOut.write(block.data(), std::streamsize(block.size()));
            return;
        }
        mZ.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(block.data()));
        mZ.avail_in = uInt(block.size());
        const int flush = last ? Z_FINISH : Z_NO_FLUSH;
        int rc = Z_OK;
        do {
            mZ.next_out = mZOut.data();
            mZ.avail_out = uInt(mZOut.size());
            rc = deflate(&mZ, flush);
            if (rc == Z_STREAM_ERROR) throw InputError(mPath, 0, "gzip compression failed");
            mOut.write(reinterpret_cast<const char*>(mZOut.data()), std::streamsize(mZOut.size() - mZ.avail_out));
        } while (mZ.avail_out == 0 || (last && rc != Z_STREAM_END));
    }

private:
    std::ostream& mOut;
    bool mGzip;
    const std::string& mPath;
    z_stream mZ{};
    std::vector<Bytef> mZOut;
};

}  // namespace

void writeFasta(const std::string& path, const SequenceSet& set) {
    const std::size_t n = set.size();
    const int classes = set.numClasses();
    assert(set.codes.size() == n * std::size_t(set.length));
    assert(set.labels.size() == n * std::size_t(classes));

    // Names that would not survive the round trip are user data (file stems, ids), so they
    // are reported, not asserted.
    for (std::size_t i = 0; i < n; ++i) {
        if (set.ids[i].empty()) throw InputError(path, 0, "sequence " + std::to_string(i + 1) + " has an empty id");
        if (hasSpace(set.ids[i]))
            throw InputError(path, 0, "sequence id '" + set.ids[i] + "' contains white space");
    }
    if (set.task == TaskKind::SingleLabel)
        for (const auto& name : set.classNames)
            if (name.empty() || hasSpace(name))
                throw InputError(path, 0, "class name '" + name + "' cannot be written as class=NAME "
                                          "(it is empty or contains white space)");

    const bool gzip = endsWith(path, ".gz");
    writeFileAtomically(path, [&](std::ostream& out) {
        BlockSink sink(out, gzip, path);
        std::string block;
        block.reserve(kBlockBytes + std::size_t(set.length) + 4096);
        for (std::size_t i = 0; i < n; ++i) {
            block += '>';
            block += set.ids[i];
            const float* label = set.label(i);
            if (classes > 0 && set.task == TaskKind::MultiLabel) {
                block += " labels=";
                for (int c = 0; c < classes; ++c) {
                    assert(label[c] == 0.0f || label[c] == 1.0f);
                    if (c > 0) block += ',';
                    block += label[c] > 0.5f ? '1' : '0';
                }
            } else if (classes > 0) {
                int chosen = -1;
                for (int c = 0; c < classes; ++c)
                    if (label[c] > 0.5f) {
                        assert(chosen < 0 && "single-label row with more than one class");
                        if (chosen < 0) chosen = c;
                    }
                assert(chosen >= 0 && "single-label row with no class");
                if (chosen >= 0) {
                    block += " class=";
                    block += set.classNames[std::size_t(chosen)];
                }
            }
            block += '\n';
            const std::size_t at = block.size();
            block.resize(at + std::size_t(set.length) + 1);
            const std::uint8_t* codes = set.sequence(i);
            char* text = block.data() + at;
            for (int j = 0; j < set.length; ++j) text[j] = decodeBase(codes[j]);
            text[set.length] = '\n';
            if (block.size() >= kBlockBytes) {
                sink.write(block, false);
                block.clear();
            }
        }
        sink.write(block, true);
    });
}

}  // namespace motifloom::seqio
