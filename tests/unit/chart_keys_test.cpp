#include <catch2/catch.hpp>

#include <initializer_list>
#include <string_view>
#include <vector>

#include <fstream>
#include <sstream>
#include <string>

#include "chart/keys.hpp"
#include "chart/profile.hpp"
#include "pulsarc/pipeline.hpp"

using pulsarc::chart::ChartKeyKind;

namespace {

std::vector<std::string_view> supported_chart_versions() {
  std::vector<std::string_view> out;
  for (const auto* profile : pulsarc::chart::profiles()) out.push_back(profile->version);
  return out;
}

std::optional<pulsarc::chart::ChartKeyInfo> chart_key_info(std::string_view version,
                                                           std::span<const std::string_view> path) {
  const auto* profile = pulsarc::chart::find_profile(version);
  if (!profile) return std::nullopt;
  return pulsarc::chart::key_info(profile->keys, path);
}

bool chart_has_default_key(std::string_view version, std::span<const std::string_view> path) {
  return chart_key_info(version, path).has_value();
}

// Splits "a.b.c" on '.'; keys that contain dots themselves are tested with
// explicit vectors below.
std::vector<std::string_view> split(std::string_view dotted) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = dotted.find('.', start);
    out.push_back(dotted.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) {
      return out;
    }
    start = dot + 1;
  }
}

bool known(std::string_view dotted) {
  const auto path = split(dotted);
  return chart_has_default_key("2.7.7", path);
}

bool known(std::initializer_list<std::string_view> path) {
  const std::vector<std::string_view> v(path);
  return chart_has_default_key("2.7.7", v);
}

}  // namespace

TEST_CASE("supported chart versions", "[chart_keys]") {
  const auto versions = supported_chart_versions();
  REQUIRE(versions == std::vector<std::string_view>{"2.7.7", "4.7.0"});
}

TEST_CASE("keys pulsarc emits for chart 2.7.7 are known", "[chart_keys]") {
  for (const char* key : {
           "namespace",
           "namespaceCreate",
           "initialize",
           "persistence",
           "volumes.persistence",
           "volumes.local_storage",
           "rbac.enabled",
           "rbac.psp",
           "affinity.anti_affinity",
           "components.zookeeper",
           "components.bookkeeper",
           "components.autorecovery",
           "components.broker",
           "components.functions",
           "components.proxy",
           "components.toolset",
           "components.pulsar_manager",
           "monitoring.prometheus",
           "monitoring.grafana",
           "images.zookeeper.repository",
           "images.zookeeper.tag",
           "images.zookeeper.pullPolicy",
           "images.bookie.pullPolicy",
           "images.autorecovery.tag",
           "images.broker.repository",
           "images.proxy.pullPolicy",
           "images.functions.repository",
           "images.functions.tag",
           "images.pulsar_manager.tag",
           "pulsar_metadata.image.repository",
           "pulsar_metadata.image.pullPolicy",
           "auth.authentication.enabled",
           "auth.authentication.provider",
           "auth.authentication.jwt.usingSecretKey",
           "auth.authorization.enabled",
           "auth.superUsers.broker",
           "auth.superUsers.proxy",
           "auth.superUsers.client",
           "zookeeper.replicaCount",
           "zookeeper.tolerations",
           "zookeeper.affinity.anti_affinity",
           "zookeeper.pdb.usePolicy",
           "zookeeper.volumes.persistence",
           "zookeeper.volumes.data.name",
           "zookeeper.volumes.data.size",
           "bookkeeper.replicaCount",
           "bookkeeper.volumes.journal.size",
           "bookkeeper.volumes.ledgers.name",
           "bookkeeper.volumes.useSingleCommonVolume",
           "bookkeeper.pdb.usePolicy",
           "autorecovery.replicaCount",
           "autorecovery.affinity.anti_affinity",
           "broker.replicaCount",
           "broker.pdb.usePolicy",
           "broker.configData.managedLedgerDefaultEnsembleSize",
           "broker.configData.managedLedgerDefaultWriteQuorum",
           "broker.configData.managedLedgerDefaultAckQuorum",
           "proxy.replicaCount",
           "proxy.pdb.usePolicy",
           "toolset.replicaCount",
           "toolset.tolerations",
           "pulsar_manager.tolerations",
           "pulsar_manager.configData.URL",
           "pulsar_manager.configData.DRIVER_CLASS_NAME",
           "pulsar_manager.existingSecretName",
           "zookeeper.resources.requests.cpu",
           "bookkeeper.resources.requests.memory",
       }) {
    INFO(key);
    CHECK(known(key));
  }
}

TEST_CASE("keys that values.yaml only shows in comments but templates read", "[chart_keys]") {
  CHECK(known("zookeeper.volumes.data.storageClassName"));
  CHECK(known("bookkeeper.volumes.journal.storageClassName"));
  CHECK(known("bookkeeper.volumes.ledgers.storageClassName"));
  CHECK(known("bookkeeper.volumes.common.storageClassName"));
  CHECK(known("prometheus.volumes.data.storageClassName"));
  CHECK(known("zookeeper.volumes.data.storageClass.provisioner"));
  CHECK(known("autorecovery.tolerations"));
  CHECK(known("zookeeper.nodeSelector"));
  CHECK(known("pulsar_manager.nodeSelector"));
  CHECK(known("bookkeeper.service.annotations"));
  CHECK(known("pulsar_metadata.userProvidedZookeepers"));
  CHECK(known("pulsar_metadata.resources.requests.cpu"));
  CHECK(known("images.imagePullSecrets"));
  CHECK(known("fullnameOverride"));
  CHECK(known("nameOverride"));
  CHECK(known("clusterName"));
}

TEST_CASE("misspelled and absent keys are unknown", "[chart_keys]") {
  CHECK_FALSE(known("zookeeper.volumes.data.sizee"));
  CHECK_FALSE(known("zookeeper.volume.data.size"));
  CHECK_FALSE(known("zookeeper.volumes.data.storageClass.iopsPerGB"));
  CHECK_FALSE(known("zookeper"));
  CHECK_FALSE(known("images.functions.pullPolicy"));  // 2.7.7 has none
  CHECK_FALSE(known("toolset.affinity"));             // toolset has no anti-affinity in 2.7.7
  CHECK_FALSE(known("pulsar_manager.affinity.anti_affinity"));
  CHECK_FALSE(known("pulsar_metadata.nodeSelector"));         // added in chart 3.0.0
  CHECK_FALSE(known("pulsar_metadata.tolerations"));          // added in chart 3.2.0
  CHECK_FALSE(known("pulsar_manager.admin.existingSecret"));  // 4.x spelling
  CHECK_FALSE(known("pulsar_manager.volumes.persistence"));   // 4.x only
  CHECK_FALSE(known("auth.authentication.jwt.enabled"));      // 4.x only
  CHECK_FALSE(known("zookeeper.affinity.anti_affinity_topology_key"));
  CHECK_FALSE(known("victoria-metrics-k8s-stack.enabled"));
  CHECK_FALSE(known("zookeeper.podMonitor.labels"));  // podMonitor is not freeform in 2.7.7
}

TEST_CASE("nothing exists below scalars and lists", "[chart_keys]") {
  CHECK(known("zookeeper.replicaCount"));
  CHECK_FALSE(known("zookeeper.replicaCount.value"));
  CHECK(known("zookeeper.extraVolumes"));
  CHECK_FALSE(known("zookeeper.extraVolumes.name"));
  CHECK_FALSE(known("zookeeper.tolerations.0"));
  CHECK(known("pulsar_manager.existingSecretName"));
  CHECK_FALSE(known("pulsar_manager.existingSecretName.name"));
}

TEST_CASE("anything below a freeform map is known", "[chart_keys]") {
  CHECK(known("broker.configData.brokerDeleteInactiveTopicsEnabled"));
  CHECK(known("bookkeeper.configData.journalSyncData"));
  CHECK(known("zookeeper.resources.limits.memory"));
  CHECK(known("bookkeeper.metadata.resources.requests.cpu"));
  CHECK(known("zookeeper.updateStrategy.rollingUpdate.partition"));
  CHECK(known("bookkeeper.service.spec.publishNotReadyAddresses"));
  CHECK(known("broker.service.annotations.x"));
  CHECK(known("auth.superUsers.manager"));  // every value joins superUserRoles
  // Label and annotation keys contain dots; they are single path elements.
  CHECK(known({"zookeeper", "nodeSelector", "node-role.kubernetes.io/pulsar"}));
  CHECK(known({"broker", "annotations", "prometheus.io/scrape"}));
  CHECK(known({"zookeeper", "service", "annotations", "service.alpha.kubernetes.io/tolerate-unready-endpoints"}));
}

TEST_CASE("malformed paths and versions", "[chart_keys]") {
  const std::vector<std::string_view> empty;
  CHECK_FALSE(chart_has_default_key("2.7.7", empty));
  CHECK_FALSE(known({"zookeeper", ""}));
  CHECK_FALSE(known({"", "zookeeper"}));
  // An element with a dot outside a freeform map is never a chart key, even
  // when the joined string happens to be one.
  CHECK_FALSE(known({"zookeeper.volumes", "data"}));
  CHECK_FALSE(known({"zookeeper", "volumes.data", "size"}));
  const auto path = split("zookeeper.replicaCount");
  CHECK(chart_has_default_key("2.7.7", path));
  CHECK(chart_has_default_key("4.7.0", path));
  CHECK_FALSE(chart_has_default_key("4.7.0", split("extra.proxy")));
  CHECK_FALSE(chart_has_default_key("", path));
  CHECK_FALSE(chart_has_default_key("2.7.7 ", path));
}

TEST_CASE("chart_key_info reports kind and use", "[chart_keys]") {
  const auto info = [](std::string_view dotted) {
    const auto path = split(dotted);
    return chart_key_info("2.7.7", path);
  };
  REQUIRE(info("zookeeper.volumes"));
  CHECK(info("zookeeper.volumes")->kind == ChartKeyKind::map);
  CHECK(info("zookeeper.volumes.data.size")->kind == ChartKeyKind::scalar);
  CHECK(info("zookeeper.tolerations")->kind == ChartKeyKind::list);
  CHECK(info("broker.configData")->kind == ChartKeyKind::freeform);
  CHECK_FALSE(info("broker.configData")->below_freeform);
  REQUIRE(info("broker.configData.managedLedgerDefaultAckQuorum"));
  CHECK(info("broker.configData.managedLedgerDefaultAckQuorum")->below_freeform);
  CHECK(info("broker.configData.managedLedgerDefaultAckQuorum")->kind == ChartKeyKind::freeform);
  // Accepted by the chart, read by no template.
  CHECK_FALSE(info("affinity.type")->used);
  CHECK_FALSE(info("pulsar_manager.replicaCount")->used);
  CHECK_FALSE(info("monitoring.node_exporter")->used);
  CHECK_FALSE(info("monitoring.alert_manager")->used);
  CHECK_FALSE(info("images.pulsar_manager.hasCommand")->used);
  CHECK(info("affinity.anti_affinity")->used);
  CHECK(info("zookeeper.affinity.type")->used);
  CHECK(info("zookeeper.volumes.data.storageClassName")->used);
  CHECK_FALSE(info("zookeeper.volumes.data.sizee"));
}

namespace {

/// Every key path of `node` (mappings only, as the chart's values are read).
void walk(const pulsarc::yaml::Node& node, std::vector<std::string_view>& path, std::vector<std::string>& unknown,
          const pulsarc::chart::Profile& profile) {
  for (const auto& [key, value] : node.entries) {
    path.push_back(key);
    const auto info = pulsarc::chart::key_info(profile.keys, path);
    if (!info) {
      std::string dotted;
      for (auto part : path) dotted += (dotted.empty() ? "" : ".") + std::string(part);
      unknown.push_back(dotted);
    } else if (value.kind == pulsarc::yaml::Node::Kind::mapping && !info->below_freeform &&
               info->kind == ChartKeyKind::map) {
      walk(value, path, unknown, profile);
    }
    path.pop_back();
  }
}

}  // namespace

TEST_CASE("every key pulsarc writes into values.yaml is a key of that chart version", "[chart_keys]") {
  // The samples cover every chart version and the optional parts (manager, datalog, monitoring off).
  for (const char* sample : {"seed", "production", "minimal", "seed-4.7.0", "production-4.7.0"}) {
    std::ifstream in(std::string(PULSARC_SOURCE_DIR) + "/samples/" + sample + "/pulsar.toml");
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = pulsarc::parse(text.str());
    REQUIRE(parsed.config);
    const auto* profile = pulsarc::chart::find_profile(parsed.config->chart.version.value);
    REQUIRE(profile);
    pulsarc::Config config = *parsed.config;
    config.chart.values.reset();  // only what pulsarc itself writes
    std::vector<std::string_view> path;
    std::vector<std::string> unknown;
    walk(profile->values(config), path, unknown, *profile);
    INFO(sample);
    CHECK(unknown == std::vector<std::string>{});
  }
}

TEST_CASE("every chart version's key table is sorted and lists each parent as a map", "[chart_keys]") {
  for (const auto* profile : pulsarc::chart::profiles()) {
    INFO(profile->version);
    CHECK(profile->keys.size() > 500);
    CHECK(pulsarc::chart::strictly_sorted(profile->keys));
    CHECK(pulsarc::chart::parents_are_maps(profile->keys));
  }
}
