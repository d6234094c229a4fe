#pragma once
// Engine switches read from the environment (e.g. MOTIFLOOM_WINOGRAD=never for benchmarks that
// compare two code paths in one run).

#include <cstddef>
#include <initializer_list>
#include <string_view>

namespace motifloom {

// The index in `choices` of environment variable `name`'s value; unset or empty means the
// first choice. Any other value is an InputError naming the variable, its value and the
// choices ("MOTIFLOOM_X=bogus: use auto, never or always"). Callers that read a switch on a
// hot path keep the result in a function-local static: read once, and a bad value is reported
// again on every later call (a throwing initialiser runs again).
std::size_t environmentChoice(const char* name, std::initializer_list<std::string_view> choices);

}  // namespace motifloom
