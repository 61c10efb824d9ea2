// `pulsarc diff`, the risk summary of `build`, and `pulsarc explain RISK` (spec §7, §9).
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>

#include "pulsarc/pipeline.hpp"

namespace pulsarc::cli {

/// Exit status of `diff --fail-on` when a risk at or above the threshold was found.
inline constexpr int kExitRisk = 4;

struct DiffOptions {
  std::string config = "pulsar.toml";
  std::string base;              ///< the bundle the change replaces
  std::string format = "human";  ///< human, json or markdown
  std::string fail_on;           ///< empty, danger, caution or info
};

int run_diff(const DiffOptions& options);

/// Without key files the fingerprints of `bundle` are unknown: take the ones the index in `dir`
/// records, so that `build --check` and `diff` do not see a change that is not there.
void adopt_committed_fingerprints(Bundle& bundle, const std::filesystem::path& dir);

/// `build` and `build --check`: the risk summary (human text on `stream`) of replacing the bundle
/// in `dir` by `bundle`, when `dir` holds a pulsarc bundle that differs from it. Never fails the build.
void print_build_risks(const Bundle& bundle, const Config& config, const std::string& source,
                       const std::string& config_path, const std::filesystem::path& dir, std::FILE* stream);

/// `pulsarc explain RISK`: true (and printed) when `id` names a risk.
bool explain_risk(const std::string& id);

/// `pulsarc explain --risks [--markdown]`: every risk id, or docs/risks.md.
int list_risks(bool markdown);

}  // namespace pulsarc::cli
