#include "compare/column_scores.h"

#include <cassert>
#include <cmath>

namespace motifloom::compare {
namespace {

// A pseudocounted flat column is 1/4 only up to rounding; its "variance" is then ~1e-34 and a
// correlation computed from it would be noise. Anything this flat counts as variance 0.
constexpr double kFlatVariance = 1e-20;

double euclideanSquared(const double* q, const double* t) {
    double sum = 0;
    for (int a = 0; a < 4; ++a) {
        const double d = q[a] - t[a];
        sum += d * d;
    }
    return sum;
}

double pearson(const double* q, const double* t) {
    double sqq = 0, stt = 0, sqt = 0;
    for (int a = 0; a < 4; ++a) {
        const double dq = q[a] - 0.25, dt = t[a] - 0.25;
        sqq += dq * dq;
        stt += dt * dt;
        sqt += dq * dt;
    }
    if (sqq < kFlatVariance || stt < kFlatVariance) return 0.0;
    return sqt / std::sqrt(sqq * stt);
}

double kullback(const double* q, const double* t) {
    double sum = 0;
    for (int a = 0; a < 4; ++a) sum += q[a] * std::log10(q[a] / t[a]) + t[a] * std::log10(t[a] / q[a]);
    return -0.5 * sum;
}

double allr(const double* q, const double* t, double nq, double nt, const motif::Background& bg) {
    double num = 0, den = 0;
    for (int a = 0; a < 4; ++a) {
        num += nt * t[a] * std::log(q[a] / bg[a]) + nq * q[a] * std::log(t[a] / bg[a]);
        den += nq * q[a] + nt * t[a];
    }
    return num / den;
}

}  // namespace

std::string distanceName(Distance distance) {
    switch (distance) {
    case Distance::Ed: return "ed";
    case Distance::Pearson: return "pearson";
    case Distance::Sandelin: return "sandelin";
    case Distance::Kullback: return "kullback";
    case Distance::Allr: return "allr";
    }
    return "ed";
}

std::optional<Distance> parseDistance(const std::string& name) {
    for (Distance d : {Distance::Ed, Distance::Pearson, Distance::Sandelin, Distance::Kullback,
                       Distance::Allr})
        if (name == distanceName(d)) return d;
    return std::nullopt;
}

double columnScore(Distance distance, const double* q, const double* t, double querySites,
                   double targetSites, const motif::Background& bg) {
    switch (distance) {
    case Distance::Ed: return -std::sqrt(euclideanSquared(q, t));
    case Distance::Pearson: return pearson(q, t);
    case Distance::Sandelin: return 2.0 - euclideanSquared(q, t);
    case Distance::Kullback: return kullback(q, t);
    case Distance::Allr: return allr(q, t, querySites, targetSites, bg);
    }
    return 0.0;
}

ScoreMatrix columnScores(Distance distance, const motif::Matrix4& query, double querySites,
                         const motif::Matrix4& targetColumns, const std::vector<double>& targetSites,
                         const motif::Background& bg) {
    assert(targetSites.size() == std::size_t(targetColumns.cols()));
    ScoreMatrix s;
    s.rows = int(query.cols());
    s.cols = int(targetColumns.cols());
    s.values.resize(std::size_t(s.rows) * s.cols);
    // Eigen matrices are column-major, so column c's 4 probabilities are contiguous.
    for (int i = 0; i < s.rows; ++i) {
        const double* q = query.data() + 4 * std::size_t(i);
        float* out = s.values.data() + std::size_t(i) * s.cols;
        for (int t = 0; t < s.cols; ++t)
            out[t] = float(columnScore(distance, q, targetColumns.data() + 4 * std::size_t(t),
                                       querySites, targetSites[std::size_t(t)], bg));
    }
    return s;
}

}  // namespace motifloom::compare
