// values.yaml for apache/pulsar-helm-chart 2.7.7 (keys: docs/chart-2.7.7.md).
#include <fmt/format.h>

#include "chart/common.hpp"
#include "chart/names.hpp"
#include "chart/v2_7_7/parts.hpp"

namespace pulsarc::chart::v2_7_7 {

using yaml::Node;

Node values(const Config& config) {
  Node v = shared_values(config, kProfile);

  const ImageRef pulsar = pulsar_image(config, kProfile);
  Node& images = v.at("images");
  for (std::string_view key : {"zookeeper", "bookie", "autorecovery", "broker", "proxy"}) {
    images.set(key, image(config, pulsar, true));
  }
  images.set("functions", image(config, pulsar, false));
  images.set("pulsar_manager", image(config, manager_image(config, kProfile), true));
  v.at("pulsar_metadata").set("image", image(config, pulsar, true));

  if (replaces_chart_pdbs(config)) {
    for (std::string_view name : {"zookeeper", "bookkeeper", "broker", "proxy"}) {
      v.at(name).at("pdb").set("usePolicy", Node::flag(false));  // policy/v1 PDBs are in the bundle
    }
  }
  if (config.auth.jwt.value != JwtMode::off) v.at("auth").at("authentication").set("provider", Node::str("jwt"));
  if (config.manager.enabled.value && config.manager.database) {
    v.at("pulsar_manager").set("existingSecretName", Node::str(names::manager_secret(config.cluster.release.value)));
  }

  Node& monitoring = v.at("monitoring");
  monitoring.set("prometheus", Node::flag(config.monitoring.prometheus.value));
  monitoring.set("grafana", Node::flag(config.monitoring.grafana.value));
  // Read by no template in 2.7.7; off so that the values say what is deployed.
  monitoring.set("node_exporter", Node::flag(false));
  monitoring.set("alert_manager", Node::flag(false));

  merge_chart_values(v, config);
  return v;
}

}  // namespace pulsarc::chart::v2_7_7
