// Tests for core/util/text.h: the whitespace tokenizer, comma lists, nlohmann error text.
#include "util/text.h"

#include <nlohmann/json.hpp>

#include <QtTest>

using namespace motifloom;

Q_DECLARE_METATYPE(std::vector<std::string>)

namespace {

std::vector<std::string> strings(const std::vector<std::string_view>& views) {
    return {views.begin(), views.end()};
}

}  // namespace

class TestText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void splitWhitespace_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<std::vector<std::string>>("words");
        QTest::newRow("empty") << "" << std::vector<std::string>{};
        QTest::newRow("blanks only") << " \t\r " << std::vector<std::string>{};
        QTest::newRow("one word") << "MA0079.3" << std::vector<std::string>{"MA0079.3"};
        QTest::newRow("runs of blanks") << "  a \t\tb   c " << std::vector<std::string>{"a", "b", "c"};
        QTest::newRow("CR line end") << "seq1 train\r" << std::vector<std::string>{"seq1", "train"};
        QTest::newRow("form feed and vtab") << "x\fy\vz" << std::vector<std::string>{"x", "y", "z"};
        QTest::newRow("commas are not blanks") << "a,b c" << std::vector<std::string>{"a,b", "c"};
    }
    void splitWhitespace() {
        QFETCH(QString, text);
        QFETCH(std::vector<std::string>, words);
        const std::string s = text.toStdString();
        QCOMPARE(strings(motifloom::splitWhitespace(s)), words);
    }

    void splitList_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<std::vector<std::string>>("items");
        QTest::newRow("empty") << "" << std::vector<std::string>{};
        QTest::newRow("only commas") << " , ,," << std::vector<std::string>{};
        QTest::newRow("one") << "CNN-25" << std::vector<std::string>{"CNN-25"};
        QTest::newRow("trimmed, empty dropped") << "a, b,,c " << std::vector<std::string>{"a", "b", "c"};
        QTest::newRow("inner blanks kept") << "JUN (var.2), SP1" << std::vector<std::string>{"JUN (var.2)", "SP1"};
        QTest::newRow("trailing comma") << "a.fa,b.fa," << std::vector<std::string>{"a.fa", "b.fa"};
    }
    void splitList() {
        QFETCH(QString, text);
        QFETCH(std::vector<std::string>, items);
        QCOMPARE(motifloom::splitList(text.toStdString()), items);
    }

    // The real messages of nlohmann-json, not copies of them.
    void jsonErrorText_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing key") << 0 << "key 'x' not found";
        QTest::newRow("wrong type") << 1 << "type must be number, but is string";
        QTest::newRow("parse error keeps its position") << 2 << "parse error at line 1, column 2";
    }
    void jsonErrorText() {
        QFETCH(int, kind);
        QFETCH(QString, expected);
        const nlohmann::json j = {{"a", "text"}};
        std::string what;
        try {
            if (kind == 0) (void)j.at("x");
            if (kind == 1) (void)j.at("a").get<double>();
            if (kind == 2) {
                [[maybe_unused]] const auto doc = nlohmann::json::parse("{]");
            }
            QFAIL("expected an exception");
        } catch (const nlohmann::json::exception& e) {
            what = e.what();
        }
        QVERIFY2(what.rfind("[json.exception.", 0) == 0, what.c_str());
        const QString text = QString::fromStdString(motifloom::jsonErrorText(what));
        QVERIFY2(text.startsWith(expected), qPrintable(text));
    }
    void jsonErrorTextLeavesOtherMessages() {
        QCOMPARE(motifloom::jsonErrorText("cannot open [x] file"), std::string("cannot open [x] file"));
        QCOMPARE(motifloom::jsonErrorText(""), std::string());
    }
};

QTEST_GUILESS_MAIN(TestText)
#include "test_text.moc"
