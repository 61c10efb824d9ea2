// What differs between versions of apache/pulsar-helm-chart lives in one place per version:
// compiler/chart/v<version>/, registered in chart/profiles.cpp. Stages ask the profile of the
// configuration's chart version; they never compare version strings.
#pragma once
#include "chart/layer.hpp"

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chart/keys.hpp"
#include "pulsarc/bundle.hpp"
#include "pulsarc/model.hpp"
#include "pulsarc/yaml.hpp"

namespace pulsarc::chart {

/// A `chart.values` key of an older chart that this version removed or renamed.
struct MovedKey {
  std::string_view path;         ///< dotted; a prefix covers everything below it
  std::string_view replacement;  ///< what to write instead (a key, or a pulsar.toml setting)
};

/// Data of the Secret that hands Pulsar Manager its database (and UI) credentials.
using SecretData = std::vector<std::pair<std::string, std::string>>;

/// The ordered steps of an in-place upgrade from an older chart version to this one; `verified` says
/// whether they rest on renders of both real charts (docs/upgrade-*.md) or only on the chart notes.
/// `{namespace}`, `{release}` and `{fullname}` are filled in by whoever shows them.
struct Upgrade {
  std::string_view from;
  bool verified = false;
  std::span<const std::string_view> steps;
};

struct ManagerCredentials {
  std::string db_password;
  const std::string* ui_password = nullptr;  ///< `manager.admin`'s password, when set
};

struct Profile {
  std::string_view version;
  int min_kubernetes_minor = 0;        ///< the chart's kubeVersion
  std::string_view min_helm;           ///< "" when the chart checks none
  std::string_view pulsar_image;       ///< default of `images.pulsar`
  std::string_view manager_image;      ///< default of `images.manager`
  ServiceType proxy_service_type{};    ///< default of `proxy.service_type`
  bool zookeeper_datalog = false;      ///< a separate transaction-log volume (`zookeeper.datalog`)
  bool manager_role = false;           ///< `auth.superUsers.manager`: the manager gets its own token
  bool manager_creates_admin = false;  ///< the chart creates the UI user (else init.sql seeds it)
  /// Manager image tags this chart version can run; empty: any (the database schema still limits
  /// them, PLS0801).
  std::span<const std::string_view> manager_tags;
  std::span<const ChartKey> keys;
  std::span<const MovedKey> moved_keys;
  /// In-place upgrades to this version whose steps are known.
  std::span<const Upgrade> upgrades;

  /// values.yaml, `chart.values` merged last.
  yaml::Node (*values)(const Config& config) = nullptr;
  /// What the bundle adds for this chart's traps: PodDisruptionBudgets, a post-renderer.
  std::vector<ManifestFile> (*chart_files)(const Config& config) = nullptr;
  /// The data of names::manager_secret.
  SecretData (*manager_secret)(const Config& config, const ManagerCredentials& credentials) = nullptr;
};

/// Every supported version, oldest first.
[[nodiscard]] std::span<const Profile* const> profiles();
/// The profile of `version`; null when it is not supported.
[[nodiscard]] const Profile* find_profile(std::string_view version);
/// The profile of a checked configuration (PLS0109 refuses unknown versions; a bug otherwise).
[[nodiscard]] const Profile& profile_of(const Config& config);

/// The steps from `from` to `to`; null when unknown.
[[nodiscard]] const Upgrade* find_upgrade(std::string_view from, std::string_view to);

/// Whether the chart version can run the Pulsar Manager image with this tag.
[[nodiscard]] bool runs_manager(const Profile& profile, std::string_view tag);

/// The entry of `profile.moved_keys` that covers `path` (the path itself or a parent), if any.
[[nodiscard]] const MovedKey* moved_key(const Profile& profile, std::span<const std::string_view> path);

/// The image references in effect: the configuration's, else the chart version's defaults.
[[nodiscard]] ImageRef pulsar_image(const Config& config, const Profile& profile);
[[nodiscard]] ImageRef manager_image(const Config& config, const Profile& profile);
[[nodiscard]] ServiceType proxy_service_type(const Config& config, const Profile& profile);

}  // namespace pulsarc::chart
