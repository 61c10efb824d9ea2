// The scheduler model of spec §4, with reasons: for each component and declared node, whether the
// component's pods may run there and, if not, why. The scheduling rules and `pulsarc placement`
// both read this one model, so what check reports and what placement shows cannot disagree.
#pragma once
#include "check/layer.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chart/common.hpp"
#include "pulsarc/model.hpp"

namespace pulsarc::checker {

class RuleContext;
struct EffectivePlacement;

using chart::AntiAffinity;
enum class Verdict { ok, pending, unschedulable };

/// One reason a node is not eligible for a component.
struct Exclusion {
  enum class Kind { missing_label, label_differs, untolerated_taint };
  Kind kind = Kind::missing_label;
  const KeyValue* wanted = nullptr;  ///< the node selector entry (labels)
  const KeyValue* actual = nullptr;  ///< the node's label with that key, when its value differs
  const Taint* taint = nullptr;      ///< the NoSchedule/NoExecute taint not tolerated

  /// Short reason code for a table cell: "label" or "taint".
  [[nodiscard]] std::string_view short_code() const;
  /// E.g. `lacks label role=storage`, `label role=serving, not storage`, `taint dedicated=storage:NoSchedule not
  /// tolerated`.
  [[nodiscard]] std::string describe() const;
};

/// The taint as `key[=value]:Effect`.
[[nodiscard]] std::string taint_text(const Taint& taint);

/// Every reason `node` is not eligible under `placement`, selector entries first; empty when eligible.
[[nodiscard]] std::vector<Exclusion> exclusions(const Node& node, const EffectivePlacement& placement);

struct NodeFit {
  const Node* node = nullptr;
  std::vector<Exclusion> exclusions;  ///< empty: eligible
  std::vector<std::size_t> pinned;    ///< ordinals of the replicas pinned to this node (zookeeper, bookies)
  [[nodiscard]] bool eligible() const { return exclusions.empty(); }
};

struct PinnedReplica {
  std::size_t ordinal = 0;
  const Located<std::string>* entry = nullptr;  ///< the `nodes = [...]` element
  const Node* node = nullptr;                   ///< null when the node is not declared (PLS0111)
};

struct ComponentPlacement {
  Component component = Component::broker;
  std::int64_t replicas = 0;
  AntiAffinity anti_affinity = AntiAffinity::none;
  std::vector<NodeFit> nodes;         ///< one per declared node, in authoring order
  std::vector<PinnedReplica> pinned;  ///< zookeeper and bookies only, by ordinal
  std::size_t eligible_count = 0;
  /// unschedulable: a pinned replica's node is not eligible (or not declared), or no node is
  /// eligible; pending: required anti-affinity with fewer eligible nodes than replicas.
  Verdict verdict = Verdict::ok;
};

struct PlacementModel {
  std::vector<ComponentPlacement> components;  ///< in kAllComponents order
  [[nodiscard]] const ComponentPlacement& of(Component component) const {
    return components[static_cast<std::size_t>(component)];
  }
};

[[nodiscard]] PlacementModel model_placement(const RuleContext& context);

[[nodiscard]] std::string_view verdict_name(Verdict verdict);
[[nodiscard]] std::string_view anti_affinity_name(AntiAffinity anti_affinity);
/// The chart's name of the component (`pulsar_manager` for the manager), as `placement` prints it.
[[nodiscard]] std::string_view chart_component_name(Component component);

}  // namespace pulsarc::checker
