#pragma once
// Runs the built motifloom-cli (path in the MOTIFLOOM_CLI macro), or any program, for the tests
// in tests/app.

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace motifloom::testing {

struct CliResult {
    int exitCode = -1;  // -1: crashed or timed out
    QString out, err;
};

// Runs `program args` in `env`; exitCode -1 when it crashed or did not finish in time.
inline CliResult runProgram(const QString& program, const QStringList& args,
                            const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
                            int timeoutMs = 300000) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
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

inline CliResult runCli(const QStringList& args, int timeoutMs = 300000) {
    return runProgram(QStringLiteral(MOTIFLOOM_CLI), args, QProcessEnvironment::systemEnvironment(), timeoutMs);
}

}  // namespace motifloom::testing
