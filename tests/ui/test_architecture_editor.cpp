// Tests of the architecture editor: the model edited only through its undo stack (building
// CNN-25 layer by layer, exact undo/redo, presets, problems, derived columns) and the widget's
// wiring (form -> model, preset combo).

#include "architecture/architecture_editor.h"
#include "architecture/architecture_layer_form.h"
#include "architecture/architecture_model.h"

#include "arch/presets.h"

#include <QComboBox>
#include <QMimeData>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace motifloom;
using motifloom::ui::ArchitectureModel;

Q_DECLARE_METATYPE(std::string)

namespace {

arch::Architecture emptyArchitecture() {
    arch::Architecture a;
    a.name = "empty";
    return a;
}

// Equal apart from the one-line description, which only presets carry.
bool sameNetwork(arch::Architecture a, const arch::Architecture& b) {
    a.description = b.description;
    return a == b;
}

}  // namespace

class TestArchitectureEditor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void buildCnn25LayerByLayer();
    void undoRedoRestoresExactArchitectures();
    void presetsApply_data();
    void presetsApply();
    void invalidEditsShowProblems_data();
    void invalidEditsShowProblems();
    void derivedColumns();
    void spinBoxEditsMerge();
    void dragAndDropMoves();
    void editorWidgetWiring();
};

void TestArchitectureEditor::buildCnn25LayerByLayer() {
    const arch::Architecture target = arch::preset("CNN-25");
    ArchitectureModel model;
    model.setArchitecture(emptyArchitecture());
    QSignalSpy changed(&model, &ArchitectureModel::architectureChanged);

    std::vector<arch::Architecture> steps{model.architecture()};
    model.setName("CNN-25");
    steps.push_back(model.architecture());
    // Insert each layer with a wrong value first, then fix it through an edit, as a user would.
    for (const arch::LayerSpec& layer : target.layers) {
        arch::LayerSpec first = ui::defaultLayer(layer.type);
        model.insertLayer(model.layerCount(), first);
        steps.push_back(model.architecture());
        model.setLayer(model.layerCount() - 1, layer);
        if (!(first == layer)) steps.push_back(model.architecture());
    }
    QVERIFY(sameNetwork(model.architecture(), target));
    QCOMPARE(model.matchingPreset(), QString("CNN-25"));
    QVERIFY(model.problems().empty());
    QCOMPARE(model.undoStack()->count(), int(steps.size()) - 1);
    QCOMPARE(changed.count(), int(steps.size()) - 1);

    // Undo every step back to the empty architecture, checking each intermediate state.
    for (int i = int(steps.size()) - 2; i >= 0; --i) {
        model.undoStack()->undo();
        QVERIFY2(model.architecture() == steps[std::size_t(i)], qPrintable(QString("after undo to step %1").arg(i)));
    }
    QCOMPARE(model.layerCount(), 0);
    QCOMPARE(model.rowCount(), 0);
    model.undoStack()->setIndex(model.undoStack()->count());
    QVERIFY(sameNetwork(model.architecture(), target));
    QCOMPARE(model.rowCount(), int(target.layers.size()));
}

void TestArchitectureEditor::undoRedoRestoresExactArchitectures() {
    ArchitectureModel model;
    model.setArchitecture(arch::preset("CNN-2"));
    std::vector<arch::Architecture> states{model.architecture()};
    auto record = [&] { states.push_back(model.architecture()); };

    model.applyPreset("CNN-50-2"); record();
    model.moveLayer(0, 3); record();
    model.removeLayer(5); record();
    arch::LayerSpec pool = model.architecture().layers[2];
    pool.poolStride = 7;
    model.setLayer(2, pool); record();
    model.setInputLength(1000); record();
    model.setNumClasses(3); record();
    model.setOutputKind(arch::OutputKind::Softmax); record();
    model.insertLayers(1, {arch::LayerSpec::dropout(0.3), arch::LayerSpec::act(arch::ActivationType::Exponential)}, "two");
    record();
    model.moveLayer(7, 1); record();
    QCOMPARE(model.undoStack()->count(), int(states.size()) - 1);
    QCOMPARE(model.architecture().numClasses, 3);
    QCOMPARE(model.architecture().layers.back().units, 3);  // classes also resize the output layer

    for (int i = int(states.size()) - 2; i >= 0; --i) {
        model.undoStack()->undo();
        QVERIFY2(model.architecture() == states[std::size_t(i)], qPrintable(QString("undo to state %1").arg(i)));
        QCOMPARE(model.rowCount(), int(states[std::size_t(i)].layers.size()));
    }
    for (std::size_t i = 1; i < states.size(); ++i) {
        model.undoStack()->redo();
        QVERIFY2(model.architecture() == states[i], qPrintable(QString("redo to state %1").arg(i)));
    }
    // A no-op edit pushes nothing.
    const int count = model.undoStack()->count();
    model.setLayer(0, model.architecture().layers[0]);
    model.setInputLength(model.architecture().inputLength);
    model.moveLayer(2, 2);
    model.removeLayer(999);
    QCOMPARE(model.undoStack()->count(), count);
    // setArchitecture starts a new document.
    model.setArchitecture(arch::preset("CNN-1"));
    QCOMPARE(model.undoStack()->count(), 0);
}

void TestArchitectureEditor::presetsApply_data() {
    QTest::addColumn<std::string>("name");
    for (const auto& name : arch::presetNames()) QTest::newRow(name.c_str()) << name;
}

void TestArchitectureEditor::presetsApply() {
    QFETCH(std::string, name);
    ArchitectureModel model;
    arch::Architecture start = emptyArchitecture();
    start.inputLength = 1000;
    start.numClasses = 5;
    model.setArchitecture(start);
    model.applyPreset(QString::fromStdString(name));
    QCOMPARE(model.architecture(), arch::preset(name, 1000, 5));
    QCOMPARE(model.matchingPreset(), QString::fromStdString(name));
    QVERIFY(model.problems().empty());
    QCOMPARE(model.undoStack()->count(), 1);
    model.undoStack()->undo();
    QCOMPARE(model.architecture(), start);
    model.applyPreset("no-such-model");  // ignored, not a crash
    QCOMPARE(model.undoStack()->count(), 1);
}

void TestArchitectureEditor::invalidEditsShowProblems_data() {
    QTest::addColumn<int>("edit");
    QTest::addColumn<int>("blamedRow");  // -1: a general problem
    QTest::addColumn<QString>("fragment");
    QTest::newRow("fail_pool_longer_than_input") << 0 << 3 << "max-pool 1000 on a length-200 input";
    QTest::newRow("fail_zero_filters") << 1 << 0 << "at least 1 filter";
    QTest::newRow("fail_dense_before_flatten") << 2 << 9 << "dense layer before any flatten";
    QTest::newRow("fail_output_layer_removed") << 3 << -1 << "last layer must be a dense layer";
    QTest::newRow("fail_dropout_rate") << 4 << 4 << "outside [0, 1)";
}

void TestArchitectureEditor::invalidEditsShowProblems() {
    QFETCH(int, edit);
    QFETCH(int, blamedRow);
    QFETCH(QString, fragment);
    ArchitectureModel model;
    model.setArchitecture(arch::preset("CNN-25"));
    QVERIFY(model.problems().empty());
    arch::Architecture a = model.architecture();
    switch (edit) {
    case 0: { auto l = a.layers[3]; l.poolSize = 1000; model.setLayer(3, l); break; }
    case 1: { auto l = a.layers[0]; l.units = 0; model.setLayer(0, l); break; }
    case 2: model.moveLayer(11, 9); break;  // dense 512 above the flatten
    case 3: model.removeLayer(model.layerCount() - 1); break;
    case 4: { auto l = a.layers[4]; l.dropRate = 1.5; model.setLayer(4, l); break; }
    }
    QVERIFY(!model.problems().empty());
    const QStringList shown = blamedRow >= 0 ? model.problemsOfRow(blamedRow) : model.generalProblems();
    QVERIFY2(shown.join('\n').contains(fragment), qPrintable(shown.join('\n')));
    if (blamedRow >= 0) {
        const QModelIndex type = model.index(blamedRow, ArchitectureModel::TypeColumn);
        QVERIFY(!model.data(type, Qt::DecorationRole).isNull());  // warning icon in the row
        QVERIFY(model.data(type, Qt::ToolTipRole).toString().contains(fragment));
    }
    model.undoStack()->undo();
    QVERIFY(model.problems().empty());
}

void TestArchitectureEditor::derivedColumns() {
    ArchitectureModel model;
    model.setArchitecture(arch::preset("CNN-25"));
    auto cell = [&](int row, int column) { return model.data(model.index(row, column)).toString(); };
    // conv 30 x 19 on 200 x 4: 19 * 4 * 30 weights, no bias.
    QCOMPARE(cell(0, ArchitectureModel::OutputColumn), QString("200 \u00d7 30"));
    QCOMPARE(cell(0, ArchitectureModel::ParamsColumn), QString("2,280"));
    QCOMPARE(cell(0, ArchitectureModel::ReceptiveFieldColumn), QString("19 nt"));
    QCOMPARE(cell(1, ArchitectureModel::ParamsColumn), QString("60"));  // batch norm: gamma, beta x 30
    QCOMPARE(cell(3, ArchitectureModel::OutputColumn), QString("8 \u00d7 30"));
    QCOMPARE(cell(3, ArchitectureModel::ReceptiveFieldColumn), QString("43 nt"));
    QCOMPARE(cell(5, ArchitectureModel::ParamsColumn), QString("19,200"));  // 5 * 30 * 128
    // Second pool: 218 nt in theory, capped at the 200 real bases for display.
    QCOMPARE(model.receptiveField(8), 218);
    QCOMPARE(cell(8, ArchitectureModel::ReceptiveFieldColumn), QString("200 nt"));
    QCOMPARE(cell(10, ArchitectureModel::OutputColumn), QString("1 \u00d7 256"));
    QCOMPARE(cell(10, ArchitectureModel::ReceptiveFieldColumn), QString("whole input"));
    QCOMPARE(model.totalParameters(), 160048L);
    QCOMPARE(model.summaryText(), QString("receptive field 43 nt \u00b7 160,048 parameters"));
    QVERIFY(model.hintText().contains("whole motifs"));

    model.applyPreset("CNN-2");
    QCOMPARE(model.summaryText(), QString("receptive field 20 nt \u00b7 %1 parameters")
                                      .arg(ui::withThousands(arch::parameterCount(arch::preset("CNN-2")))));
    QVERIFY(model.hintText().contains("partial motifs"));

    // An impossible layer: the shapes after it are unknown and shown as a dash.
    arch::LayerSpec conv = model.architecture().layers[0];
    conv.width = 0;
    model.setLayer(0, conv);
    QCOMPARE(cell(0, ArchitectureModel::OutputColumn), QString("\u2014"));
    QCOMPARE(cell(3, ArchitectureModel::ParamsColumn), QString("\u2014"));
}

void TestArchitectureEditor::spinBoxEditsMerge() {
    ArchitectureModel model;
    model.setArchitecture(arch::preset("CNN-25"));
    arch::LayerSpec conv = model.architecture().layers[0];
    for (int f = 31; f <= 40; ++f) {  // scrolling the filters spin box
        conv.units = f;
        model.setLayer(0, conv);
    }
    QCOMPARE(model.undoStack()->count(), 1);
    conv.width = 9;  // another field: a new step
    model.setLayer(0, conv);
    QCOMPARE(model.undoStack()->count(), 2);
    model.setInputLength(300);
    model.setInputLength(400);
    QCOMPARE(model.undoStack()->count(), 3);
    model.undoStack()->undo();
    QCOMPARE(model.architecture().inputLength, 200);
    model.undoStack()->undo();
    model.undoStack()->undo();
    QCOMPARE(model.architecture(), arch::preset("CNN-25"));
}

void TestArchitectureEditor::dragAndDropMoves() {
    ArchitectureModel model;
    model.setArchitecture(arch::preset("CNN-4"));
    const arch::Architecture before = model.architecture();
    std::unique_ptr<QMimeData> mime(model.mimeData({model.index(4, 0)}));
    QVERIFY(mime);
    // Dropping before row 1 moves the dropout (row 4) to row 1; false tells the view not to
    // delete the source row itself.
    QVERIFY(!model.dropMimeData(mime.get(), Qt::MoveAction, 1, 0, {}));
    QCOMPARE(model.architecture().layers[1], before.layers[4]);
    QCOMPARE(model.architecture().layers[2], before.layers[1]);
    QCOMPARE(model.undoStack()->count(), 1);
    model.undoStack()->undo();
    QCOMPARE(model.architecture(), before);
}

void TestArchitectureEditor::editorWidgetWiring() {
    ui::ArchitectureEditor editor;
    editor.resize(1100, 700);
    QSignalSpy changed(&editor, &ui::ArchitectureEditor::architectureChanged);
    editor.setArchitecture(arch::preset("CNN-1"));
    QCOMPARE(editor.architecture(), arch::preset("CNN-1"));
    QCOMPARE(editor.undoStack()->count(), 0);
    QVERIFY(changed.count() >= 1);

    auto* presets = editor.findChild<QComboBox*>("presetBox");
    QVERIFY(presets);
    QCOMPARE(presets->count(), 1 + int(arch::presetNames().size()));  // "Custom" + every preset
    QCOMPARE(presets->currentText(), QString("CNN-1"));

    // Editing the first conv's filters through the side form is one undoable command.
    editor.setCurrentLayer(0);
    auto* form = editor.findChild<ui::ArchitectureLayerForm*>();
    QVERIFY(form);
    QCOMPARE(form->row(), 0);
    QSpinBox* filters = nullptr;
    for (auto* s : form->findChildren<QSpinBox*>())
        if (s->value() == 30) filters = s;
    QVERIFY(filters);
    filters->setValue(64);
    QCOMPARE(editor.architecture().layers[0].units, 64);
    QCOMPARE(editor.undoStack()->count(), 1);
    QCOMPARE(presets->currentText(), QString("Custom"));
    editor.undoAction()->trigger();
    QCOMPARE(editor.architecture(), arch::preset("CNN-1"));
    QCOMPARE(filters->value(), 30);  // the form follows undo
    editor.redoAction()->trigger();
    QCOMPARE(editor.architecture().layers[0].units, 64);
}

QTEST_MAIN(TestArchitectureEditor)
#include "test_architecture_editor.moc"
