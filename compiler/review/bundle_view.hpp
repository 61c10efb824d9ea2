// What review reads from a bundle: the facts a risk depends on, taken from the files themselves
// (PV manifests, values.yaml, nodes.sh, install.sh, the index), for either chart version.
#pragma once
#include "review/layer.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "emit/index.hpp"

namespace pulsarc::review {

/// A bundle as files: '/'-separated path relative to the bundle directory -> bytes.
using BundleFiles = std::map<std::string, std::string>;

/// One local PersistentVolume, keyed by the claim it is bound to.
struct VolumeView {
  std::string pv_name;
  std::string node;  ///< the single kubernetes.io/hostname value of its node affinity
  std::string path;  ///< local.path
  std::string size;  ///< capacity.storage
  std::string storage_class;
};

/// The labels (by key) and taints (by key and effect) that nodes.sh sets on one node.
struct NodeMarks {
  std::map<std::string, std::string> labels;                          ///< key -> value
  std::map<std::pair<std::string, std::string>, std::string> taints;  ///< (key, effect) -> value
};

struct BundleView {
  bool has_index = false;
  bundle_index::IndexInfo index;
  std::optional<std::string> chart_version;   ///< the index's `# chart`, else install.sh's `--version`
  std::optional<std::string> release;         ///< the objects' app.kubernetes.io/instance label
  std::optional<std::string> namespace_;      ///< namespace.yaml
  std::map<std::string, VolumeView> volumes;  ///< by claim name

  bool values_read = false;  ///< values.yaml was present and parsed
  std::optional<bool> jwt;   ///< token authentication on
  std::optional<bool> jwt_symmetric;
  std::map<std::string, std::string> superusers;  ///< auth.superUsers: broker, proxy, client, manager
  std::optional<std::string> ensemble, write_quorum, ack_quorum;
  std::optional<std::string> pulsar_image;        ///< the broker's image, "repository:tag"
  std::optional<std::string> manager_image;       ///< "repository:tag"
  std::optional<std::string> proxy_service_type;  ///< explicit, else the chart version's default
  bool proxy_service_type_defaulted = false;
  bool manager_enabled = false;
  std::optional<std::string> manager_database_url;
  std::optional<std::int64_t> zookeeper_replicas, bookie_replicas;

  bool nodes_read = false;  ///< nodes.sh was present
  std::map<std::string, NodeMarks> nodes;

  std::vector<std::string> problems;  ///< files that could not be read, each a sentence
};

[[nodiscard]] BundleView read_bundle_view(const BundleFiles& files);

/// `<F>-<component>-<ordinal>` of a claim `<F>-<component>-<volume>-<F>-<component>-<ordinal>`, for
/// the component "zookeeper" or "bookie" and the view's release; nullopt for other claims.
[[nodiscard]] std::optional<std::size_t> claim_ordinal(const BundleView& view, const std::string& claim,
                                                       std::string_view component);

}  // namespace pulsarc::review
