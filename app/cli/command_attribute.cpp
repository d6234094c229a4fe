// motifloom-cli attribute: which bases a trained model's predictions rest on, per sequence:
// saliency (gradient x input) and in-silico mutagenesis (core/attribution), as TSV tables and
// figures with the planted motifs boxed; --faithfulness scores the maps against the planted
// motifs (core/attribution/faithfulness.h).
#include "attribution/activation_map.h"
#include "attribution/attribution_table.h"
#include "attribution/faithfulness.h"
#include "attribution/mutagenesis.h"
#include "attribution/saliency.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/data_option.h"
#include "cli/gui_application.h"
#include "seqio/alphabet.h"
#include "train/run_directory.h"
#include "util/atomic_file.h"
#include "util/parallel.h"
#include "util/text.h"

#include "logo/attribution_figure.h"
#include "logo/logo_export.h"


#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace motifloom::cli {

namespace {

// A sequence id as a file name: characters other than letters, digits, '.', '-', '_' become '_'.
std::string fileStem(const std::string& id) {
    std::string out = id;
    for (char& c : out)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) c = '_';
    if (out.empty() || out == "." || out == "..") out = "_" + out;
    return out;
}

std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::vector<int> classIndices(const std::string& option, const std::vector<std::string>& names) {
    std::vector<int> out;
    if (option == "all") {
        for (int k = 0; k < int(names.size()); ++k) out.push_back(k);
        return out;
    }
    for (const std::string& want : splitList(option)) {
        const auto it = std::find(names.begin(), names.end(), want);
        if (it == names.end())
            throw InputError("option --class: unknown class '" + want + "'; the classes are " + joinNames(names) + " (or all)");
        out.push_back(int(it - names.begin()));
    }
    if (out.empty()) throw InputError("option --class needs class names separated by commas, or all");
    return out;
}


void printFaithfulness(const char* method, const attribution::Faithfulness& f) {
    std::printf("%-9s  cases %5ld   top inside (+-2 nt) %.3f (%ld of %ld)   AUROC inside vs outside %.3f\n", method, f.cases,
                f.topShare, f.topInside, f.cases, f.auroc);
}

}  // namespace

int runAttribute(const Args& args) {
    CommandLine p("attribute",
                  "Which bases a trained model's predictions rest on: per sequence, saliency (gradient x input of a\n"
                  "class logit) and in-silico mutagenesis (every single-base substitution, change of the class logit),\n"
                  "written as OUT/ID.tsv (position, base, then one column per class and method) and a figure\n"
                  "OUT/ID.png|svg|pdf with the planted motifs boxed (from DIR/truth.tsv when --data is a folder\n"
                  "written by simulate). --faithfulness instead scores ISM and saliency against the planted motifs\n"
                  "over the chosen sequences (see docs/attribution.md).");
    std::string run, part = "test", ids, classOption = "all", method = "both", out, figures = "png";
    int first = 0, threads = 0;
    bool faithfulness = false;
    DataOptions dataOptions;
    p.add_option("--run", run, "run directory written by train, or its model.mlm")->type_name("RUNDIR|MODEL")->required();
    addDataOptions(p, dataOptions, "--split-fractions");
    p.add_option("--split", part, "which part of the data the sequences come from")
        ->type_name("test|valid|train")
        ->transform(oneOf({"test", "valid", "train"}))
        ->capture_default_str();
    auto* idsOption = p.add_option("--ids", ids, "sequence ids, comma-separated")->type_name("ID,ID");
    auto* firstOption = p.add_option("--first", first, "the first N sequences of the part")->type_name("N")->transform(wholeNumber(1, 100'000'000));
    p.add_option("--class", classOption, "classes to attribute: names (comma-separated) or all")->type_name("NAME|all")->capture_default_str();
    p.add_option("--method", method, "attribution method")
        ->type_name("saliency|ism|both")
        ->transform(oneOf({"saliency", "ism", "both"}))
        ->capture_default_str();
    p.add_option("--out", out, "output folder (created when missing); optional with --faithfulness")->type_name("DIR");
    p.add_option("--figures", figures, "figure format, or none")
        ->type_name("svg|png|pdf|none")
        ->transform(oneOf({"svg", "png", "pdf", "none"}))
        ->capture_default_str();
    p.add_flag("--faithfulness", faithfulness,
               "instead of maps: how often the top |ISM| / |saliency| position lies in a planted motif of the class (+-2 nt), and the AUROC of per-position scores");
    p.addThreads(threads);
    if (!p.parseArgs(args)) return 0;
    if (idsOption->count() && firstOption->count()) throw InputError("options --ids and --first exclude each other");
    if (ids.empty() && first == 0) throw InputError("give the sequences: --ids ID,ID or --first N (see 'attribute --help')");
    if (out.empty() && !faithfulness) throw InputError("option --out DIR is required (see 'attribute --help')");
    parallel::setThreadCount(threads);

    const nn::Network net = train::loadRunModel(run);
    auto data = loadData(dataOptions);
    if (!data.warnings.empty()) std::cerr << "warnings:\n" << data.warnings.summary();
    const seqio::SequenceSet& set = part == "valid" ? data.splits.valid : part == "train" ? data.splits.train : data.splits.test;
    if (set.length != net.inputLength() || set.numClasses() != net.numClasses())
        throw InputError("the model takes " + std::to_string(net.inputLength()) + " nt and " + std::to_string(net.numClasses()) +
                         " classes, the data have " + std::to_string(set.length) + " nt and " + std::to_string(set.numClasses()));
    const std::vector<int> classes = classIndices(classOption, set.classNames);

    // The sequences, by id or the first N.
    std::vector<std::size_t> chosen;
    if (!ids.empty()) {
        for (const std::string& id : splitList(ids)) {
            const auto it = std::find(set.ids.begin(), set.ids.end(), id);
            if (it == set.ids.end())
                throw InputError("option --ids: unknown sequence id '" + id + "' in the " + part + " part of " + data.description);
            chosen.push_back(std::size_t(it - set.ids.begin()));
        }
    } else {
        for (std::size_t i = 0; i < std::min<std::size_t>(std::size_t(first), set.size()); ++i) chosen.push_back(i);
    }
    const seqio::SequenceSet subset = set.subset(chosen);

    // Planted motifs: DIR/truth.tsv of a folder written by simulate.
    attribution::PlantedIndex truth;
    const std::filesystem::path truthPath = std::filesystem::path(dataOptions.source) / "truth.tsv";
    std::error_code ec;
    if (std::filesystem::is_regular_file(truthPath, ec)) truth = attribution::indexTruth(synth::readTruth(truthPath.string()));

    if (faithfulness) {
        if (truth.empty())
            throw InputError("option --faithfulness needs planted motifs: --data must be a folder written by simulate (with "
                             "truth.tsv); FASTA data have no planted positions, and a --truth mapping (filters, sweep) "
                             "names the expected motifs, not where they are, so faithfulness does not apply");
        const auto t0 = std::chrono::steady_clock::now();
        const attribution::FaithfulnessReport r = attribution::measureFaithfulness(net, subset, subset.size(), truth);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("faithfulness of %s on the first %zu %s sequences of %s (%.1f s, %d threads)\n", run.c_str(), r.sequences,
                    part.c_str(), data.description.c_str(), seconds, parallel::threadCount());
        printFaithfulness("ISM", r.ism);
        printFaithfulness("saliency", r.saliency);
        if (r.missing) std::printf("(%ld positive classes had no planted motif of their own and were skipped)\n", r.missing);
        if (!out.empty()) {
            std::filesystem::create_directories(out, ec);
            std::string tsv = "method\tcases\ttop_inside\ttop_share\tauroc\n";
            for (const auto& [name, f] : {std::pair{"ism", r.ism}, std::pair{"saliency", r.saliency}}) {
                char buf[160];
                std::snprintf(buf, sizeof buf, "%s\t%ld\t%ld\t%.4f\t%.4f\n", name, f.cases, f.topInside, f.topShare, f.auroc);
                tsv += buf;
            }
            writeTextFileAtomically((std::filesystem::path(out) / "faithfulness.tsv").string(), tsv);
        }
        return 0;
    }

    std::filesystem::create_directories(out, ec);
    if (!std::filesystem::is_directory(out, ec)) throw InputError(out, 0, "cannot create the output folder");
    const bool doSaliency = method != "ism", doIsm = method != "saliency";
    const auto prediction = attribution::predict(net, subset.codes.data(), subset.size());
    const auto saliencies = doSaliency ? attribution::saliency(net, subset.codes.data(), subset.size(), classes)
                                       : std::vector<attribution::Saliency>{};
    const auto isms = doIsm ? attribution::mutagenesis(net, subset.codes.data(), subset.size())
                            : std::vector<attribution::Mutagenesis>{};
    if (figures != "none") ensureGuiApplication();
    const int k = net.numClasses();
    for (std::size_t i = 0; i < subset.size(); ++i) {
        const std::string& id = subset.ids[i];
        const std::span<const std::uint8_t> seq(subset.sequence(i), std::size_t(subset.length));
        const attribution::Saliency* sal = doSaliency ? &saliencies[i] : nullptr;
        const attribution::Mutagenesis* ism = doIsm ? &isms[i] : nullptr;
        const std::string stem = (std::filesystem::path(out) / fileStem(id)).string();
        writeTextFileAtomically(stem + ".tsv", attribution::formatAttributionTsv(seq, set.classNames, classes, sal, ism));

        std::string labels, predicted;
        for (int c = 0; c < k; ++c) {
            if (subset.label(i)[c] >= 0.5f) labels += (labels.empty() ? "" : ",") + set.classNames[std::size_t(c)];
            const float prob = prediction.probabilities[i * std::size_t(k) + std::size_t(c)];
            if (prob >= 0.5f) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "%s %.2f", set.classNames[std::size_t(c)].c_str(), double(prob));
                predicted += (predicted.empty() ? "" : ", ") + std::string(buf);
            }
        }
        std::printf("%s\tlabels %s\tpredicted %s\t%s.tsv\n", id.c_str(), labels.empty() ? "-" : labels.c_str(),
                    predicted.empty() ? "-" : predicted.c_str(), stem.c_str());
        if (figures == "none") continue;

        ui::AttributionFigure fig;
        fig.title = QString::fromStdString(id + "  (" + part + ", labels " + (labels.empty() ? "none" : labels) + ")");
        QString probs;
        for (int c : classes) {
            const float prob = prediction.probabilities[i * std::size_t(k) + std::size_t(c)];
            probs += QStringLiteral("%1%2 %3").arg(probs.isEmpty() ? "P: " : ", ", QString::fromStdString(set.classNames[std::size_t(c)])).arg(double(prob), 0, 'f', 2);
        }
        fig.subtitle = probs;
        fig.sequence.assign(seq.begin(), seq.end());
        for (std::size_t j = 0; j < classes.size(); ++j) {
            const int c = classes[j];
            const QString name = QString::fromStdString(set.classNames[std::size_t(c)]);
            if (sal) fig.tracks.push_back({name + QStringLiteral(" · saliency"), c, std::vector<float>(sal->importanceRow(int(j)).begin(), sal->importanceRow(int(j)).end())});
            if (ism) fig.tracks.push_back({name + QStringLiteral(" · ISM"), c, ism->importances(c)});
        }
        if (const auto it = truth.find(id); it != truth.end())
            for (const synth::TruthRecord& r : it->second)
                fig.boxes.push_back({r.start, r.end, r.label,
                                     QString::fromStdString(r.motifName.empty() ? r.motifId : r.motifName) + " " + QChar(r.strand)});
        ui::ImageExportOptions options;
        options.pixelRatio = 2.0;
        options.title = QString::fromStdString(id);
        const QSizeF size = ui::attributionFigureSize(fig);
        ui::exportLogoImage(QString::fromStdString(stem + "." + figures), size.toSize(),
                            [&](QPainter& painter, const QRectF& rect) { ui::paintAttributionFigure(painter, rect, fig); }, options);
    }
    return 0;
}

}  // namespace motifloom::cli
