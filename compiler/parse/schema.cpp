#include "parse/schema.hpp"

namespace pulsarc::parser {
namespace {

using T = FieldType;

Field key(std::string_view name, FieldType type, std::string_view description, std::string_view default_text = {},
          std::vector<std::string_view> allowed = {}) {
  return Field{name, type, false, description, std::move(allowed), default_text, {}};
}

Field required(std::string_view name, FieldType type, std::string_view description) {
  return Field{name, type, true, description, {}, {}, {}};
}

Field table(std::string_view name, std::string_view description, std::vector<Field> children,
            bool is_required = false) {
  return Field{name, T::table, is_required, description, {}, {}, std::move(children)};
}

Field volume(std::string_view name, std::string_view description) {
  return table(name, description,
               {required("path", T::string, "absolute, normalised host path of the local volume"),
                required("size", T::string, "capacity as a Kubernetes quantity, e.g. \"20Gi\"")},
               true);
}

std::vector<Field> tolerations_fields() {
  return {key("key", T::string, "taint key to tolerate; empty with Exists tolerates everything"),
          key("operator", T::string, "how value is compared", "Equal", {"Equal", "Exists"}),
          key("value", T::string, "taint value (not with Exists)"),
          key("effect", T::string, "taint effect to tolerate; empty means all", {},
              {"NoSchedule", "PreferNoSchedule", "NoExecute"})};
}

/// node_selector, tolerations, anti_affinity and resources: accepted by every component table.
std::vector<Field> placement_fields() {
  Field tolerations{"tolerations",       T::table_array, false, "tolerations (replace scheduling.tolerations)", {}, {},
                    tolerations_fields()};
  return {key("node_selector", T::string_map, "node labels required (replaces scheduling.node_selector)"),
          std::move(tolerations),
          key("anti_affinity", T::boolean, "spread replicas over distinct nodes (chart default)"),
          table("resources", "resource requests",
                {key("cpu", T::string, "CPU request, e.g. \"500m\""),
                 key("memory", T::string, "memory request, e.g. \"2Gi\"")})};
}

std::vector<Field> with_placement(std::vector<Field> fields) {
  for (auto& f : placement_fields()) fields.push_back(std::move(f));
  return fields;
}

Field build_schema() {
  Field taints{
      "taints",
      T::table_array,
      false,
      "taints pulsarc applies to the node",
      {},
      {},
      {required("key", T::string, "taint key"), key("value", T::string, "taint value"),
       Field{"effect", T::string, true, "taint effect", {"NoSchedule", "PreferNoSchedule", "NoExecute"}, {}, {}}}};
  Field nodes{"nodes",
              T::table_array,
              false,
              "the Kubernetes nodes pulsarc labels, taints and pins volumes to",
              {},
              {},
              {required("name", T::string, "node name (its kubernetes.io/hostname label)"),
               key("labels", T::string_map, "labels pulsarc applies to the node"), std::move(taints)}};
  Field scheduling_tolerations{
      "tolerations", T::table_array, false, "default tolerations of every component", {}, {}, tolerations_fields()};
  Field tokens{"tokens",
               T::table_array,
               false,
               "extra tokens for application roles",
               {},
               {},
               {required("subject", T::string, "the role (sub claim)"),
                key("expires", T::datetime, "absolute expiry (offset date-time), keeps the token deterministic")}};

  std::vector<Field> root{
      table("cluster", "the Helm release and its namespace",
            {required("release", T::string, "Helm release name (DNS-1123 label)"),
             required("namespace", T::string, "namespace of everything (DNS-1123 label)"),
             key("profile", T::string, "production adds stricter rules", "production", {"test", "production"}),
             key("kubernetes", T::string, "target Kubernetes version \"1.MINOR\"", "1.30")},
            true),
      table("chart", "the apache/pulsar-helm-chart release the values are for",
            {required("version", T::string, "chart version; supported: \"2.7.7\""),
             key("values", T::free_table, "deep-merged last into values.yaml")},
            true),
      table("images", "container images",
            {key("registry", T::string, "mirror prefix put before every image repository"),
             key("pulsar", T::string, "Pulsar image (repository:tag)", "apachepulsar/pulsar-all:2.7.4"),
             key("manager", T::string, "Pulsar Manager image (repository:tag)", "apachepulsar/pulsar-manager:v0.2.0"),
             key("pull_policy", T::string, "image pull policy", "IfNotPresent", {"IfNotPresent", "Always", "Never"})}),
      std::move(nodes),
      table("storage", "the local-volume StorageClass",
            {key("class", T::string, "StorageClass name", "local-storage"),
             key("reclaim_policy", T::string, "reclaim policy of the class and every PV", "Retain",
                 {"Retain", "Delete"})}),
      table("scheduling", "defaults for every component",
            {key("node_selector", T::string_map, "default nodeSelector of every component"),
             std::move(scheduling_tolerations)}),
      table("zookeeper", "ZooKeeper; replica i is pinned to nodes[i]",
            with_placement({required("nodes", T::string_array, "node of each replica, by ordinal"),
                            volume("data", "data volume of each replica")}),
            true),
      table("bookkeeper", "BookKeeper; bookie i is pinned to nodes[i]",
            with_placement({required("nodes", T::string_array, "node of each bookie, by ordinal"),
                            volume("journal", "journal volume of each bookie"),
                            volume("ledgers", "ledgers volume of each bookie"),
                            key("ensemble", T::integer, "managedLedgerDefaultEnsembleSize", "2"),
                            key("write_quorum", T::integer, "managedLedgerDefaultWriteQuorum", "2"),
                            key("ack_quorum", T::integer, "managedLedgerDefaultAckQuorum", "2")}),
            true),
      table("broker", "brokers", with_placement({key("replicas", T::integer, "replica count", "3")})),
      table("proxy", "proxies", with_placement({key("replicas", T::integer, "replica count", "3")})),
      table("autorecovery", "autorecovery", with_placement({key("replicas", T::integer, "replica count", "1")})),
      table("toolset", "toolset", with_placement({key("replicas", T::integer, "replica count", "1")})),
      table("auth", "JWT token authentication and authorization",
            {key("jwt", T::string, "token authentication", "off", {"asymmetric", "symmetric", "off"}),
             key("private_key", T::string, "RSA private key file (PKCS#8 DER, or PEM)"),
             key("secret_key", T::string, "raw secret key file (at least 32 bytes)"),
             table("superusers", "superuser roles; one token each",
                   {key("broker", T::string, "broker role", "broker-admin"),
                    key("proxy", T::string, "proxy role", "proxy-admin"),
                    key("client", T::string, "client (toolset) role", "admin")}),
             std::move(tokens)}),
      table("manager", "Pulsar Manager on an external PostgreSQL",
            with_placement(
                {key("enabled", T::boolean, "deploy Pulsar Manager", "false"),
                 table("database", "external PostgreSQL",
                       {required("host", T::string, "database host"), key("port", T::integer, "database port", "5432"),
                        required("name", T::string, "database name"), required("user", T::string, "database role"),
                        required("password_file", T::string, "file holding the role's password")}),
                 table("admin", "first UI user, seeded by SQL",
                       {required("name", T::string, "user name"), required("email", T::string, "e-mail"),
                        required("password_file", T::string, "file holding the user's password")})})),
      table("monitoring", "the chart's monitoring stack",
            {key("prometheus", T::boolean, "Prometheus", "false"), key("grafana", T::boolean, "Grafana", "false")}),
      table("output", "the bundle",
            {key("dir", T::string, "bundle directory, relative to pulsar.toml", "deploy"),
             key("secrets", T::string, "where Secret objects go", "separate", {"separate", "inline", "none"})}),
  };
  return Field{"pulsar.toml", T::table, true, "pulsarc configuration", {}, {}, std::move(root)};
}

}  // namespace

const Field& config_schema() {
  static const Field schema = build_schema();  // immutable after first use
  return schema;
}

std::string_view type_name(FieldType type) {
  switch (type) {
    case T::string: return "a string";
    case T::integer: return "an integer";
    case T::boolean: return "a boolean";
    case T::datetime: return "an offset date-time";
    case T::table: return "a table";
    case T::table_array: return "an array of tables";
    case T::string_array: return "an array of strings";
    case T::string_map: return "a table of strings";
    case T::free_table: return "a table";
  }
  return "a value";
}

}  // namespace pulsarc::parser
