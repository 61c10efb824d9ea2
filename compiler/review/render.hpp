// The risk report for people (terminal), machines (JSON) and pull requests (markdown), and the
// long descriptions of `pulsarc explain RISK` and docs/risks.md. Layouts: docs/review.md.
#pragma once
#include "review/layer.hpp"

#include <string>
#include <string_view>

#include "review/risks.hpp"

namespace pulsarc::review {

struct ReportContext {
  std::string_view source;       ///< the new pulsar.toml, for the lines a risk involves
  std::string_view config_path;  ///< as the user named it
  std::string_view base;         ///< the base bundle directory, as the user named it
};

/// Version of the JSON layout; raised only if a field changes meaning or goes away.
inline constexpr int kJsonReviewVersion = 1;

[[nodiscard]] std::string render_review_human(const Review& review, const ReportContext& context);
[[nodiscard]] std::string render_review_json(const Review& review, const ReportContext& context);
[[nodiscard]] std::string render_review_markdown(const Review& review, const ReportContext& context);

/// What `pulsarc explain RISK` prints.
[[nodiscard]] std::string render_risk_explanation(const RiskInfo& info);
/// docs/risks.md: every risk's explanation (`pulsarc explain --risks --markdown`; a test compares).
[[nodiscard]] std::string render_risks_markdown();

}  // namespace pulsarc::review
