#pragma once
// AppSettings: what MotifLoom remembers between sessions (QSettings, per user): window
// geometry and dock layout, recent session files, the last folder used in file dialogs, and a
// few preferences. Session content (data, architecture, runs) lives in session files, never
// here. All functions are GUI-thread only.

#include <QByteArray>
#include <QString>
#include <QStringList>

class QMainWindow;

namespace motifloom::ui {

class AppSettings {
public:
    static constexpr int kMaxRecentFiles = 8;

    // Most recent first, existing files only, at most kMaxRecentFiles.
    static QStringList recentFiles();
    static void addRecentFile(const QString& path);     // moves it to the front
    static void removeRecentFile(const QString& path);
    static void clearRecentFiles();

    // Geometry and dock/toolbar state (QMainWindow::saveState with `version`).
    static void saveWindow(const QMainWindow* window, int version);
    // False when nothing (or another layout version) was saved.
    static bool restoreWindow(QMainWindow* window, int version);

    static QByteArray value(const QString& key);         // opaque blobs (splitter states)
    static void setValue(const QString& key, const QByteArray& value);

    static QString lastDirectory();                      // home when unset
    static void setLastDirectory(const QString& fileOrDir);
    // The last folder per kind of file, so a FASTA dialog does not open where the last
    // session was saved: unset (or gone), the shared lastDirectory(). Setting one also sets
    // the shared folder.
    enum class Folder { Sessions, Fasta, Exports, Models };
    static QString lastDirectory(Folder kind);
    static void setLastDirectory(Folder kind, const QString& fileOrDir);

    static bool liveFilters();                           // default true
    static void setLiveFilters(bool on);
};

}  // namespace motifloom::ui
