#include "app_window/settings.h"

#include <QDir>
#include <QFileInfo>
#include <QMainWindow>
#include <QSettings>

namespace motifloom::ui {
namespace {

const char* kRecent = "session/recentFiles";

}  // namespace

QStringList AppSettings::recentFiles() {
    QStringList out;
    for (const QString& f : QSettings().value(kRecent).toStringList())
        if (QFileInfo(f).isFile() && !out.contains(f) && out.size() < kMaxRecentFiles) out << f;
    return out;
}

void AppSettings::addRecentFile(const QString& path) {
    const QString abs = QFileInfo(path).absoluteFilePath();
    QStringList list = QSettings().value(kRecent).toStringList();
    list.removeAll(abs);
    list.prepend(abs);
    while (list.size() > kMaxRecentFiles) list.removeLast();
    QSettings().setValue(kRecent, list);
}

void AppSettings::removeRecentFile(const QString& path) {
    QStringList list = QSettings().value(kRecent).toStringList();
    list.removeAll(QFileInfo(path).absoluteFilePath());
    list.removeAll(path);
    QSettings().setValue(kRecent, list);
}

void AppSettings::clearRecentFiles() { QSettings().remove(kRecent); }

void AppSettings::saveWindow(const QMainWindow* window, int version) {
    QSettings s;
    s.setValue("window/geometry", window->saveGeometry());
    s.setValue("window/state", window->saveState(version));
    s.setValue("window/stateVersion", version);
}

bool AppSettings::restoreWindow(QMainWindow* window, int version) {
    QSettings s;
    if (s.value("window/stateVersion").toInt() != version) return false;
    const QByteArray geometry = s.value("window/geometry").toByteArray();
    const QByteArray state = s.value("window/state").toByteArray();
    if (geometry.isEmpty() || state.isEmpty()) return false;
    window->restoreGeometry(geometry);
    return window->restoreState(state, version);
}

QByteArray AppSettings::value(const QString& key) { return QSettings().value("blobs/" + key).toByteArray(); }
void AppSettings::setValue(const QString& key, const QByteArray& value) { QSettings().setValue("blobs/" + key, value); }

QString AppSettings::lastDirectory() {
    const QString dir = QSettings().value("files/lastDirectory").toString();
    return !dir.isEmpty() && QFileInfo(dir).isDir() ? dir : QDir::homePath();
}

void AppSettings::setLastDirectory(const QString& fileOrDir) {
    const QFileInfo info(fileOrDir);
    QSettings().setValue("files/lastDirectory", info.isDir() ? info.absoluteFilePath() : info.absolutePath());
}

namespace {

QString folderKey(AppSettings::Folder kind) {
    switch (kind) {
    case AppSettings::Folder::Sessions: return QStringLiteral("files/lastSessionDirectory");
    case AppSettings::Folder::Fasta: return QStringLiteral("files/lastFastaDirectory");
    case AppSettings::Folder::Exports: return QStringLiteral("files/lastExportDirectory");
    case AppSettings::Folder::Models: return QStringLiteral("files/lastModelDirectory");
    }
    return QStringLiteral("files/lastDirectory");
}

}  // namespace

QString AppSettings::lastDirectory(Folder kind) {
    const QString dir = QSettings().value(folderKey(kind)).toString();
    return !dir.isEmpty() && QFileInfo(dir).isDir() ? dir : lastDirectory();
}

void AppSettings::setLastDirectory(Folder kind, const QString& fileOrDir) {
    const QFileInfo info(fileOrDir);
    QSettings().setValue(folderKey(kind), info.isDir() ? info.absoluteFilePath() : info.absolutePath());
    setLastDirectory(fileOrDir);
}

bool AppSettings::liveFilters() { return QSettings().value("training/liveFilters", true).toBool(); }
void AppSettings::setLiveFilters(bool on) { QSettings().setValue("training/liveFilters", on); }

}  // namespace motifloom::ui
