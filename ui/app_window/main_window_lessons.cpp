// MainWindow: guided lessons (see ui/lessons/lesson_dock.h and docs/lessons.md): the "Lesson"
// dock, File -> Open lesson... / Save as lesson..., the Lessons menu of built-in lessons
// (resources/lessons/, compiled in as Qt resources), Page Up / Page Down, and the LessonHost
// through which a lesson's actions drive the window.
#include "app_window/main_window.h"

#include "app_window/message_bar.h"
#include "app_window/settings.h"
#include "architecture/architecture_editor.h"
#include "compare/compare_view.h"
#include "data/data_panel.h"
#include "filters/filter_gallery.h"
#include "filters/match_scoreboard.h"
#include "filters/run_filter_grid.h"
#include "lessons/lesson_dock.h"
#include "lessons/lesson_host.h"
#include "lessons/lesson_runner.h"
#include "logo/logo_grid.h"
#include "logo/logo_painter.h"
#include "race/race_view.h"
#include "runs/run_list_model.h"
#include "training/dashboard.h"
#include "training/training_controller.h"
#include "training/training_settings_widget.h"

#include "arch/presets.h"
#include "util/input_error.h"

#include <qcustomplot.h>

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMetaObject>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>

#include <algorithm>
#include <map>

// The built-in lessons live in a static library's Qt resource (resources/CMakeLists.txt):
// registered once, by name.
static void initLessonResources() { Q_INIT_RESOURCE(motifloom_lessons); }

namespace motifloom::ui {

namespace {

QString lessonFilter() { return QObject::tr("MotifLoom lessons (*.json);;All files (*)"); }

bool hides(const std::vector<lesson::Hidden>& list, lesson::Hidden what) {
    return std::find(list.begin(), list.end(), what) != list.end();
}

}  // namespace

// The window as a LessonHost. A friend of MainWindow (a few lines in main_window.h), so the
// lesson commands use the same members as the menus do.
class MainWindowLessonHost : public QObject, public LessonHost {
public:
    explicit MainWindowLessonHost(MainWindow* w) : QObject(w), w(w) {}

    QString loadData(const lab::DataRecipe& recipe, bool loadNow) override {
        if (w->mController->isActive()) return tr("stop training before the lesson changes the data");
        w->mData->setRecipe(recipe);
        if (loadNow) w->mData->load();
        return {};
    }
    QString lessonDataFolder() const override {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/lesson-data");
        QDir().mkpath(dir);
        return dir;
    }
    QString selectPreset(const QString& name) override {
        if (w->mController->isActive()) return tr("stop training before the lesson changes the model");
        if (!arch::isPreset(name.toStdString())) return tr("unknown preset '%1'").arg(name);
        const QString canonical = QString::fromStdString(arch::preset(name.toStdString()).name);
        const int index = w->mPresetCombo->findData(canonical);
        if (index < 0) return tr("unknown preset '%1'").arg(name);
        w->presetChosen(index);
        w->syncPresetCombo();
        return {};
    }
    QString setArchitecture(const arch::Architecture& a) override {
        if (w->mController->isActive()) return tr("stop training before the lesson changes the model");
        w->mArch->setArchitecture(a);
        w->mSettings->setSettings(a.training);
        return {};
    }
    arch::TrainingSettings trainingSettings() const override { return w->mSettings->settings(); }
    QString setTrainingSettings(const arch::TrainingSettings& s) override {
        if (w->mController->isActive()) return tr("stop training before the lesson changes the settings");
        w->mSettings->setSettings(s);
        return {};
    }
    // Data still loading (a load_data just before) is fine: training starts when they are ready.
    bool runUnderWay() const { return w->mController->isActive() || w->mPending != MainWindow::Pending::None; }
    QString startTraining() override {
        if (runUnderWay()) return tr("a run is already under way; stop it (Esc) or wait for it");
        w->train();
        if (isBusy()) return {};
        const QString message = w->messageText();
        return message.isEmpty() ? tr("training did not start") : message;
    }
    QString startRace(const QStringList& architectures) override {
        if (runUnderWay()) return tr("a run is already under way; stop it (Esc) or wait for it");
        if (w->startRace(architectures)) return {};
        const QString message = w->messageText();
        return message.isEmpty() ? tr("the race could not start") : message;
    }
    bool isBusy() const override {
        return w->mController->isActive() || w->mPending != MainWindow::Pending::None || w->mData->isLoading();
    }
    int runCount() const override { return w->mRuns->rowCount(); }

    QString showTab(const QString& title) override {
        QStringList titles;
        int containing = -1;  // "Inspector" also finds a tab titled "Sequence inspector"
        for (int i = 0; i < w->mTabs->count(); ++i) {
            const QString text = w->mTabs->tabText(i).remove(QLatin1Char('&'));
            titles << text;
            if (text.compare(title, Qt::CaseInsensitive) == 0) {
                w->mTabs->setCurrentIndex(i);
                return {};
            }
            if (containing < 0 && text.contains(title, Qt::CaseInsensitive)) containing = i;
        }
        if (containing >= 0) {
            w->mTabs->setCurrentIndex(containing);
            return {};
        }
        return tr("no tab '%1' (tabs: %2)").arg(title, titles.join(QStringLiteral(", ")));
    }
    QString openAlignment(int filterIndex) override {
        const int count = int(w->mGallery->shownMotifs().size());
        if (!w->mGallery->hasFilters()) return tr("no filters to align yet: train a model or pick a run first");
        if (filterIndex < 0 || filterIndex >= count)
            return tr("there is no filter %1 (the run has %2 filters)").arg(filterIndex + 1).arg(count);
        w->mTabs->setCurrentIndex(1);
        w->showAlignment(filterIndex);
        return {};
    }
    QString openInspector(int index) override {
        w->openInspector(index);
        return {};
    }
    QString compareRuns(int last, const QStringList& labels) override {
        const auto runs = w->mRuns->runs();
        std::vector<int> rows;
        if (last > 0) {
            if (int(runs.size()) < last) return tr("%1 runs to compare, but the session has %2").arg(last).arg(runs.size());
            for (int r = int(runs.size()) - last; r < int(runs.size()); ++r) rows.push_back(r);
        } else {
            for (const QString& label : labels) {
                int found = -1;  // the latest run of that label
                for (int r = 0; r < int(runs.size()); ++r)
                    if (QString::fromStdString(runs[std::size_t(r)]->label) == label) found = r;
                if (found < 0) return tr("no run labelled '%1'").arg(label);
                rows.push_back(found);
            }
        }
        selectRows(rows);
        w->mTabs->setCurrentIndex(2);
        return {};
    }
    QString addRuns(const std::vector<std::shared_ptr<const lab::RunRecord>>& runs) override {
        if (w->mController->isActive()) return tr("stop training before the lesson adds its runs");
        int lastRow = -1;
        for (const auto& original : runs) {
            const auto kept = mAdded.find(keyOf(*original));
            const auto current = w->mRuns->runs();
            if (kept != mAdded.end()) {  // added before: show it again if it is still there
                for (int r = 0; r < int(current.size()); ++r)
                    if (current[std::size_t(r)]->id == kept->second) lastRow = r;
                if (lastRow >= 0) continue;
            }
            auto copy = std::make_shared<lab::RunRecord>(*original);
            copy->id = w->mNextRunId++;  // ids stay unique in this session
            w->mRuns->addRun(copy);
            mAdded[keyOf(*original)] = copy->id;
            lastRow = w->mRuns->rowCount() - 1;
        }
        w->markModified();
        if (lastRow >= 0) selectRows({lastRow});  // its filters in the gallery, its curves on the dashboard
        return {};
    }
    void setStatisticsHidden(const std::vector<lesson::Hidden>& hidden) override {
        using lesson::Hidden;
        w->mGallery->setScoreboardHidden(hides(hidden, Hidden::Scoreboard));
        w->mGallery->setCaptionsHidden(hides(hidden, Hidden::Captions));
        w->mDashboard->filterGrid()->setStatisticsHidden(hides(hidden, Hidden::Captions));
        w->mCompare->setStatisticsHidden(hides(hidden, Hidden::CompareTable));
        // The run list shows the same numbers: scores go with the table, match statistics with
        // anything hidden.
        const bool scores = hides(hidden, Hidden::CompareTable);
        for (int c : {RunListModel::Auroc, RunListModel::Aupr}) w->mRunTable->setColumnHidden(c, scores);
        for (int c : {RunListModel::MatchAny, RunListModel::MatchTruth, RunListModel::Coverage})
            w->mRunTable->setColumnHidden(c, !hidden.empty());
        // The race shows match-GT per architecture: hidden with any statistic.
        w->mRaceView->setMatchesHidden(!hidden.empty());
    }
    QImage placeholderImage(const lesson::Placeholder& p, int width) override {
        const qreal ratio = w->devicePixelRatioF();
        if (p.kind == lesson::Placeholder::Kind::Logo) {
            const motif::MotifList motifs = w->mGallery->shownMotifs();
            const int i = p.filter - 1;
            if (i < 0 || i >= int(motifs.size()) || motifs[std::size_t(i)].width() == 0) return {};
            LogoStyle style = w->mGallery->grid()->logoStyle();
            style.title = tr("filter %1").arg(p.filter);
            const QSizeF natural = preferredLogoSize(motifs[std::size_t(i)].width(), style);
            const double scale = std::min(1.5, std::min(double(width), 360.0) / natural.width());
            const double fixed = logoFixedTextHeight(style);  // the title keeps its size
            const QSizeF size(natural.width() * scale, (natural.height() - fixed) * scale + fixed);
            QImage image((size * ratio).toSize(), QImage::Format_ARGB32_Premultiplied);
            image.setDevicePixelRatio(ratio);
            image.fill(Qt::white);
            QPainter painter(&image);
            paintLogo(painter, QRectF(QPointF(0, 0), size), motifs[std::size_t(i)], style);
            return image;
        }
        const int height = width * 45 / 100;
        auto plotImage = [&](QCustomPlot* plot, int wpx, int hpx) {
            return plot ? plot->toPixmap(wpx, hpx, ratio).toImage() : QImage();
        };
        if (p.figure == "curves") {
            const auto plots = w->mDashboard->findChildren<QCustomPlot*>();
            if (plots.size() < 2) return {};
            QImage image(QSize(width, height) * ratio, QImage::Format_ARGB32_Premultiplied);
            image.setDevicePixelRatio(ratio);
            image.fill(Qt::white);
            QPainter painter(&image);
            painter.drawImage(QRectF(0, 0, width / 2.0, height), plotImage(plots[0], width / 2, height));
            painter.drawImage(QRectF(width / 2.0, 0, width / 2.0, height), plotImage(plots[1], width / 2, height));
            return image;
        }
        if (p.figure == "scoreboard") {
            if (w->mGallery->scoreboard()->statisticsHidden() || w->mGallery->scoreboard()->history().empty()) return {};
            return plotImage(w->mGallery->scoreboard()->plot(), width, height);
        }
        if (p.figure == "compare") {
            if (w->mCompare->statisticsHidden() || w->mCompare->runs().empty()) return {};
            const auto plots = w->mCompare->findChildren<QCustomPlot*>();
            return plots.isEmpty() ? QImage() : plotImage(plots.front(), width, width * 3 / 4);  // bars under a legend
        }
        if (p.figure == "filters") {
            const RunFilterGrid* grid = w->mGallery->grid();
            if (grid->cells().empty()) return {};
            const int columns = std::max(1, std::min(6, width / 110));
            const QSizeF size(width, grid->cellsHeight(width, columns));
            QImage image((size * ratio).toSize(), QImage::Format_ARGB32_Premultiplied);
            image.setDevicePixelRatio(ratio);
            image.fill(Qt::white);
            QPainter painter(&image);
            paintLogoGrid(painter, QRectF(QPointF(0, 0), size), grid->cells(), columns, grid->logoStyle());
            return image;
        }
        return {};
    }

    // The runs of a captured step are the session's runs already there.
    void rememberRuns(const std::vector<std::shared_ptr<const lab::RunRecord>>& lessonRuns,
                      const std::vector<std::shared_ptr<const lab::RunRecord>>& sessionRuns) {
        for (std::size_t i = 0; i < lessonRuns.size() && i < sessionRuns.size(); ++i) mAdded[keyOf(*lessonRuns[i])] = sessionRuns[i]->id;
    }

private:
    void selectRows(const std::vector<int>& sourceRows) {
        QItemSelection selection;
        for (int row : sourceRows) {
            const QModelIndex index = w->mRunProxy->mapFromSource(w->mRuns->index(row, 0));
            selection.select(index, index);
        }
        w->mRunTable->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }

    // A run as saved: the same run in several steps (each capture keeps all runs) is added once.
    static std::string keyOf(const lab::RunRecord& r) { return std::to_string(r.id) + '|' + r.label + '|' + r.created; }

    MainWindow* w;
    std::map<std::string, int> mAdded;  // pre-trained run -> its id in this session
};

// ---- setup ------------------------------------------------------------------------------------

void MainWindow::setupLessons() {
    initLessonResources();
    mLessonHost = new MainWindowLessonHost(this);
    mLessonDock = new LessonDock(mLessonHost, this);
    // Quick mode for trying a lesson out before class: MOTIFLOOM_LESSON_QUICK="300,1" caps every
    // data set at 300 sequences and every run at 1 epoch (docs/lessons.md).
    if (const QStringList quick = qEnvironmentVariable("MOTIFLOOM_LESSON_QUICK").split(QLatin1Char(',')); quick.size() == 2)
        mLessonDock->runner()->setQuickMode({quick[0].toInt(), quick[1].toInt()});
    auto* dock = new QDockWidget(tr("Lesson"), this);
    dock->setObjectName(QStringLiteral("lessonDock"));
    dock->setWidget(mLessonDock);
    dock->setToolTip(tr("A guided lesson: read, predict, then press Next (Page Down)."));
    addDockWidget(Qt::RightDockWidgetArea, dock);
    dock->hide();  // shown when a lesson opens
    // A lesson's error belongs to its step: entering another step clears it.
    connect(mLessonDock, &LessonDock::stepEntered, this, [this] {
        if (mMessages->text().startsWith(QStringLiteral("<b>Lesson "))) mMessages->hideMessage();
    });
    connect(mLessonDock, &LessonDock::stepFinished, this, [this](int index, bool ok, const QString& error) {
        if (ok) return;
        const auto& step = mLessonDock->lesson().steps[std::size_t(index)];
        showError(tr("<b>Lesson %1, step %2 \"%3\"</b>: %4")
                      .arg(QFileInfo(mLessonDock->source()).fileName().toHtmlEscaped())
                      .arg(index + 1)
                      .arg(QString::fromStdString(step.title).toHtmlEscaped(), error.toHtmlEscaped()));
    });
    // Figures in the text follow what the lab shows.
    connect(mController, &TrainingController::runFinished, mLessonDock, [this] { mLessonDock->refreshText(); });

    // Page Down / Page Up: what a presentation clicker sends; window-wide.
    auto* nextStep = new QAction(tr("&Next step"), this);
    nextStep->setShortcut(QKeySequence(Qt::Key_PageDown));
    nextStep->setShortcutContext(Qt::WindowShortcut);
    connect(nextStep, &QAction::triggered, mLessonDock, &LessonDock::next);
    auto* previousStep = new QAction(tr("&Previous step"), this);
    previousStep->setShortcut(QKeySequence(Qt::Key_PageUp));
    previousStep->setShortcutContext(Qt::WindowShortcut);
    connect(previousStep, &QAction::triggered, mLessonDock, &LessonDock::back);
    auto* revealStep = new QAction(tr("&Reveal"), this);
    revealStep->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    connect(revealStep, &QAction::triggered, mLessonDock, &LessonDock::reveal);
    addAction(nextStep);
    addAction(previousStep);
    addAction(revealStep);

    auto* openLessonAction = new QAction(tr("Open &lesson\u2026"), this);
    openLessonAction->setStatusTip(tr("Open a lesson file: a guided class in steps"));
    connect(openLessonAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open lesson"), AppSettings::lastDirectory(), lessonFilter());
        if (!path.isEmpty()) openLesson(path);
    });
    auto* saveLessonAction = new QAction(tr("Save as lesso&n\u2026"), this);
    saveLessonAction->setStatusTip(tr("Capture the current state (data, model, settings, tab and kept runs) as a new "
                                      "lesson step, appended to the open lesson or to a new lesson file"));
    connect(saveLessonAction, &QAction::triggered, this, [this] {
        bool ok = false;
        const QString title = QInputDialog::getText(this, tr("Save as lesson"), tr("Title of the new step:"),
                                                    QLineEdit::Normal, tr("What the class sees now"), &ok);
        if (!ok) return;
        QString path = mLessonDock->hasLesson() && !mLessonDock->source().startsWith(QLatin1Char(':'))
                           ? mLessonDock->source()
                           : QString();
        path = QFileDialog::getSaveFileName(this, tr("Save as lesson"),
                                            path.isEmpty() ? AppSettings::lastDirectory() + QStringLiteral("/lesson.json") : path,
                                            lessonFilter(), nullptr, QFileDialog::DontConfirmOverwrite);
        if (path.isEmpty()) return;
        if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".json");
        saveAsLesson(path, title);
    });

    // File menu: after Open..., and after Save As...
    QMenu* file = menuBar()->actions().value(0) ? menuBar()->actions().value(0)->menu() : nullptr;
    if (file) {
        file->insertAction(mRecentMenu->menuAction(), openLessonAction);
        const auto actions = file->actions();
        const int saveAsIndex = int(actions.indexOf(mSaveAs));
        file->insertAction(actions.value(saveAsIndex + 1), saveLessonAction);
    }

    // Lessons menu, before Help: the built-in lessons, then the keys.
    QMenu* lessons = new QMenu(tr("&Lessons"), this);
    const QStringList files = QDir(QStringLiteral(":/lessons")).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString& name : files) {
        const QString path = QStringLiteral(":/lessons/") + name;
        QString title = name;
        QString tip;
        QFile f(path);
        if (f.open(QIODevice::ReadOnly)) {
            try {
                const lesson::Lesson l = lesson::lessonFromBytes(f.readAll().toStdString(), name.toStdString());
                title = QString::fromStdString(l.title);
                tip = QString::fromStdString(l.summary);
            } catch (const std::exception& e) {
                tip = QString::fromUtf8(e.what());
            }
        }
        QAction* a = lessons->addAction(title, this, [this, path] { openLesson(path); });
        a->setStatusTip(tip);
        a->setToolTip(tip);
    }
    lessons->setToolTipsVisible(true);
    lessons->addSeparator();
    lessons->addAction(openLessonAction);
    lessons->addAction(saveLessonAction);
    lessons->addSeparator();
    lessons->addAction(nextStep);
    lessons->addAction(previousStep);
    lessons->addAction(revealStep);
    lessons->addAction(dock->toggleViewAction());
    const auto menus = menuBar()->actions();
    menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.back(), lessons);
}

QStringList MainWindow::builtInLessons() {
    initLessonResources();
    QStringList out;
    for (const QString& name : QDir(QStringLiteral(":/lessons")).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        out << QStringLiteral(":/lessons/") + name;
    return out;
}

bool MainWindow::openLesson(const QString& path) {
    QElapsedTimer clock;
    clock.start();
    const QString name = QFileInfo(path).fileName();
    lesson::Lesson lesson;
    try {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) throw InputError(name.toStdString(), 0, "cannot be read");
        lesson = lesson::lessonFromBytes(f.readAll().toStdString(), name.toStdString());
    } catch (const std::exception& e) {
        showError(tr("<b>Could not open the lesson</b> %1<br>The current lesson and session are unchanged.")
                      .arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
        return false;
    }
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("lessonDock")); dock && !dock->isVisible()) {
        dock->show();
        dock->raise();
        if (!dock->isFloating()) resizeDocks({dock}, {std::min(420, width() / 4)}, Qt::Horizontal);  // room to read
    }
    if (!path.startsWith(QLatin1Char(':'))) AppSettings::setLastDirectory(path);
    mMessages->hideMessage();
    mLessonDock->setLesson(std::move(lesson), path.startsWith(QLatin1Char(':')) ? path : QFileInfo(path).absoluteFilePath());
    statusBar()->showMessage(tr("Lesson opened in %1 ms").arg(clock.elapsed()), 5000);
    return true;
}

bool MainWindow::saveAsLesson(const QString& path, const QString& stepTitle) {
    lesson::CapturedState state;
    state.title = stepTitle.toStdString();
    state.recipe = mData->recipe();
    state.architecture = currentArchitecture();
    state.tab = mTabs->tabText(mTabs->currentIndex()).remove(QLatin1Char('&')).toStdString();
    state.runs = mRuns->runs();
    const auto selected = selectedRuns();
    if (selected.size() >= 2 && std::equal(selected.begin(), selected.end(), state.runs.end() - long(selected.size())))
        state.compareLast = int(selected.size());
    const QString name = QFileInfo(path).fileName();
    const bool appendToOpen = mLessonDock->hasLesson() && QFileInfo(mLessonDock->source()) == QFileInfo(path);
    try {
        lesson::Lesson target;
        if (appendToOpen) {
            target = mLessonDock->lesson();
        } else if (QFileInfo::exists(path)) {
            target = lesson::loadLesson(path.toStdString());  // a lesson file: append to it
        } else {
            target.title = QFileInfo(path).completeBaseName().toStdString();
            target.summary = "Saved from MotifLoom with its trained runs.";
        }
        lesson::Step step = lesson::captureStep(state, name.toStdString());
        target.steps.push_back(step);
        mLessonHost->rememberRuns(step.runs, state.runs);  // entering the step later adds no copies
        lesson::saveLesson(path.toStdString(), target);
        if (appendToOpen) {
            mLessonDock->appendStep(std::move(step));
        } else {
            mLessonDock->setLesson(std::move(target), QFileInfo(path).absoluteFilePath(), false);
            mLessonDock->goToStep(mLessonDock->stepCount() - 1, false);
        }
    } catch (const std::exception& e) {
        showError(tr("<b>Could not save the lesson</b>: %1<br>Nothing was changed.").arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
        return false;
    }
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("lessonDock"))) dock->show();
    statusBar()->showMessage(tr("Saved the current state as step %1 of %2").arg(mLessonDock->stepCount()).arg(name), 5000);
    return true;
}

}  // namespace motifloom::ui
