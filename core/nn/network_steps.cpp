// Network's training plan (Network::buildSteps): which consecutive layers a training pass runs
// as one fused step (nn/fused.h, nn/conv_block.h).
#include "nn/network.h"

#include "nn/activation.h"
#include "nn/batch_norm.h"
#include "nn/conv_block.h"
#include "nn/fused.h"
#include "nn/max_pool.h"
#include "util/environment.h"

namespace motifloom::nn {

// MOTIFLOOM_CONV_BLOCKS=auto|never|always: the conv-block default, for benchmarks that compare
// the two backward passes in one run (unset: auto). Read once per process, like MOTIFLOOM_ISA.
Network::ConvBlocks Network::defaultConvBlocks() {
    static const std::size_t choice = environmentChoice("MOTIFLOOM_CONV_BLOCKS", {"auto", "never", "always"});
    constexpr ConvBlocks modes[] = {ConvBlocks::WherePaying, ConvBlocks::Never, ConvBlocks::Always};
    return modes[choice];
}

void Network::buildSteps() {
    mFused.clear();
    mInferSteps.clear();
    mTrainSteps.clear();
    const int n = layerCount();
    for (int i = 0; i < n; ++i) mInferSteps.push_back({mLayers[std::size_t(i)].get(), i, i});
    for (int i = 0; i < n; ++i) {
        Layer* l = mLayers[std::size_t(i)].get();
        if (mFuse && i + 3 < n &&
            ConvBnReluPool::matches(*l, *mLayers[std::size_t(i) + 1], *mLayers[std::size_t(i) + 2], *mLayers[std::size_t(i) + 3])) {
            auto& conv = static_cast<Conv1D&>(*l);
            const auto& pool = static_cast<const MaxPool&>(*mLayers[std::size_t(i) + 3]);
            if (mConvBlocks == ConvBlocks::Always || (mConvBlocks == ConvBlocks::WherePaying && ConvBnReluPool::pays(conv, pool))) {
                mFused.push_back(std::make_unique<ConvBnReluPool>(
                    conv, static_cast<BatchNorm&>(*mLayers[std::size_t(i) + 1]),
                    static_cast<const Activation&>(*mLayers[std::size_t(i) + 2]), pool));
                mTrainSteps.push_back({mFused.back().get(), i, i + 3});
                i += 3;
                continue;
            }
        }
        if (mFuse && i + 2 < n && BnReluPool::matches(*l, *mLayers[std::size_t(i) + 1], *mLayers[std::size_t(i) + 2])) {
            mFused.push_back(std::make_unique<BnReluPool>(
                static_cast<BatchNorm&>(*l), static_cast<const Activation&>(*mLayers[std::size_t(i) + 1]),
                static_cast<const MaxPool&>(*mLayers[std::size_t(i) + 2])));
            mTrainSteps.push_back({mFused.back().get(), i, i + 2});
            i += 2;
            continue;
        }
        mTrainSteps.push_back({l, i, i});
    }
}

}  // namespace motifloom::nn
