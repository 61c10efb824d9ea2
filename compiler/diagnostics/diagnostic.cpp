#include "pulsarc/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace pulsarc {

bool has_errors(const Diagnostics& diagnostics) {
  return std::ranges::any_of(diagnostics, [](const Diagnostic& d) { return d.severity == Severity::error; });
}

void sort_diagnostics(Diagnostics& diagnostics) {
  std::ranges::stable_sort(diagnostics, [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.span, a.code, a.message) < std::tie(b.span, b.code, b.message);
  });
}

}  // namespace pulsarc
