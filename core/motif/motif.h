#pragma once
// Motif: a position probability matrix (PPM).
// Layout: 4 x width, rows A,C,G,T (index 0..3), columns positions 0..width-1 read 5'->3' on
// the forward strand. Each column holds probabilities that sum to 1 (not counts, not
// log-odds). `nsites` is the number of aligned sites the matrix was estimated from (0 when
// unknown); it weights pseudocounts in motif comparison.

#include <Eigen/Core>

#include <string>
#include <vector>

namespace motifloom::motif {

using Matrix4 = Eigen::Matrix<double, 4, Eigen::Dynamic>;

struct Motif {
    std::string id;    // database identifier, e.g. "MA0151.1" (may equal name for filters)
    std::string name;  // human name, e.g. "ARID3A"
    Matrix4 probs;     // 4 x width, columns sum to 1
    double nsites = 0; // sites behind the matrix; 0 = unknown

    int width() const { return int(probs.cols()); }
};

using MotifList = std::vector<Motif>;

}  // namespace motifloom::motif
