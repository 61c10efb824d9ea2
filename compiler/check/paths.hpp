#pragma once
#include "check/layer.hpp"

#include <string_view>
#include <utility>

namespace pulsarc::checker {

/// Equal, or one is a directory inside the other ("/a/b" and "/a/b/c", not "/a/b" and "/a/bc").
[[nodiscard]] inline bool paths_overlap(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  return b.substr(0, a.size()) == a && (b.size() == a.size() || b[a.size()] == '/' || a == "/");
}

}  // namespace pulsarc::checker
