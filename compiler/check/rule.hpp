// The constraint pass is a list of rules, one per file under check/rules/, each with its code,
// its explanation (for `pulsarc explain`) and its own tests in tests/unit/.
#pragma once
#include "check/layer.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chart/profile.hpp"
#include "check/placement.hpp"
#include "crypto/keys.hpp"
#include "diagnostics/code_info.hpp"
#include "pulsarc/pipeline.hpp"

namespace pulsarc::checker {

/// The scheduling settings a component ends up with after inheriting `[scheduling]`.
struct EffectivePlacement {
  const std::vector<KeyValue>* node_selector = nullptr;
  Span node_selector_span;
  const std::vector<Toleration>* tolerations = nullptr;
  Span tolerations_span;
  AntiAffinity anti_affinity = AntiAffinity::none;  ///< required, preferred (broker) or none
};

/// Read-only view of the configuration with the lookups most rules need.
class RuleContext {
 public:
  RuleContext(const Config& config, const ReferencedFiles& files, const CheckOptions& options);

  const Config& config;
  const ReferencedFiles& files;
  const CheckOptions& options;

  [[nodiscard]] const Node* find_node(std::string_view name) const;
  [[nodiscard]] EffectivePlacement placement(Component component) const;
  [[nodiscard]] const Placement& own_placement(Component component) const;
  [[nodiscard]] std::int64_t replicas(Component component) const;
  [[nodiscard]] bool production() const { return config.cluster.profile.value == Profile::production; }
  /// The profile of `chart.version`; null when the version is not supported (PLS0109).
  [[nodiscard]] const chart::Profile* chart() const { return chart_; }
  /// True when `cluster.profile` is not written, so production applies only by default.
  [[nodiscard]] bool profile_defaulted() const;
  /// The help of a production-profile rule: `help`, and when the profile is only the default, how a
  /// test cluster opts out and what that gives up (a newcomer's first cluster meets these first).
  [[nodiscard]] std::string production_help(std::string_view help) const;
  /// The component's own table (`[broker]`); unknown when the file has none.
  [[nodiscard]] Span component_span(Component component) const;

  /// The JWT key file decoded as auth.jwt says; null when JWT is off or the file was not read.
  /// Decoded once per check: several rules look at it and decoding an RSA key is expensive.
  [[nodiscard]] const crypto::KeyLoad* signing_key() const;

  /// The scheduler model (check/placement.hpp), built once per check on first use.
  [[nodiscard]] const PlacementModel& placement_model() const;

 private:
  mutable std::shared_ptr<const PlacementModel> placement_model_;
  mutable std::optional<std::shared_ptr<const crypto::KeyLoad>> signing_key_;
  const chart::Profile* chart_ = nullptr;
  std::vector<std::pair<std::string_view, const Node*>> nodes_by_name_;  ///< sorted by name
};

[[nodiscard]] std::string_view component_name(Component component);

/// For each entry equal to an earlier one: (index of the first occurrence, index of the repeat).
[[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> repeated_entries(
    const std::vector<Located<std::string>>& list);

/// True when the node's labels contain the selector and the tolerations cover its hard taints.
[[nodiscard]] bool is_eligible(const Node& node, const EffectivePlacement& placement);
[[nodiscard]] bool tolerates(const Toleration& toleration, const Taint& taint);

/// Visits every key of a `[chart.values]` table, depth first in key order, with its path; descends
/// into a table when `visit` returns true.
using ChartValueVisitor = std::function<bool(std::span<const std::string_view> path, const Located<std::string>& key,
                                             const FreeValue& value)>;
void walk_chart_values(const FreeValue& table, const ChartValueVisitor& visit);
/// At most this many per-node notes on one diagnostic; the rest are counted in the last note.
inline constexpr std::size_t kMaxNodeNotes = 8;

/// Appends per-node notes, at most kMaxNodeNotes; beyond that, one more note counting the rest
/// (pointing at the last shown node) and naming `pulsarc placement`, which lists them all.
void add_capped_notes(Diagnostic& diagnostic, std::vector<Label> notes);

struct Rule {
  CodeInfo info;
  void (*run)(const RuleContext& context, Diagnostics& out);

  [[nodiscard]] Diagnostic diagnose(Span span, std::string message, std::string help) const {
    return Diagnostic{std::string(info.code), info.severity, std::move(message), span, {}, std::move(help)};
  }
};

/// Every rule, in code order.
[[nodiscard]] std::span<const Rule* const> all_rules();

/// Every diagnostic code, from the parser and the rules.
[[nodiscard]] std::vector<CodeInfo> all_codes();

}  // namespace pulsarc::checker
