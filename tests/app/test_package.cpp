// The Debian package (packaging/cmake/DebianPackage.cmake), built by the CTest fixture
// package_build (cpack into build/package-test, tests/CMakeLists.txt) and unpacked here with
// `dpkg-deb -x` into a temporary root. Everything runs from the unpacked /usr/bin and must find
// its data under the unpacked /usr/share/motifloom:
//   - the control fields (version, dependencies computed by dpkg-shlibdeps) and the file list;
//   - --version of the three programs, `motifloom-cli info` and `demo` on 600 sequences;
//   - the desktop lab's real main window, offscreen, closing itself (--quit-after);
//   - the man pages (help2man, with every command of motifloom-cli) and the bash completion,
//     exercised through bash-completion's own functions;
//   - the packaged motifloom-cli under `qemu-x86_64 -cpu Nehalem` (no AVX): `info` and one
//     epoch on 500 sequences of CNN-25 and of CNN-2.
#include "cli_runner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace motifloom;

namespace {

const QString kVersion = QStringLiteral(MOTIFLOOM_VERSION);
const QString kPackage = QStringLiteral(MOTIFLOOM_PACKAGE_DIR "/motifloom_" MOTIFLOOM_VERSION "_amd64.deb");
const QString kAppId = QStringLiteral("io.github.motifloom.motifloom");

QString describe(const testing::CliResult& r) {
    return QString("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out.right(3000), r.err.right(3000));
}

}  // namespace

class TestPackage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(QFileInfo::exists(kPackage), qPrintable("no package " + kPackage + " (the fixture package_build makes it)"));
        QVERIFY(mRoot.isValid());
        const auto r = testing::runProgram("dpkg-deb", {"-x", kPackage, mRoot.path()}, QProcessEnvironment::systemEnvironment(), 120000);
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        mBin = mRoot.filePath("usr/bin/");
        mData = mRoot.filePath("usr/share/motifloom");
        QVERIFY(mHome.isValid());
    }

    void controlFields() {
        const auto r = testing::runProgram("dpkg-deb", {"-f", kPackage, "Package", "Version", "Architecture", "Depends"});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains("Package: motifloom\n"), qPrintable(r.out));
        QVERIFY2(r.out.contains("Version: " + kVersion + "\n"), qPrintable(r.out));
        QVERIFY2(r.out.contains("Architecture: amd64\n"), qPrintable(r.out));
        // Computed by dpkg-shlibdeps from the programs: Qt, oneTBB, zlib, the C++ runtime.
        for (const char* library : {"libqt6widgets6", "libqt6svg6", "libtbb12", "zlib1g", "libstdc++6", "libc6"})
            QVERIFY2(r.out.contains(QRegularExpression(QString("Depends: .*\\b%1 \\(").arg(QRegularExpression::escape(library)))), qPrintable(r.out));
        QVERIFY2(!r.out.contains("python3"), qPrintable(r.out));  // PyTorch is no dependency
    }

    void fileList() {
        const auto r = testing::runProgram("dpkg-deb", {"-c", kPackage});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QStringList files;
        for (const QString& line : r.out.split('\n', Qt::SkipEmptyParts)) {
            const QString path = line.section(' ', -1);
            QVERIFY2(path.startsWith("./usr/"), qPrintable("outside /usr: " + line));
            QVERIFY2(line.startsWith("drwxr-xr-x root/root") || line.startsWith("-rw-r--r-- root/root") ||
                         line.startsWith("-rwxr-xr-x root/root"),
                     qPrintable("owner or mode: " + line));
            if (!line.startsWith('d')) files << path.mid(1);
        }
        QStringList expected = {"/usr/bin/motifloom",
                                "/usr/bin/motifloom-cli",
                                "/usr/bin/motifloom-bench",
                                "/usr/share/motifloom/pfm_vertebrates.txt",
                                "/usr/share/applications/" + kAppId + ".desktop",
                                "/usr/share/metainfo/" + kAppId + ".metainfo.xml",
                                "/usr/share/mime/packages/" + kAppId + ".xml",
                                "/usr/share/icons/hicolor/scalable/apps/" + kAppId + ".svg",
                                "/usr/share/man/man1/motifloom.1.gz",
                                "/usr/share/man/man1/motifloom-cli.1.gz",
                                "/usr/share/man/man1/motifloom-bench.1.gz",
                                "/usr/share/bash-completion/completions/motifloom-cli",
                                "/usr/share/doc/motifloom/copyright",
                                "/usr/share/doc/motifloom/changelog.gz"};
        for (int size : {16, 32, 48, 64, 128, 256})
            expected << QString("/usr/share/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(kAppId);
        for (const QString& f : expected) QVERIFY2(files.contains(f), qPrintable("missing " + f));
        QCOMPARE(files.size(), expected.size());  // nothing else (no tests, no headers)
    }

    void versions() {
        QCOMPARE(run("motifloom-cli", {"--version"}).out, "motifloom-cli (MotifLoom) " + kVersion + "\n");
        QCOMPARE(run("motifloom-bench", {"--version"}).out, "motifloom-bench (MotifLoom) " + kVersion + "\n");
        QCOMPARE(run("motifloom", {"--version"}).out, "MotifLoom " + kVersion + "\n");
    }

    void infoFindsThePackagedData() {
        const auto r = run("motifloom-cli", {"info"});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.startsWith("MotifLoom " + kVersion + " "), qPrintable(r.out));
        QVERIFY2(r.out.contains("data folder: " + mData + "\n"), qPrintable(r.out));
    }

    void demoOnSmallData() {
        QTemporaryDir out;
        QVERIFY(out.isValid());
        const auto r = run("motifloom-cli", {"demo", "--out", out.path(), "--count", "600", "--epochs", "1", "--threads", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains("3. What did the first-layer filters learn?"), qPrintable(r.out));
        QVERIFY2(QFileInfo(out.filePath("filters.png")).size() > 1000, qPrintable(describe(r)));
        QVERIFY2(QFileInfo(out.filePath("run/model.mlm")).size() > 0, qPrintable(describe(r)));
        // The filters were compared with the packaged JASPAR file (written next to the logos).
        QFile meme(out.filePath("filters.meme"));
        QVERIFY2(meme.open(QIODevice::ReadOnly), qPrintable(describe(r)));
        QVERIFY(meme.readAll().startsWith("MEME version"));
    }

    // The real main window, offscreen: shown, then closed by itself, exit status 0.
    void guiStartsAndQuits() {
        const auto r = run("motifloom", {"--quit-after", "2"}, 90000);
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(!r.err.contains("cannot find"), qPrintable(describe(r)));
    }

    void fail_guiBadQuitAfter() {
        const auto r = run("motifloom", {"--quit-after", "soon"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("option --quit-after needs a number of seconds"), qPrintable(r.err));
    }

    void manPages_data() {
        QTest::addColumn<QString>("program");
        QTest::newRow("motifloom") << "motifloom";
        QTest::newRow("motifloom-cli") << "motifloom-cli";
        QTest::newRow("motifloom-bench") << "motifloom-bench";
    }
    void manPages() {
        QFETCH(QString, program);
        const auto r = testing::runProgram("gzip", {"-dc", mRoot.filePath("usr/share/man/man1/" + program + ".1.gz")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains(QRegularExpression("^\\.TH \"?" + QRegularExpression::escape(program.toUpper()) +
                                                   "\"? \"?1\"? .*" + QRegularExpression::escape(kVersion),
                                                   QRegularExpression::MultilineOption)),
                 qPrintable(r.out.left(2000)));
        QVERIFY2(r.out.contains("MOTIFLOOM_ISA"), qPrintable(r.out.left(2000)));
        if (program == "motifloom-cli") {
            // Every command and the motifs subcommands, with their options.
            for (const char* c : {"train", "evaluate", "demo", "info", "simulate", "motifs list", "motifs show",
                                  "motifs convert", "tomtom", "filters", "export", "import", "sweep", "attribute"})
                QVERIFY2(r.out.contains(QString(".SS %1\n").arg(c)), c);
            QVERIFY(r.out.contains("\\-\\-arch"));
        }
        if (program == "motifloom-bench") QVERIFY(r.out.contains("\\-\\-reference"));
    }

    // Completion through bash-completion itself: COMP_WORDS as bash fills them, then COMPREPLY.
    void bashCompletion_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("expected");
        QTest::newRow("commands") << "motifloom-cli " << "train evaluate demo info simulate motifs tomtom filters export import sweep attribute --help --version";
        QTest::newRow("one command") << "motifloom-cli tr" << "train";
        QTest::newRow("an option") << "motifloom-cli train --ar" << "--arch";
        QTest::newRow("choices") << "motifloom-cli export --format " << "pytorch onnx";
        QTest::newRow("choice prefix") << "motifloom-cli train --optimizer s" << "sgd";
        QTest::newRow("subcommands") << "motifloom-cli motifs " << "list show convert --help";
        QTest::newRow("subcommand option") << "motifloom-cli motifs show --f" << "--file";
        QTest::newRow("a number") << "motifloom-cli train --epochs " << "";
    }
    void bashCompletion() {
        QFETCH(QString, line);
        QFETCH(QString, expected);
        const QString framework = "/usr/share/bash-completion/bash_completion";
        if (!QFileInfo::exists(framework)) QSKIP("bash-completion is not installed");
        const QString script = QString(
            "source %1; source %2; COMP_LINE='%3'; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<<\"$COMP_LINE\"; "
            "[[ $COMP_LINE == *' ' ]] && COMP_WORDS+=(''); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
            "_motifloom_cli; echo \"${COMPREPLY[*]}\"")
                                   .arg(framework, mRoot.filePath("usr/share/bash-completion/completions/motifloom-cli"), line);
        const auto r = testing::runProgram("bash", {"-c", script});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(r.out.trimmed(), expected);
    }

    // A CPU without AVX: the packaged program takes the generic kernels and nothing traps.
    void runsOnNehalem() {
        const QString qemu = QStandardPaths::findExecutable("qemu-x86_64");
        if (qemu.isEmpty()) QSKIP("qemu-x86_64 not found (Debian package qemu-user): portability not checked");
        const QString cli = mBin + "motifloom-cli";
        const auto info = testing::runProgram(qemu, {"-cpu", "Nehalem", cli, "info"}, environment(), 120000);
        QVERIFY2(info.exitCode == 0, qPrintable(describe(info)));
        QVERIFY2(info.out.contains("instruction set: generic ("), qPrintable(info.out));
        QVERIFY2(info.out.contains("data folder: " + mData + "\n"), qPrintable(info.out));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // CNN-2 also trains its second convolution as one block (nn/conv_block.h).
        for (const QString model : {"CNN-25", "CNN-2"}) {
            const auto train = testing::runProgram(
                qemu,
                {"-cpu", "Nehalem", cli, "train", "--arch", model, "--data", "synthetic", "--count", "500", "--epochs",
                 "1", "--threads", "2", "--seed", "3", "--out", dir.filePath(model)},
                environment(), 600000);
            QVERIFY2(train.exitCode == 0, qPrintable(describe(train)));
            QVERIFY2(QFileInfo(dir.filePath(model + "/metrics.json")).size() > 0, qPrintable(describe(train)));
        }
    }

private:
    // The programs' environment: offscreen, a private home (the GUI's settings), and nothing that
    // points at the build tree's data.
    QProcessEnvironment environment() const {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("MOTIFLOOM_DATA_DIR");
        env.remove("MOTIFLOOM_ISA");
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("HOME", mHome.path());
        env.insert("XDG_CONFIG_HOME", mHome.filePath("config"));
        env.insert("XDG_CACHE_HOME", mHome.filePath("cache"));
        env.insert("XDG_DATA_HOME", mHome.filePath("data"));
        return env;
    }
    testing::CliResult run(const QString& program, const QStringList& args, int timeoutMs = 300000) const {
        return testing::runProgram(mBin + program, args, environment(), timeoutMs);
    }

    QTemporaryDir mRoot, mHome;
    QString mBin, mData;
};

QTEST_GUILESS_MAIN(TestPackage)
#include "test_package.moc"
