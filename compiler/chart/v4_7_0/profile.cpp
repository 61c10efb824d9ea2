// apache/pulsar-helm-chart 4.7.0 (Pulsar 4.0.12 LTS), the current chart. Facts:
// docs/chart-4.7.0.md.
#include "chart/common.hpp"
#include "chart/v4_7_0/parts.hpp"

namespace pulsarc::chart::v4_7_0 {
namespace {

constexpr ChartKey kKeys[] = {
#include "chart/v4_7_0/keys.inc"
};

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

// From the renders of both real charts with the seed's bundles (docs/upgrade-2.7.7-to-4.7.0.md);
// what a render cannot show is marked UNVERIFIED. {namespace}, {release} and {fullname} are filled in.
constexpr std::string_view kStepsFrom_2_7_7[] = {
    "Before: Kubernetes >= 1.25 and Helm >= 3.12 (chart 4.7.0 refuses older; upgrade Kubernetes while still "
    "on 2.7.7, set cluster.kubernetes). Back up: `helm get values {release} -n {namespace}`, a ZooKeeper "
    "snapshot, `pg_dump` of the manager database. Plan a window: every pod restarts.",
    "Pulsar 2.7.x -> 4.0.x in one jump (ZooKeeper 3.5 -> 3.9, BookKeeper 4.12 -> 4.17): UNVERIFIED that "
    "the data is read in one jump; test on a copy of the cluster first.",
    "Decide in pulsar.toml what 4.7.0 changes: the proxy Service becomes ClusterIP unless "
    "proxy.service_type = \"LoadBalancer\", and the manager Service becomes ClusterIP (load balancers and "
    "their IPs are released); the functions worker is off; the manager's super-user role gets a token "
    "unless auth.superusers.manager names a role that has one. Do not add zookeeper.datalog in the same "
    "change (a new claim template, and the transaction log moves).",
    "Volumes: the claims keep their names, so the same PVs and data are kept (verified by rendering both "
    "charts). The 4.0.x images run as uid 10000, gid 0. Node preparation gives each volume's top directory "
    "to 10000:0; the chart's fsGroup 0 with OnRootMismatch then makes the kubelet walk the old data once on "
    "first mount and give group 0 write access to all of it (UNVERIFIED on a live node; the walk over a "
    "large ledgers disk delays the bookie's start).",
    "Manager: `install.sh` applies the new Secrets ({release}-pulsar-manager-db keeps its name and gets the "
    "DB_* and UI_* keys; do not restart the old manager pod after this). The manager database schema must "
    "match v0.4.0 (`environments.bookie` added): migrate it, or re-create the database and run the new "
    "manager/init.sql.",
    "Disable autorecovery: `kubectl -n {namespace} exec {fullname}-toolset-0 -- bin/bookkeeper shell "
    "autorecovery -disable` (UNVERIFIED on the 2.7.4 image).",
    "Delete the StatefulSets Kubernetes will not update, keeping pods and claims: `kubectl -n {namespace} "
    "delete statefulset {fullname}-zookeeper {fullname}-broker --cascade=orphan` (serviceName and "
    "ZooKeeper's podManagementPolicy change; the chart's own sts-cleanup hooks cannot run on tainted nodes).",
    "Run the new `install.sh` (`helm upgrade` with initialize=false: never initialize=true on an upgrade). "
    "Helm replaces the manager Deployment by a StatefulSet and rolls every StatefulSet; wait with "
    "`kubectl -n {namespace} rollout status statefulset/NAME`. Expect short outages during the roll "
    "(UNVERIFIED live): the proxy Service's named target ports leave old proxy pods without endpoints "
    "until a new one is Ready; ZooKeeper servers are renamed under {fullname}-zookeeper-headless, so "
    "quorum waits for two new servers; old and new manager run briefly on one database.",
    "Right after: delete pulsarc's old PDBs, now that the chart owns them (a pod under two PDBs cannot be "
    "evicted): `kubectl -n {namespace} delete pdb {fullname}-zookeeper-pdb {fullname}-bookie-pdb "
    "{fullname}-broker-pdb {fullname}-proxy-pdb`.",
    "Verify: all pods Ready, the same claims Bound (plus only the new ones this change asks for); re-enable "
    "autorecovery. Keep every Secret: 4.7.0 uses them all. If the manager database was re-created, run only "
    "the manager's init Job once: `helm template {release} apache/pulsar --version 4.7.0 -n {namespace} --values "
    "values.yaml --set "
    "initialize=true --show-only templates/pulsar-manager-cluster-initialize.yaml | kubectl apply -f -`.",
};

constexpr Upgrade kUpgrades[] = {{"2.7.7", true, kStepsFrom_2_7_7}};

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
    .upgrades = kUpgrades,
    .values = values,
    .chart_files = chart_files,
    .manager_secret = manager_secret,
};

}  // namespace pulsarc::chart::v4_7_0
