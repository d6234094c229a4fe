#pragma once
// Runs the built motifloom-cli (path in the MOTIFLOOM_CLI macro) for the tests in tests/app.

#include <QProcess>
#include <QString>
#include <QStringList>

namespace motifloom::testing {

struct CliResult {
    int exitCode = -1;  // -1: crashed or timed out
    QString out, err;
};

inline CliResult runCli(const QStringList& args, int timeoutMs = 300000) {
    QProcess p;
    p.start(QStringLiteral(MOTIFLOOM_CLI), args);
    CliResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

}  // namespace motifloom::testing
