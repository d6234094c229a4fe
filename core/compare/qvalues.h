#pragma once
// q-values for a family of m p-values (Tomtom: one query against every target strand entry).
//
//   q_i = min_{j >= i} min(1, pi0 * p_(j) * m / j)   with p_(1) <= ... <= p_(m)
// pi0 = 1 is Benjamini & Hochberg (1995); pi0 < 1 is Storey's estimate of the fraction of
// true nulls (Storey & Tibshirani 2003), chosen by bootstrap (Storey, Taylor & Siegmund 2004):
//   pi0(lambda) = #{p > lambda} / (m (1 - lambda)),  lambda = 0.005 j, j = 1..100;
//   the lambda whose bootstrap pi0 has the smallest mean squared error against
//   min_lambda pi0(lambda) wins; the result is clamped to [0, 1].

#include "util/rng.h"

#include <vector>

namespace motifloom::compare {

// q-values in the order of `pValues`. Ties in p get the same q. Empty in, empty out.
std::vector<double> qValues(const std::vector<double>& pValues, double pi0 = 1.0);

// Storey's bootstrap estimate of pi0. The draws come from `rng` only, so a fixed seed gives a
// fixed answer. Returns 1 for an empty list.
double estimatePi0Storey(const std::vector<double>& pValues, Rng& rng, int bootstraps = 1000);

// pi0(lambda_j) for j = 1..100 (index j-1), exposed for tests.
std::vector<double> pi0ByLambda(const std::vector<double>& pValues);

}  // namespace motifloom::compare
