// `pulsarc placement`: the scheduler model of check (check/placement.hpp) as a table (spec §10).
#pragma once
#include "cli/layer.hpp"

#include <string>

#include "check/placement.hpp"

namespace pulsarc::cli {

struct PlacementOptions {
  std::string config = "pulsar.toml";
  std::string format = "human";  ///< human, json or markdown
};

/// Prints the placement on stdout. Structural errors: diagnostics on stderr, exit 1, no table.
/// Rule errors: the table anyway (it shows why), the diagnostics on stderr, exit 1.
int run_placement(const PlacementOptions& options);

/// Rows beyond which the human and markdown tables group nodes with identical cells.
inline constexpr std::size_t kPlacementGroupThreshold = 40;

[[nodiscard]] std::string render_placement_json(const checker::PlacementModel& model, const Config& config);
[[nodiscard]] std::string render_placement_text(const checker::PlacementModel& model, const Config& config,
                                                bool markdown);

}  // namespace pulsarc::cli
