// The risks review knows (spec §9), their long explanations, and the chart facts review needs to
// read a bundle of either chart version.
#pragma once

#include <span>
#include <string_view>

namespace pulsarc::review {

/// Ordered: a threshold is "this severity or worse".
enum class RiskSeverity { info, caution, danger };

[[nodiscard]] std::string_view risk_severity_name(RiskSeverity severity);

struct RiskInfo {
  std::string_view id;           ///< e.g. "volume-moved"
  RiskSeverity severity;         ///< the worst severity this risk is reported with
  std::string_view title;        ///< one line
  std::string_view explanation;  ///< why it matters, what happens, what to do
};

/// Every risk, in the order of spec §9 (also the order of the report within one severity).
[[nodiscard]] std::span<const RiskInfo> all_risks();
[[nodiscard]] const RiskInfo* find_risk(std::string_view id);

/// What a chart version uses when values.yaml does not say.
struct ChartDefaults {
  std::string_view version;
  std::string_view pulsar_image;
  std::string_view manager_image;
  std::string_view proxy_service_type;
};

[[nodiscard]] const ChartDefaults* chart_defaults(std::string_view version);

/// The ordered steps of one chart upgrade; `verified` says whether they rest on renders of both
/// real charts (docs/upgrade-*.md) or only on the chart research notes.
struct UpgradeSteps {
  std::string_view from;
  std::string_view to;
  bool verified = false;
  std::span<const std::string_view> steps;
};

[[nodiscard]] const UpgradeSteps* upgrade_steps(std::string_view from, std::string_view to);

}  // namespace pulsarc::review
