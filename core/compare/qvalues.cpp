#include "compare/qvalues.h"

#include <algorithm>
#include <numeric>

namespace motifloom::compare {
namespace {

constexpr int kLambdas = 100;
constexpr double kLambdaStep = 0.005;

double lambdaAt(int j) { return kLambdaStep * j; }  // j = 1..kLambdas

// For each p: how many lambdas lie strictly below it (0..kLambdas), so that
// #{p > lambda_j} = #{i : level_i >= j}.
std::vector<int> lambdaLevels(const std::vector<double>& pValues) {
    std::vector<int> levels(pValues.size());
    for (std::size_t i = 0; i < pValues.size(); ++i) {
        int level = 0;
        while (level < kLambdas && lambdaAt(level + 1) < pValues[i]) ++level;
        levels[i] = level;
    }
    return levels;
}

// pi0 for every lambda from a histogram of levels (count[level]) over m values.
void pi0FromLevelCounts(const std::vector<long>& count, double m, std::vector<double>& pi0) {
    long above = 0;  // #{level >= j}
    for (int j = kLambdas; j >= 1; --j) {
        above += count[std::size_t(j)];
        pi0[std::size_t(j - 1)] = double(above) / (m * (1.0 - lambdaAt(j)));
    }
}

}  // namespace

std::vector<double> qValues(const std::vector<double>& pValues, double pi0) {
    const std::size_t m = pValues.size();
    std::vector<double> q(m);
    if (m == 0) return q;
    std::vector<std::size_t> order(m);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return pValues[a] < pValues[b]; });
    double running = 1.0;
    for (std::size_t rank = m; rank-- > 0;) {
        const double p = pValues[order[rank]];
        running = std::min(running, std::min(1.0, pi0 * p * double(m) / double(rank + 1)));
        q[order[rank]] = running;
    }
    return q;
}

std::vector<double> pi0ByLambda(const std::vector<double>& pValues) {
    std::vector<double> pi0(kLambdas, 1.0);
    if (pValues.empty()) return pi0;
    std::vector<long> count(kLambdas + 1, 0);
    for (int level : lambdaLevels(pValues)) ++count[std::size_t(level)];
    pi0FromLevelCounts(count, double(pValues.size()), pi0);
    return pi0;
}

double estimatePi0Storey(const std::vector<double>& pValues, Rng& rng, int bootstraps) {
    const std::size_t m = pValues.size();
    if (m == 0) return 1.0;
    const std::vector<int> levels = lambdaLevels(pValues);
    const std::vector<double> pi0 = pi0ByLambda(pValues);
    const double minPi0 = *std::min_element(pi0.begin(), pi0.end());

    std::vector<double> mse(kLambdas, 0.0), boot(kLambdas);
    std::vector<long> count(kLambdas + 1);
    for (int b = 0; b < bootstraps; ++b) {
        std::fill(count.begin(), count.end(), 0);
        for (std::size_t k = 0; k < m; ++k) ++count[std::size_t(levels[rng.below(m)])];
        pi0FromLevelCounts(count, double(m), boot);
        for (int j = 0; j < kLambdas; ++j) {
            const double d = boot[std::size_t(j)] - minPi0;
            mse[std::size_t(j)] += d * d;
        }
    }
    const auto best = std::min_element(mse.begin(), mse.end()) - mse.begin();  // first on ties
    return std::clamp(pi0[std::size_t(best)], 0.0, 1.0);
}

}  // namespace motifloom::compare
