// What every chart version writes the same way: object headers, scheduling and image fragments of
// values.yaml, the claims bound to local volumes, the token roles.
#pragma once
#include "chart/layer.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chart/profile.hpp"

namespace pulsarc::chart {

/// Labels on every object pulsarc creates, so `kubectl get -l` finds them.
[[nodiscard]] yaml::Node common_labels(const Config& config);
[[nodiscard]] yaml::Node object(std::string_view api_version, std::string_view kind, std::string name,
                                const Config& config, bool namespaced);

/// `[registry/]repository`, the form the chart's `images.*.repository` takes.
[[nodiscard]] std::string image_repository(const Config& config, const std::string& repository);
/// `{repository, tag[, pullPolicy]}` of the chart's `images.*`.
[[nodiscard]] yaml::Node image(const Config& config, const ImageRef& ref, bool with_pull_policy);

[[nodiscard]] yaml::Node selector_yaml(const std::vector<KeyValue>& selector);
[[nodiscard]] yaml::Node tolerations_yaml(const std::vector<Toleration>& tolerations);

/// The node selector and tolerations a component ends up with after inheriting `[scheduling]`.
[[nodiscard]] const std::vector<KeyValue>& effective_selector(const Config& config, const Placement& own);
[[nodiscard]] const std::vector<Toleration>& effective_tolerations(const Config& config, const Placement& own);

/// The anti-affinity the chart gives a component's pods when it is on (`affinity.anti_affinity`):
/// the same in every supported chart version.
enum class AntiAffinity { none, preferred, required };
[[nodiscard]] AntiAffinity anti_affinity(Component component);

/// nodeSelector, tolerations, anti-affinity and resources of one component, as the chart reads them.
void set_placement(yaml::Node& component, const Config& config, Component which, const Placement& own);

/// `{name, size, storageClassName}` of a chart volume; storageClassName always wins in the chart,
/// so the global local_storage switch is never used.
[[nodiscard]] yaml::Node volume(const Config& config, std::string_view name, const Volume& v);

[[nodiscard]] yaml::Node free_to_yaml(const FreeValue& value);

/// The values every chart version reads with the same keys: the release-wide switches, the
/// components, replicas, scheduling, the ZooKeeper and bookie volumes, the quorum settings, JWT's
/// on/off and superusers, the manager's placement and database. Each version adds its own.
[[nodiscard]] yaml::Node shared_values(const Config& config, const Profile& profile);
/// `[chart.values]`, merged last.
void merge_chart_values(yaml::Node& values, const Config& config);

/// The user a Pulsar image runs as: images from Pulsar 2.10 on are non-root (uid 10000, gid 0,
/// apache/pulsar-helm-chart#266); older ones run as root. A tag that is not a version (e.g.
/// "latest") is taken to be a current image.
struct ImageUser {
  int uid = 0;
  int gid = 0;
};
[[nodiscard]] ImageUser pulsar_image_user(const ImageRef& image);

/// A local volume a chart StatefulSet claims, bound to a PersistentVolume of the bundle.
struct LocalClaim {
  std::string name;            ///< the PVC's name, which the PV takes too
  std::string_view component;  ///< the chart's component: "zookeeper" or "bookie"
  const Volume* volume = nullptr;
  std::string node;
};

/// Every claim the chart makes on a local volume, by component, replica and volume.
[[nodiscard]] std::vector<LocalClaim> local_claims(const Config& config);

struct TokenSpec {
  std::string role;
  std::optional<std::int64_t> expires;
};

/// Roles that get a token, each once: broker, proxy, client (and manager) superusers, then
/// [[auth.tokens]].
[[nodiscard]] std::vector<TokenSpec> token_roles(const Config& config, const Profile& profile);

/// The role whose token Pulsar Manager uses.
[[nodiscard]] const std::string& manager_role(const Config& config);

/// The password in a password file: its bytes without one trailing newline.
[[nodiscard]] std::string password_from_file(const std::string& bytes);

}  // namespace pulsarc::chart
