#include "lab/sweep_plan.h"

#include "arch/presets.h"
#include <algorithm>

namespace motifloom::lab {

std::vector<SweepJob> sweepJobs(const SweepPlan& plan, int inputLength, int numClasses, seqio::TaskKind task,
                                const arch::TrainingSettings& current) {
    std::vector<SweepJob> jobs;
    jobs.reserve(std::size_t(std::max(0, plan.runCount())));
    for (const std::string& model : plan.models) {
        for (int t = 1; t <= plan.trials; ++t) {
            arch::Architecture a = arch::preset(model, inputLength, numClasses);
            a.output = task == seqio::TaskKind::SingleLabel ? arch::OutputKind::Softmax : arch::OutputKind::Sigmoid;
            if (!plan.paperSettings) {
                const double l1 = a.training.l1;
                a.training = current;
                if (l1 > 0 && current.l1 == 0) a.training.l1 = l1;
            }
            a.training.seed = plan.firstSeed + std::uint64_t(t - 1);
            if (plan.maxEpochs > 0) a.training.maxEpochs = plan.maxEpochs;
            if (plan.patience >= 0) a.training.patience = plan.patience;
            jobs.push_back({a.name, t, a.training.seed, std::move(a)});
        }
    }
    return jobs;
}

}  // namespace motifloom::lab
