// The risk engine (spec §9): what replacing one bundle by another does to a running cluster. It
// reads only the two bundles and the new configuration (for the lines of pulsar.toml); no cluster.
#pragma once
#include "review/layer.hpp"

#include <string>
#include <vector>

#include "pulsarc/model.hpp"
#include "review/bundle_view.hpp"
#include "review/catalog.hpp"

namespace pulsarc::review {

/// A line of the new pulsar.toml that a risk involves.
struct RiskLine {
  Span span;
  std::string setting;  ///< e.g. "zookeeper.nodes[1]"
};

struct Risk {
  std::string id;  ///< a RiskInfo id
  RiskSeverity severity = RiskSeverity::info;
  std::string summary;               ///< one line: what changes
  std::vector<std::string> objects;  ///< Kubernetes objects (and other things) involved
  std::vector<RiskLine> lines;
  std::string no_line;             ///< when `lines` is empty: why no line of pulsar.toml shows it
  std::string happens;             ///< what will happen
  std::string todo;                ///< what to do
  std::vector<std::string> steps;  ///< ordered steps (chart-upgraded)
};

/// Something review cannot know from the two bundles, said instead of guessed.
struct Unknown {
  std::string topic;
  std::string reason;
};

struct Review {
  std::vector<Risk> risks;  ///< danger first, then in the order of all_risks()
  std::vector<Unknown> unknowns;
};

[[nodiscard]] Review review_change(const BundleFiles& base, const BundleFiles& changed, const Config& config);

/// True when a risk of `threshold` or worse was found.
[[nodiscard]] bool has_risk_at_or_above(const Review& review, RiskSeverity threshold);

/// The first 12 hex digits of a fingerprint: enough to tell two apart in a report.
[[nodiscard]] std::string fingerprint_prefix(const std::string& hex);

}  // namespace pulsarc::review
