// Key paths known to each supported version of apache/pulsar-helm-chart.
//
// Used to warn about `[chart.values]` keys that the target chart version would
// silently ignore (spec §2), and by the lowering to make sure pulsarc itself
// only emits keys the chart reads. The tables are generated from the chart by
// docs/tools/gen-chart-keys.sh; docs/chart-2.7.7.md explains what they mean.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace pulsarc::lowering {

// What the chart has at a key path.
enum class ChartKeyKind : unsigned char {
  map,       // a mapping whose keys the chart defines; children listed one by one
  freeform,  // a mapping passed through as a whole (configData, annotations,
             // nodeSelector, resources, updateStrategy, `{}` defaults, ...):
             // every path below it is accepted
  scalar,    // a scalar or null: nothing below it exists
  list,      // a sequence: nothing below it is a key
};

struct ChartKeyInfo {
  // Kind of the path itself; for a path below a freeform map, `freeform`.
  ChartKeyKind kind;
  // False when the chart's default values.yaml has the key but no template
  // reads it (e.g. 2.7.7 `affinity.type`, `pulsar_manager.replicaCount`):
  // setting it has no effect.
  bool used;
  // True when the path lies strictly below a freeform map.
  bool below_freeform;
};

// Chart versions that have a key table, oldest first: {"2.7.7"}.
std::vector<std::string_view> supported_chart_versions();

// Whether `path` (one element per mapping key, e.g. {"zookeeper", "volumes",
// "data", "size"}) is a key of `chart_version`'s values: present in its default
// values.yaml, or read by one of its templates even though the defaults only
// show it in a comment (e.g. `zookeeper.volumes.data.storageClassName`,
// `autorecovery.tolerations`). Anything below a freeform map counts as known;
// nothing below a scalar or a list does. An unsupported version, an empty path,
// an empty element, or an element containing '.' outside a freeform map gives
// false. Callers walking a TOML/YAML tree should not descend into arrays.
bool chart_has_default_key(std::string_view chart_version, std::span<const std::string_view> path);

// The same lookup, with what the chart has there; nullopt when unknown.
std::optional<ChartKeyInfo> chart_key_info(std::string_view chart_version, std::span<const std::string_view> path);

}  // namespace pulsarc::lowering
