// The pieces of the lower stage; lower.cpp assembles them into the Manifest.
#pragma once
#include "lower/layer.hpp"

#include <string>
#include <vector>

#include "chart/common.hpp"
#include "pulsarc/pipeline.hpp"

namespace pulsarc::lowering {

[[nodiscard]] std::vector<ManifestFile> cluster_objects(const Config& config);
[[nodiscard]] std::vector<ManifestFile> persistent_volumes(const Config& config);
/// The Secret files, and the fingerprints of the key and tokens they hold (computed whatever the
/// secrets mode, so the index records them even when the Secrets come from elsewhere).
[[nodiscard]] std::vector<ManifestFile> secrets(const Config& config, const chart::Profile& profile,
                                                const ReferencedFiles& files, const LowerOptions& options,
                                                Fingerprints& fingerprints);
/// One Job per node that holds local volumes: creates their host paths with the owner the Pulsar
/// image runs as, before the chart's pods start (install.sh runs and waits for them).
[[nodiscard]] std::vector<ManifestFile> node_preparation(const Config& config, const chart::Profile& profile);

[[nodiscard]] std::string nodes_script(const Config& config);
struct InstallPlan {
  SecretsMode secrets = SecretsMode::separate;
  bool post_render = false;
  bool prepare_nodes = false;
};
[[nodiscard]] std::string install_script(const Config& config, const chart::Profile& profile, const InstallPlan& plan);

/// Single-quotes `text` for POSIX shells, so it is always one word of data.
[[nodiscard]] std::string shell_quote(std::string_view text);

}  // namespace pulsarc::lowering
