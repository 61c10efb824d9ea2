#include "chart/keys.hpp"

namespace pulsarc::chart {
namespace {

// Three-way byte comparison of `dotted` with `segs` joined by '.', without
// building the joined string.
constexpr int compare_joined(std::string_view dotted, std::span<const std::string_view> segs) {
  std::size_t pos = 0;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    if (i != 0) {
      if (pos == dotted.size()) {
        return -1;
      }
      if (dotted[pos] != '.') {
        return static_cast<unsigned char>(dotted[pos]) < static_cast<unsigned char>('.') ? -1 : 1;
      }
      ++pos;
    }
    for (const char c : segs[i]) {
      if (pos == dotted.size()) {
        return -1;
      }
      const auto a = static_cast<unsigned char>(dotted[pos]);
      const auto b = static_cast<unsigned char>(c);
      if (a != b) {
        return a < b ? -1 : 1;
      }
      ++pos;
    }
  }
  return pos == dotted.size() ? 0 : 1;
}

const ChartKey* find_key(std::span<const ChartKey> keys, std::span<const std::string_view> segs) {
  const auto it = std::lower_bound(
      keys.begin(), keys.end(), segs,
      [](const ChartKey& e, std::span<const std::string_view> s) { return compare_joined(e.path, s) < 0; });
  if (it == keys.end() || compare_joined(it->path, segs) != 0) {
    return nullptr;
  }
  return &*it;
}

}  // namespace

std::optional<ChartKeyInfo> key_info(std::span<const ChartKey> table, std::span<const std::string_view> path) {
  if (path.empty()) {
    return std::nullopt;
  }
  for (std::size_t n = 1; n <= path.size(); ++n) {
    const std::string_view seg = path[n - 1];
    if (seg.empty() || seg.find('.') != std::string_view::npos) {
      return std::nullopt;
    }
    const ChartKey* key = find_key(table, path.first(n));
    if (key == nullptr) {
      return std::nullopt;
    }
    if (n == path.size()) {
      return ChartKeyInfo{key->kind, key->used, false};
    }
    switch (key->kind) {
      case ChartKeyKind::freeform: return ChartKeyInfo{ChartKeyKind::freeform, key->used, true};
      case ChartKeyKind::scalar:
      case ChartKeyKind::list: return std::nullopt;
      case ChartKeyKind::map: break;
    }
  }
  return std::nullopt;  // not reached: the loop returns at n == path.size()
}

}  // namespace pulsarc::chart
