#include "nn/dense.h"

#include "util/parallel.h"

#include <algorithm>
#include <cassert>

namespace motifloom::nn {

Dense::Dense(const arch::LayerSpec& spec, arch::Shape in, int index, std::uint64_t seed)
    : Layer(spec, in, {1, spec.units}, index) {
    assert(in.length == 1 && spec.units >= 1);
    const std::size_t n = std::size_t(in.channels) * std::size_t(spec.units);
    mW.assign(n, 0.0f);
    mGradW.assign(n, 0.0f);
    glorotUniform(mW, in.channels, spec.units, seed);
    if (spec.bias) {
        mB.assign(std::size_t(spec.units), 0.0f);
        mGradB.assign(std::size_t(spec.units), 0.0f);
    }
}

int Dense::blockWidth(int n) {
    // Each block re-packs the whole left operand (the batch's inputs or output gradients), so
    // there are no more blocks than threads, and each is at least 64 columns wide. (Columns
    // are independent: the block width never changes a result.)
    const int blocks = std::clamp(parallel::threadCount(), 1, int(ChunkPlan::kMaxChunks));
    const int per = (n + blocks - 1) / blocks;
    return std::max(64, (per + 31) / 32 * 32);
}

void Dense::forward(const Pass& pass, Work*, const Chunk&, const float* x, float* y) const {
    const int batch = pass.batch, in = inputs(), out = units();
    const int bw = blockWidth(out);
    const int blocks = (out + bw - 1) / bw;
    assert(int(pass.scratch.size()) >= blocks);
    parallel::forEach(std::size_t(blocks), [&](std::size_t j) {
        const int u0 = int(j) * bw, u1 = std::min(out, u0 + bw);
        Gemm& gemm = pass.scratch[j].gemm;
        if (hasBias()) {
            for (int s = 0; s < batch; ++s)
                std::copy(mB.begin() + u0, mB.begin() + u1, y + std::size_t(s) * out + u0);
            gemm.multiplyAdd(batch, u1 - u0, in, x, in, false, mW.data() + u0, out, false, y + u0, out);
        } else {
            gemm.multiply(batch, u1 - u0, in, x, in, false, mW.data() + u0, out, false, y + u0, out);
        }
    });
}

void Dense::backward(const Pass& pass, Work*, const Chunk&, const float* x, const float*,
                     const float* dy, float* dx) {
    const int batch = pass.batch, in = inputs(), out = units();
    const int bwOut = blockWidth(out), bwIn = blockWidth(in);
    const int blocksOut = (out + bwOut - 1) / bwOut;
    const int blocksIn = dx ? (in + bwIn - 1) / bwIn : 0;
    assert(int(pass.scratch.size()) >= blocksOut + blocksIn);
    parallel::forEach(std::size_t(blocksOut + blocksIn), [&](std::size_t task) {
        Gemm& gemm = pass.scratch[task].gemm;
        if (int(task) < blocksOut) {
            // dW[:, u0:u1] = X^T dY[:, u0:u1]; dbias[u0:u1] = column sums.
            const int u0 = int(task) * bwOut, u1 = std::min(out, u0 + bwOut);
            gemm.multiply(in, u1 - u0, batch, x, in, true, dy + u0, out, false, mGradW.data() + u0, out);
            if (hasBias()) {
                float* gb = mGradB.data();
                std::fill(gb + u0, gb + u1, 0.0f);
                for (int s = 0; s < batch; ++s) {
                    const float* g = dy + std::size_t(s) * out;
                    for (int u = u0; u < u1; ++u) gb[u] += g[u];
                }
            }
        } else {
            // dX[:, i0:i1] = dY W[i0:i1, :]^T
            const int i0 = (int(task) - blocksOut) * bwIn, i1 = std::min(in, i0 + bwIn);
            gemm.multiply(batch, i1 - i0, out, dy, out, false, mW.data() + std::size_t(i0) * out, out,
                          true, dx + i0, in);
        }
    });
}

void Dense::inputBackward(const Pass& pass, const Work*, const Chunk&, const float*, const float*,
                          const float* dy, float* dx) const {
    // dX[:, i0:i1] = dY W[i0:i1, :]^T, one task per block of input columns (as in backward).
    const int batch = pass.batch, in = inputs(), out = units();
    const int bwIn = blockWidth(in);
    const int blocksIn = (in + bwIn - 1) / bwIn;
    assert(int(pass.scratch.size()) >= blocksIn);
    parallel::forEach(std::size_t(blocksIn), [&](std::size_t task) {
        const int i0 = int(task) * bwIn, i1 = std::min(in, i0 + bwIn);
        pass.scratch[task].gemm.multiply(batch, i1 - i0, out, dy, out, false,
                                         mW.data() + std::size_t(i0) * out, out, true, dx + i0, in);
    });
}

std::vector<ParamView> Dense::parameters() {
    std::vector<ParamView> out;
    out.push_back({describe() + " weight", mW, mGradW, true});
    if (hasBias()) out.push_back({describe() + " bias", mB, mGradB, false});
    return out;
}

std::vector<std::span<float>> Dense::stateTensors() {
    std::vector<std::span<float>> out{mW};
    if (hasBias()) out.push_back(mB);
    return out;
}

}  // namespace motifloom::nn
