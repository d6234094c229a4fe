// Tests for core/util: the portable RNG, deterministic chunking, atomic writes, InputError.
#include "util/atomic_file.h"
#include "util/base64.h"
#include "util/input_error.h"
#include "util/parallel.h"
#include "util/rng.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <numeric>

using namespace motifloom;

class TestUtil : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rngIsReproducible() {
        Rng a(42), b(42), c(43);
        for (int i = 0; i < 100; ++i) {
            const auto x = a.next();
            QCOMPARE(x, b.next());
            QVERIFY(x != c.next());
        }
    }
    void rngUniformMoments() {
        Rng r(7);
        double sum = 0;
        const int n = 200000;
        for (int i = 0; i < n; ++i) sum += r.uniform();
        QVERIFY(std::abs(sum / n - 0.5) < 0.005);
        std::vector<int> counts(5, 0);
        for (int i = 0; i < n; ++i) ++counts[r.below(5)];
        for (int c : counts) QVERIFY(std::abs(c / double(n) - 0.2) < 0.005);
    }
    void chunksIndependentOfThreads() {
        auto run = [](int threads) {
            parallel::setThreadCount(threads);
            const std::size_t n = 1003, grain = 17;
            std::vector<double> partial(parallel::chunkCount(0, n, grain));
            parallel::forChunks(0, n, grain, [&](std::size_t b, std::size_t e) {
                double s = 0;
                for (std::size_t i = b; i < e; ++i) s += 1.0 / double(i + 1);
                partial[b / grain] = s;
            });
            return std::accumulate(partial.begin(), partial.end(), 0.0);
        };
        QCOMPARE(run(1), run(2));
        parallel::setThreadCount(0);
    }
    void atomicWriteReplacesWhole() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("out.txt").toStdString();
        writeTextFileAtomically(path, "first");
        try {
            writeFileAtomically(path, [](std::ostream& out) {
                out << "partial";
                throw std::runtime_error("interrupted");
            });
            QFAIL("expected an exception");
        } catch (const std::runtime_error&) {
        }
        std::ifstream in(path);
        std::string content((std::istreambuf_iterator<char>(in)), {});
        QCOMPARE(content, std::string("first"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);  // no temp file left
    }
    void inputErrorNamesFileAndLine() {
        InputError e("reads.fa", 12, "illegal character 'X' in sequence chr2_17");
        QCOMPARE(std::string(e.what()), std::string("reads.fa line 12: illegal character 'X' in sequence chr2_17"));
        QCOMPARE(e.line(), 12L);
    }
    // RFC 4648's test vectors, all 256 byte values both ways, and strictness.
    void base64() {
        const std::pair<const char*, const char*> vectors[] = {{"", ""},         {"f", "Zg=="},
                                                               {"fo", "Zm8="},   {"foo", "Zm9v"},
                                                               {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
                                                               {"foobar", "Zm9vYmFy"}};
        for (const auto& [plain, encoded] : vectors) {
            QCOMPARE(base64Encode(plain), std::string(encoded));
            QCOMPARE(base64Decode(encoded).value_or("?"), std::string(plain));
        }
        std::string all;
        for (int i = 0; i < 256; ++i) all += char(i);
        QCOMPARE(base64Decode(base64Encode(all)).value_or("?"), all);
        QCOMPARE(base64Decode("Zm8").value_or("?"), std::string("fo"));  // padding may be left out
        for (const char* bad : {"Zm9v!", "Z", "Zm=9", "Zg===", "Zm9vY", "Zm 9v"})
            QVERIFY2(!base64Decode(bad), bad);
    }
};

QTEST_APPLESS_MAIN(TestUtil)
#include "test_util.moc"
