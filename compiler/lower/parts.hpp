// The pieces of the lower stage; lower.cpp assembles them into the Manifest.
#pragma once

#include <string>
#include <vector>

#include "pulsarc/pipeline.hpp"

namespace pulsarc::lowering {

/// Labels on every object pulsarc creates, so `kubectl get -l` finds them.
[[nodiscard]] yaml::Node common_labels(const Config& config);
[[nodiscard]] yaml::Node object(std::string_view api_version, std::string_view kind, std::string name,
                                const Config& config, bool namespaced);

/// `[registry/]repository`, the form the chart's `images.*.repository` takes.
[[nodiscard]] std::string image_repository(const Config& config, const std::string& repository);

[[nodiscard]] std::string_view taint_effect_name(TaintEffect effect);
[[nodiscard]] yaml::Node selector_yaml(const std::vector<KeyValue>& selector);
[[nodiscard]] yaml::Node tolerations_yaml(const std::vector<Toleration>& tolerations);

[[nodiscard]] std::vector<ManifestFile> cluster_objects(const Config& config);
[[nodiscard]] std::vector<ManifestFile> persistent_volumes(const Config& config);
[[nodiscard]] std::vector<ManifestFile> disruption_budgets(const Config& config);
[[nodiscard]] bool replaces_chart_pdbs(const Config& config);
/// The Secret files, and the fingerprints of the key and tokens they hold (computed whatever the
/// secrets mode, so the index records them even when the Secrets come from elsewhere).
[[nodiscard]] std::vector<ManifestFile> secrets(const Config& config, const ReferencedFiles& files,
                                                Fingerprints& fingerprints);
[[nodiscard]] yaml::Node values_2_7_7(const Config& config);
/// Post-renderer patches for chart 2.7.7 (init Job scheduling, the manager's broker token); empty
/// when nothing needs patching. `post-render.sh` is among the files.
[[nodiscard]] std::vector<ManifestFile> chart_patches(const Config& config, const yaml::Node& broker_selector,
                                                      const yaml::Node& broker_tolerations);
[[nodiscard]] bool needs_manager_token(const Config& config);

[[nodiscard]] std::string nodes_script(const Config& config);
[[nodiscard]] std::string install_script(const Config& config, SecretsMode secrets, bool post_render);

struct TokenSpec {
  std::string role;
  std::optional<std::int64_t> expires;
};

/// Roles that get a token, in order: broker, proxy, client superusers, then [[auth.tokens]].
[[nodiscard]] std::vector<TokenSpec> token_roles(const Config& config);

/// The manager's image reference in effect (the chart's default when unset).
[[nodiscard]] ImageRef manager_image(const Config& config);
[[nodiscard]] ImageRef pulsar_image(const Config& config);

/// Single-quotes `text` for POSIX shells, so it is always one word of data.
[[nodiscard]] std::string shell_quote(std::string_view text);

/// The password in a password file: its bytes without one trailing newline.
[[nodiscard]] std::string password_from_file(const std::string& bytes);

}  // namespace pulsarc::lowering
