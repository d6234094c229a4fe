#pragma once
// Small synthetic data and a tiny model for the desktop-lab tests that train for real
// (test_main_window, test_main_window_exchange, test_race_view): 400 sequences of 60 nt with
// three planted JASPAR motifs, and a one-convolution network that learns them in two epochs.

#include "arch/architecture.h"
#include "lab/data_recipe.h"

namespace tiny_lab {

inline motifloom::lab::DataRecipe smallRecipe() {
    motifloom::lab::DataRecipe r;
    r.motifIds = {"MA0079.3", "MA0058.2", "MA0095.2"};
    r.count = 400;
    r.length = 60;
    r.kProbs = {0.7, 0.3};
    r.seed = 3;
    return r;
}

inline motifloom::arch::Architecture tinyArch() {
    using namespace motifloom::arch;
    Architecture a;
    a.name = "tiny";
    a.inputLength = 60;
    a.numClasses = 3;
    a.layers = {LayerSpec::conv(6, 9), LayerSpec::batchNorm(), LayerSpec::act(ActivationType::ReLU),
                LayerSpec::maxPool(10), LayerSpec::flatten(), LayerSpec::dense(3, true)};
    a.training.batchSize = 25;
    a.training.maxEpochs = 2;
    a.training.patience = 0;
    a.training.learningRate = 0.01;
    return a;
}

}  // namespace tiny_lab
