// Tests for lesson files (core/lesson/lesson.h, lesson_text.h): a valid lesson reads with every
// action, every kind of problem is an InputError naming the file, the step (number and title)
// and the field, the text markup is escaped and its placeholders checked, saving keeps the
// steps as read, a captured step (Save as lesson...) reads back with its runs.
#include "lesson/lesson.h"
#include "lesson/lesson_text.h"

#include "arch/presets.h"
#include "util/input_error.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace motifloom;
using namespace motifloom::lesson;

namespace {

// A lesson file with one step around `step` (a JSON object text).
std::string withStep(const std::string& step) {
    return R"({"format": 1, "title": "T", "steps": [{"title": "Intro", "text": "hello"}, )" + step + "]}";
}

}  // namespace

class TestLessonFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsEveryAction();
    void problems_data();
    void problems();
    void invalidJsonNamesTheLine();
    void markup();
    void placeholdersChecked();
    void saveKeepsSteps();
    void capturedStepReadsBack();
    void settingsOverlay();
};

void TestLessonFile::readsEveryAction() {
    const std::string file = R"({
 "format": 1, "title": "All actions", "summary": "s",
 "steps": [
  {"title": "One", "text": "**Look** at {{figure:curves}}",
   "actions": [
    {"do": "load_data", "recipe": {"kind": "synthetic", "count": 500, "length": 100}, "load": false},
    {"do": "sample_fasta", "folder": "lesson4", "motifs": ["MA0079.3"], "count": 300, "length": 120, "seed": 4},
    {"do": "architecture", "preset": "cnn-2"},
    {"do": "architecture", "architecture": {"layers": [{"type": "conv1d", "filters": 4, "width": 5}, {"type": "flatten"}, {"type": "dense", "units": 2}]}},
    {"do": "set_training", "settings": {"max_epochs": 3, "seed": 7}},
    {"do": "train", "wait": false},
    {"do": "race", "architectures": ["CNN-2", "CNN-25"]},
    {"do": "show_tab", "tab": "Filters"},
    {"do": "open_alignment", "filter": 3},
    {"do": "open_inspector", "sequence": 2},
    {"do": "compare_runs", "last": 2},
    {"do": "compare_runs", "runs": ["CNN-2 · seed 1"]},
    {"do": "reveal"}],
   "question": {"text": "How many?", "answer": "About *0.9*", "hide": ["scoreboard", "compare_table"]}},
  {"title": "Two", "question": "Short form?"}
 ]})";
    const Lesson l = lessonFromBytes(file, "all.json");
    QCOMPARE(l.title, std::string("All actions"));
    QCOMPARE(int(l.steps.size()), 2);
    const Step& s = l.steps[0];
    QCOMPARE(int(s.actions.size()), 13);
    QCOMPARE(s.actions[0].kind, ActionKind::LoadData);
    QCOMPARE(s.actions[0].recipe.count, 500);
    QCOMPARE(s.actions[0].load, false);
    QCOMPARE(s.actions[1].folder, std::string("lesson4"));
    QCOMPARE(s.actions[1].count, 300);
    QCOMPARE(s.actions[2].preset, std::string("cnn-2"));
    QVERIFY(s.actions[3].architecture.has_value());
    QCOMPARE(int(s.actions[3].architecture->layers.size()), 3);
    QCOMPARE(s.actions[5].wait, false);
    QCOMPARE(int(s.actions[6].architectures.size()), 2);
    QCOMPARE(s.actions[6].wait, true);
    QCOMPARE(s.actions[7].tab, std::string("Filters"));
    QCOMPARE(s.actions[8].number, 3);
    QCOMPARE(s.actions[9].number, 2);
    QCOMPARE(s.actions[10].last, 2);
    QCOMPARE(s.actions[11].runLabels.front(), std::string("CNN-2 · seed 1"));
    QCOMPARE(s.actions[12].kind, ActionKind::Reveal);
    QVERIFY(s.question);
    QCOMPARE(int(s.question->hide.size()), 2);
    QCOMPARE(s.question->answer, std::string("About *0.9*"));
    QVERIFY(l.steps[1].question);
    QCOMPARE(int(l.steps[1].question->hide.size()), 3);  // the short form hides everything
    QCOMPARE(withSettings(arch::TrainingSettings{}, s.actions[4]).maxEpochs, 3);
    QCOMPARE(withSettings(arch::TrainingSettings{}, s.actions[4]).seed, std::uint64_t(7));
    for (const auto& a : s.actions) QCOMPARE(actionKindFromName(actionName(a.kind)), std::optional<ActionKind>(a.kind));
}

void TestLessonFile::problems_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");  // parts of the message, '|'-separated
    auto step = [](const char* s) { return QString::fromStdString(withStep(s)); };
    QTest::newRow("no format") << R"({"title": "T", "steps": []})" << "bad.json: |no \"format\": 1";
    QTest::newRow("newer format") << R"({"format": 2, "title": "T", "steps": []})" << "bad.json: |lesson format 2";
    QTest::newRow("not an object") << "[1, 2]" << "bad.json: |expected a JSON object";
    QTest::newRow("no steps") << R"({"format": 1, "title": "T", "steps": []})" << "bad.json: |'steps' must be a list of at least one";
    QTest::newRow("no title") << R"({"format": 1, "steps": [{"title": "a"}]})" << "bad.json: |'title' is missing";
    QTest::newRow("unknown top key") << R"({"format": 1, "title": "T", "stpes": [], "steps": [{"title": "a"}]})" << "unknown key 'stpes'";
    QTest::newRow("step not object") << step("3") << "bad.json: step 2: must be an object";
    QTest::newRow("step without title") << step(R"({"text": "x"})") << "bad.json: step 2: 'title' is missing";
    QTest::newRow("step unknown key") << step(R"({"title": "Race", "acton": []})") << "bad.json: step 2 \"Race\": unknown key 'acton' in a step";
    QTest::newRow("text not text") << step(R"({"title": "Race", "text": 3})") << "step 2 \"Race\": 'text' must be text";
    QTest::newRow("bad placeholder") << step(R"({"title": "Race", "text": "see {{logo:3}}"})") << "step 2 \"Race\": 'text': unknown placeholder '{{logo:3}}'";
    QTest::newRow("unknown figure") << step(R"({"title": "Race", "text": "{{figure:roc}}"})") << "unknown placeholder '{{figure:roc}}'";
    QTest::newRow("unclosed placeholder") << step(R"({"title": "Race", "text": "{{figure:curves"})") << "unclosed placeholder";
    QTest::newRow("actions not list") << step(R"({"title": "Race", "actions": {"do": "train"}})") << "step 2 \"Race\": 'actions' must be a list";
    QTest::newRow("unknown action") << step(R"({"title": "Race", "actions": [{"do": "fly"}]})") << "step 2 \"Race\": action 1 (fly): unknown action 'fly'";
    QTest::newRow("action without do") << step(R"({"title": "Race", "actions": [{"tab": "x"}]})") << "step 2 \"Race\": action 1: 'do' is missing";
    QTest::newRow("action unknown key") << step(R"({"title": "Race", "actions": [{"do": "train", "wiat": true}]})") << "action 1 (train): unknown key 'wiat'";
    QTest::newRow("wait not bool") << step(R"({"title": "Race", "actions": [{"do": "train"}, {"do": "train", "wait": "yes"}]})") << "action 2 (train): 'wait' must be true or false";
    QTest::newRow("recipe missing") << step(R"({"title": "D", "actions": [{"do": "load_data"}]})") << "action 1 (load_data): 'recipe' is missing";
    QTest::newRow("bad recipe") << step(R"({"title": "D", "actions": [{"do": "load_data", "recipe": {"kind": "video"}}]})") << "action 1 (load_data): 'recipe': |video";
    QTest::newRow("unknown preset") << step(R"({"title": "A", "actions": [{"do": "architecture", "preset": "CNN-7"}]})") << "action 1 (architecture): unknown preset 'CNN-7'";
    QTest::newRow("preset and architecture") << step(R"({"title": "A", "actions": [{"do": "architecture", "preset": "CNN-2", "architecture": {}}]})") << "give either 'preset'";
    QTest::newRow("bad architecture") << step(R"({"title": "A", "actions": [{"do": "architecture", "architecture": {"layers": [{"type": "conv2"}]}}]})") << "action 1 (architecture): 'architecture': |conv2";
    QTest::newRow("unknown setting") << step(R"({"title": "S", "actions": [{"do": "set_training", "settings": {"epoch": 3}}]})") << "action 1 (set_training): |'epoch'";
    QTest::newRow("setting wrong type") << step(R"({"title": "S", "actions": [{"do": "set_training", "settings": {"max_epochs": "many"}}]})") << "action 1 (set_training): 'settings': |max_epochs";
    QTest::newRow("zero epochs") << step(R"({"title": "S", "actions": [{"do": "set_training", "settings": {"max_epochs": 0}}]})") << "'max_epochs' must be at least 1";
    QTest::newRow("race of one") << step(R"({"title": "R", "actions": [{"do": "race", "architectures": ["CNN-2"]}]})") << "action 1 (race): 'architectures' must list 2 to 4";
    QTest::newRow("race unknown") << step(R"({"title": "R", "actions": [{"do": "race", "architectures": ["CNN-2", "CNN-7"]}]})") << "'CNN-7' is neither a preset";
    QTest::newRow("unknown tab") << step(R"({"title": "T", "actions": [{"do": "show_tab", "tab": "Logos"}]})") << "action 1 (show_tab): unknown tab 'Logos'";
    QTest::newRow("filter zero") << step(R"({"title": "F", "actions": [{"do": "open_alignment", "filter": 0}]})") << "action 1 (open_alignment): 'filter' must be a whole number from 1";
    QTest::newRow("filter missing") << step(R"({"title": "F", "actions": [{"do": "open_alignment"}]})") << "'filter' is missing";
    QTest::newRow("sequence text") << step(R"({"title": "I", "actions": [{"do": "open_inspector", "sequence": "first"}]})") << "action 1 (open_inspector): 'sequence' must be a whole number";
    QTest::newRow("compare both") << step(R"({"title": "C", "actions": [{"do": "compare_runs", "last": 2, "runs": ["a"]}]})") << "action 1 (compare_runs): give either 'last'";
    QTest::newRow("sample path") << step(R"({"title": "O", "actions": [{"do": "sample_fasta", "folder": "../x", "motifs": ["MA0079.3"]}]})") << "action 1 (sample_fasta): 'folder' must be a plain folder name";
    QTest::newRow("sample no motifs") << step(R"({"title": "O", "actions": [{"do": "sample_fasta", "folder": "x", "motifs": []}]})") << "'motifs' must list at least one";
    QTest::newRow("question type") << step(R"({"title": "Q", "question": 4})") << "step 2 \"Q\": question: 'question' must be text or an object";
    QTest::newRow("question without text") << step(R"({"title": "Q", "question": {"answer": "a"}})") << "step 2 \"Q\": question: 'text' is missing";
    QTest::newRow("unknown hide") << step(R"({"title": "Q", "question": {"text": "?", "hide": ["logos"]}})") << "question: unknown 'hide' entry 'logos'";
    QTest::newRow("runs not list") << step(R"({"title": "P", "runs": {}})") << "step 2 \"P\": 'runs' must be a list";
    QTest::newRow("broken run") << step(R"({"title": "P", "runs": [{"id": 1}]})") << "step 2 \"P\": run 1: invalid run";
}

void TestLessonFile::problems() {
    QFETCH(QString, file);
    QFETCH(QString, expected);
    try {
        lessonFromBytes(file.toStdString(), "bad.json");
        QFAIL("no error");
    } catch (const InputError& e) {
        const QString message = QString::fromStdString(e.what());
        QVERIFY2(message.startsWith("bad.json"), qPrintable(message));
        for (const QString& part : expected.split('|')) QVERIFY2(message.contains(part), qPrintable(message));
    }
}

void TestLessonFile::invalidJsonNamesTheLine() {
    try {
        lessonFromBytes("{\"format\": 1,\n \"title\": \"T\",\n \"steps\": [\n {\"title\": \"a\",}\n]}", "broken.json");
        QFAIL("no error");
    } catch (const InputError& e) {
        QCOMPARE(e.file(), std::string("broken.json"));
        QCOMPARE(e.line(), 4L);
        QVERIFY(QString::fromStdString(e.message()).contains("invalid JSON"));
    }
    QVERIFY_THROWS_EXCEPTION(InputError, loadLesson("/nonexistent/lesson.json"));
}

void TestLessonFile::markup() {
    const std::string html = textToHtml("Line **one** <b>raw</b> & *it* `x<y`\ncontinued\n\n- a {{logo:filter=2}}\n- b\n\nend",
                                        [](const Placeholder& p) { return "[" + std::to_string(p.filter) + "]"; });
    QCOMPARE(html, std::string("<p>Line <b>one</b> &lt;b&gt;raw&lt;/b&gt; &amp; <i>it</i> <code>x&lt;y</code> continued</p>"
                               "<ul><li>a [2]</li><li>b</li></ul><p>end</p>"));
    // An unpaired marker is closed at the end of its line.
    QCOMPARE(textToHtml("**open"), std::string("<p><b>open</b></p>"));
    QCOMPARE(textToHtml("{{figure:curves}}"), std::string());  // nothing to embed: nothing left
}

void TestLessonFile::placeholdersChecked() {
    const auto p = placeholders("a {{logo:filter=12}} b {{figure:compare}}");
    QCOMPARE(int(p.size()), 2);
    QCOMPARE(p[0].kind, Placeholder::Kind::Logo);
    QCOMPARE(p[0].filter, 12);
    QCOMPARE(p[1].figure, std::string("compare"));
    QVERIFY_THROWS_EXCEPTION(InputError, placeholders("{{logo:filter=0}}"));
    QVERIFY_THROWS_EXCEPTION(InputError, placeholders("{{logo:filter=2x}}"));
    QVERIFY_THROWS_EXCEPTION(InputError, placeholders("{{figure:}}"));
    QVERIFY_THROWS_EXCEPTION(InputError, placeholders("{{figure:curves\n}}"));
}

void TestLessonFile::saveKeepsSteps() {
    const Lesson l = lessonFromBytes(withStep(R"({"title": "Race", "actions": [{"do": "train"}], "question": "why?"})"), "a.json");
    QTemporaryDir dir;
    const std::string path = dir.filePath("saved.json").toStdString();
    saveLesson(path, l);
    const Lesson back = loadLesson(path);
    QCOMPARE(int(back.steps.size()), 2);
    QCOMPARE(back.steps[1].json, l.steps[1].json);
    QCOMPARE(lessonToBytes(back), lessonToBytes(l));
}

void TestLessonFile::capturedStepReadsBack() {
    auto run = std::make_shared<lab::RunRecord>();
    run->id = 4;
    run->label = "CNN-2 · seed 1";
    run->architecture = arch::preset("CNN-2");
    train::EpochRecord e;
    e.epoch = 1;
    run->history.epochs.push_back(e);
    CapturedState state;
    state.title = "Trained";
    state.recipe.count = 1000;
    state.architecture = arch::preset("CNN-25");
    state.architecture.training.maxEpochs = 7;
    state.tab = "Compare";
    state.runs = {run};
    state.compareLast = 2;
    const Step step = captureStep(state, "new.json");
    QCOMPARE(step.title, std::string("Trained"));
    QCOMPARE(int(step.runs.size()), 1);
    QCOMPARE(step.runs[0]->label, run->label);
    QCOMPARE(int(step.actions.size()), 5);
    QCOMPARE(step.actions[0].load, false);
    QCOMPARE(step.actions[0].recipe.count, 1000);
    QCOMPARE(step.actions[1].architecture->name, std::string("CNN-25"));
    QCOMPARE(withSettings({}, step.actions[2]).maxEpochs, 7);
    QCOMPARE(step.actions[3].last, 2);
    QCOMPARE(step.actions[4].tab, std::string("Compare"));
    Lesson l;
    l.title = "Mine";
    l.steps = {step};
    const Lesson back = lessonFromBytes(lessonToBytes(l), "mine.json");
    QCOMPARE(back.steps[0].runs[0]->history.epochs.size(), std::size_t(1));
}

void TestLessonFile::settingsOverlay() {
    Action a;
    a.kind = ActionKind::Training;
    a.settingsJson = R"({"learning_rate": 0.01})";
    arch::TrainingSettings base;
    base.maxEpochs = 9;
    const auto t = withSettings(base, a);
    QCOMPARE(t.maxEpochs, 9);
    QCOMPARE(t.learningRate, 0.01);
}

QTEST_GUILESS_MAIN(TestLessonFile)
#include "test_lesson_file.moc"
