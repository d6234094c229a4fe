#include "train/checkpoint.h"

#include "arch/architecture_json.h"
#include "util/atomic_file.h"
#include "util/input_error.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>

namespace motifloom::train {
namespace {
constexpr const char* kMagic = "MOTIFLOOM-CHECKPOINT 1\n";
}

TrainState::TrainState(const TrainState& o)
    : arch(o.arch), network(o.network), bestNetwork(o.bestNetwork),
      optimizer(o.optimizer ? o.optimizer->clone() : nullptr), epochsDone(o.epochsDone),
      stepsDone(o.stepsDone), bestValidLoss(o.bestValidLoss),
      epochsWithoutImprovement(o.epochsWithoutImprovement), history(o.history) {}

void saveCheckpoint(const std::string& path, const TrainState& state) {
    nlohmann::json header = {{"architecture", arch::toJson(state.arch)},
                             {"epochs_done", state.epochsDone},
                             {"steps_done", state.stepsDone},
                             {"best_valid_loss", state.bestValidLoss},
                             {"epochs_without_improvement", state.epochsWithoutImprovement},
                             {"history", toJson(state.history)}};
    const std::string text = header.dump();
    writeFileAtomically(path, [&](std::ostream& out) {
        out << kMagic;
        const std::uint64_t size = text.size();
        out.write(reinterpret_cast<const char*>(&size), sizeof size);
        out << text;
        state.network.save(out);
        const std::uint8_t hasBest = state.bestNetwork ? 1 : 0;
        out.put(char(hasBest));
        if (hasBest) state.bestNetwork->save(out);
        state.optimizer->save(out);
    });
}

TrainState loadCheckpoint(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, "cannot open checkpoint");
    std::string magic(std::string(kMagic).size(), '\0');
    in.read(magic.data(), std::streamsize(magic.size()));
    if (!in || magic != kMagic) throw InputError(path, 0, "not a MotifLoom checkpoint");
    std::uint64_t size = 0;
    in.read(reinterpret_cast<char*>(&size), sizeof size);
    if (!in || size > (1u << 30)) throw InputError(path, 0, "checkpoint header is damaged");
    std::string text(size, '\0');
    in.read(text.data(), std::streamsize(size));
    if (!in) throw InputError(path, 0, "checkpoint is truncated");
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception&) {
        throw InputError(path, 0, "checkpoint header is damaged");
    }
    try {
        arch::Architecture a = arch::fromJson(header.at("architecture"), path);
        nn::Network net = nn::Network::load(in, path);
        const int hasBest = in.get();
        if (hasBest != 0 && hasBest != 1) throw InputError(path, 0, "checkpoint is truncated");
        std::optional<nn::Network> best;
        if (hasBest) best = nn::Network::load(in, path);
        auto optimizer = nn::makeOptimizer(a.training);
        optimizer->load(in, net.parameters(), path);
        TrainState state(a, std::move(net), std::move(optimizer));
        state.bestNetwork = std::move(best);
        state.epochsDone = header.at("epochs_done").get<int>();
        state.stepsDone = header.at("steps_done").get<long>();
        state.bestValidLoss = header.at("best_valid_loss").get<double>();
        state.epochsWithoutImprovement = header.at("epochs_without_improvement").get<int>();
        state.history = historyFromJson(header.at("history"));
        return state;
    } catch (const nlohmann::json::exception& e) {
        throw InputError(path, 0, std::string("checkpoint header is incomplete: ") + e.what());
    }
}

}  // namespace motifloom::train
