// apache/pulsar-helm-chart 4.7.0 (Pulsar 4.0.12 LTS), the current chart. Facts:
// docs/chart-4.7.0.md.
#include "chart/common.hpp"
#include "chart/v4_7_0/parts.hpp"

namespace pulsarc::chart::v4_7_0 {
namespace {

constexpr ChartKey kKeys[] = {
#include "chart/v4_7_0/keys.inc"
};
static_assert(strictly_sorted(kKeys), "regenerate the table: it must be sorted by byte order");
static_assert(parents_are_maps(kKeys), "every parent of a key must be a map entry");

/// The chart's manager StatefulSet, its init Job (which creates the UI user through the v0.2.0+
/// backend on port 7750) and its JWT wiring (JWT_TOKEN with the keys, read from v0.4.0's
/// entrypoint) are written for v0.4.0, its default.
constexpr std::string_view kManagerTags[] = {"v0.4.0"};

/// Keys of chart 2.7.7 that this version removed, or that it still lists but no longer acts on,
/// with what to write instead (docs/chart-4.7.0.md). A path covers everything below it.
constexpr MovedKey kMovedKeys[] = {
    {"auth.authentication.provider", "auth.authentication.jwt.enabled (pulsarc sets it from auth.jwt)"},
    {"configurationStoreMetadataPrefix", "pulsar_metadata.configurationStoreMetadataPrefix"},
    {"dashboard", "nothing: the dashboard is gone (Pulsar Manager is [manager] in pulsar.toml)"},
    {"extra", "components.* (e.g. components.proxy)"},
    {"grafana", "victoria-metrics-k8s-stack.grafana (pulsarc sets it from monitoring.grafana)"},
    {"images.grafana", "victoria-metrics-k8s-stack.grafana.image"},
    {"images.prometheus", "victoria-metrics-k8s-stack (the monitoring stack's own images)"},
    {"monitoring", "victoria-metrics-k8s-stack.* (pulsarc sets it from [monitoring])"},
    {"prometheus", "victoria-metrics-k8s-stack.* (pulsarc sets it from monitoring.prometheus)"},
    {"prometheus_rbac", "victoria-metrics-k8s-stack.*"},
    {"pulsar_manager.admin.password", "pulsar_manager.admin.db_password (pulsarc uses admin.existingSecret)"},
    {"pulsar_manager.admin.user", "pulsar_manager.admin.db_username (pulsarc uses admin.existingSecret)"},
    {"pulsar_manager.existingSecretName", "pulsar_manager.admin.existingSecret (pulsarc sets it)"},
    {"rbac.psp", "nothing: PodSecurityPolicy is gone from Kubernetes 1.25"},
};

std::vector<ManifestFile> chart_files(const Config&) {
  return {};  // the chart's own PDBs are policy/v1; every pod has its scheduling keys
}

SecretData manager_secret(const Config& config, const ManagerCredentials& credentials) {
  SecretData data{{"DB_PASSWORD", credentials.db_password},
                  {"DB_USERNAME", config.manager.database ? config.manager.database->user.value : ""}};
  if (config.manager.admin && credentials.ui_password) {
    // The chart's pulsar-manager-init Job creates this UI superuser.
    data.emplace_back("UI_PASSWORD", *credentials.ui_password);
    data.emplace_back("UI_USERNAME", config.manager.admin->name.value);
  }
  return data;
}

}  // namespace

const Profile kProfile{
    .version = "4.7.0",
    .min_kubernetes_minor = 25,
    .min_helm = "3.12.0",
    .pulsar_image = "apachepulsar/pulsar-all:4.0.12",
    .manager_image = "apachepulsar/pulsar-manager:v0.4.0",
    .proxy_service_type = ServiceType::cluster_ip,
    .zookeeper_datalog = true,
    .manager_role = true,
    .manager_creates_admin = true,
    .manager_tags = kManagerTags,
    .keys = kKeys,
    .moved_keys = kMovedKeys,
    .values = values,
    .chart_files = chart_files,
    .manager_secret = manager_secret,
};

}  // namespace pulsarc::chart::v4_7_0
