// The risks review knows (spec §9), their long explanations, and the chart facts review needs to
// read a bundle of either chart version.
#pragma once
#include "review/layer.hpp"

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

}  // namespace pulsarc::review
