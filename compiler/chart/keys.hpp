// The key tables of apache/pulsar-helm-chart values, and the lookup over them.
//
// Each chart version keeps its table in its own folder (compiler/chart/v*/keys.inc), generated
// from the chart by docs/tools/gen-chart-keys.sh; docs/chart-<version>.md explains what they mean.
// Used to warn about `[chart.values]` keys that the target chart version would silently ignore.
#pragma once
#include "chart/layer.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace pulsarc::chart {

/// What the chart has at a key path.
enum class ChartKeyKind : unsigned char {
  map,       ///< a mapping whose keys the chart defines; children listed one by one
  freeform,  ///< a mapping passed through as a whole (configData, annotations, nodeSelector, ...):
             ///< every path below it is accepted
  scalar,    ///< a scalar or null: nothing below it exists
  list,      ///< a sequence: nothing below it is a key
};

struct ChartKey {
  std::string_view path;  ///< dotted, e.g. "zookeeper.volumes.data.size"
  ChartKeyKind kind;
  bool used;  ///< read by a template (directly, or through a parent or child)
};

struct ChartKeyInfo {
  /// Kind of the path itself; for a path below a freeform map, `freeform`.
  ChartKeyKind kind;
  /// False when the chart's default values.yaml has the key but no template reads it (e.g. 2.7.7
  /// `affinity.type`): setting it has no effect.
  bool used;
  /// True when the path lies strictly below a freeform map.
  bool below_freeform;
};

/// What `table` has at `path` (one element per mapping key): present in the chart's default
/// values.yaml, or read by a template. Anything below a freeform map counts as known; nothing below
/// a scalar or a list does. An empty path, an empty element, or an element containing '.' outside
/// a freeform map gives nullopt. Callers walking a TOML/YAML tree should not descend into arrays.
[[nodiscard]] std::optional<ChartKeyInfo> key_info(std::span<const ChartKey> table,
                                                   std::span<const std::string_view> path);

/// The lookup needs byte order and map parents; tests/unit/chart_keys_test.cpp checks every table
/// (at run time: clang's constexpr step limit is smaller than a large table).
constexpr bool strictly_sorted(std::span<const ChartKey> keys) {
  for (std::size_t i = 1; i < keys.size(); ++i) {
    if (!(keys[i - 1].path < keys[i].path)) return false;
  }
  return true;
}

constexpr bool parents_are_maps(std::span<const ChartKey> keys) {
  for (const ChartKey& k : keys) {
    const std::size_t dot = k.path.rfind('.');
    if (dot == std::string_view::npos) continue;
    const std::string_view parent = k.path.substr(0, dot);
    const auto it = std::lower_bound(keys.begin(), keys.end(), parent,
                                     [](const ChartKey& e, std::string_view p) { return e.path < p; });
    if (it == keys.end() || it->path != parent || it->kind != ChartKeyKind::map) return false;
  }
  return true;
}

}  // namespace pulsarc::chart
