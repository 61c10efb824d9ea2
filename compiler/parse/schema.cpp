#include "parse/schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "chart/profile.hpp"
#include "pulsarc/spelling.hpp"

namespace pulsarc::parser {
namespace {

using T = FieldType;

Field key(std::string_view name, FieldType type, std::string description, std::string default_text = {},
          std::vector<std::string_view> allowed = {}) {
  return Field{name, type, false, std::move(description), std::move(allowed), std::move(default_text), {}};
}

/// A string key spelt as one of the enum's values (pulsarc/spelling.hpp).
template <class E>
Field enum_key(std::string_view name, std::string description, std::optional<E> fallback) {
  const auto& names = Spelling<E>::names;
  return key(name, T::string, std::move(description), fallback ? std::string(spell(*fallback)) : std::string(),
             {names.begin(), names.end()});
}

/// A key whose default is the chart version's: each profile says it, the description lists them.
Field versioned_key(std::string_view name, std::string description, std::string_view (*of)(const chart::Profile&)) {
  std::string defaults;
  for (const auto* profile : chart::profiles()) {
    defaults += fmt::format("{}chart {}: {}", defaults.empty() ? "" : "; ", profile->version, of(*profile));
  }
  return key(name, T::string, fmt::format("{} (default: the chart version's; {})", description, defaults));
}

Field required(std::string_view name, FieldType type, std::string description) {
  return Field{name, type, true, std::move(description), {}, {}, {}};
}

Field table(std::string_view name, std::string description, std::vector<Field> children, bool is_required = false) {
  return Field{name, T::table, is_required, std::move(description), {}, {}, std::move(children)};
}

Field volume(std::string_view name, std::string description, bool is_required = true) {
  return table(name, std::move(description),
               {required("path", T::string, "absolute, normalised host path of the local volume"),
                required("size", T::string, "capacity as a Kubernetes quantity, e.g. \"20Gi\"")},
               is_required);
}

std::vector<Field> tolerations_fields() {
  return {key("key", T::string, "taint key to tolerate; empty with Exists tolerates everything"),
          enum_key("operator", "how value is compared", std::optional(TolerationOperator::equal)),
          key("value", T::string, "taint value (not with Exists)"),
          enum_key<TaintEffect>("effect", "taint effect to tolerate; empty means all", std::nullopt)};
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
  Field taints{"taints",
               T::table_array,
               false,
               "taints pulsarc applies to the node",
               {},
               {},
               {required("key", T::string, "taint key"), key("value", T::string, "taint value"), [] {
                  auto effect = enum_key<TaintEffect>("effect", "taint effect", std::nullopt);
                  effect.required = true;
                  return effect;
                }()}};
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
             enum_key("profile", "production adds stricter rules", std::optional(Profile::production)),
             key("kubernetes", T::string, "target Kubernetes version \"1.MINOR\"", "1.30")},
            true),
      table("chart", "the apache/pulsar-helm-chart release the values are for",
            {required("version", T::string,
                      [] {
                        std::string versions;
                        for (const auto* profile : chart::profiles()) {
                          versions += fmt::format("{}\"{}\"", versions.empty() ? "" : ", ", profile->version);
                        }
                        return fmt::format("chart version; supported: {}", versions);
                      }()),
             key("values", T::free_table, "deep-merged last into values.yaml")},
            true),
      table("images", "container images",
            {key("registry", T::string, "mirror prefix put before every image repository"),
             versioned_key("pulsar", "Pulsar image (repository:tag)",
                           [](const chart::Profile& p) { return p.pulsar_image; }),
             versioned_key("manager", "Pulsar Manager image (repository:tag)",
                           [](const chart::Profile& p) { return p.manager_image; }),
             enum_key("pull_policy", "image pull policy", std::optional(PullPolicy::if_not_present))}),
      std::move(nodes),
      table("storage", "the local-volume StorageClass",
            {key("class", T::string, "StorageClass name", "local-storage"),
             enum_key("reclaim_policy", "reclaim policy of the class and every PV",
                      std::optional(ReclaimPolicy::retain))}),
      table("scheduling", "defaults for every component",
            {key("node_selector", T::string_map, "default nodeSelector of every component"),
             std::move(scheduling_tolerations)}),
      table("zookeeper", "ZooKeeper; replica i is pinned to nodes[i]",
            with_placement(
                {required("nodes", T::string_array, "node of each replica, by ordinal"),
                 volume("data", "data volume of each replica"),
                 volume("datalog", "separate transaction-log volume of each replica (charts that support it)", false)}),
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
      table("proxy", "proxies",
            with_placement({key("replicas", T::integer, "replica count", "3"),
                            versioned_key("service_type",
                                          fmt::format("type of the proxy Service: {}",
                                                      [] {
                                                        std::string types;
                                                        for (const auto t : Spelling<ServiceType>::names)
                                                          types += fmt::format("{}{}", types.empty() ? "" : ", ", t);
                                                        return types;
                                                      }()),
                                          [](const chart::Profile& p) { return spell(p.proxy_service_type); })})),
      table("autorecovery", "autorecovery", with_placement({key("replicas", T::integer, "replica count", "1")})),
      table("toolset", "toolset", with_placement({key("replicas", T::integer, "replica count", "1")})),
      table("auth", "JWT token authentication and authorization",
            {enum_key("jwt", "token authentication", std::optional(JwtMode::off)),
             key("private_key", T::string, "RSA private key file (PKCS#8 DER, or PEM)"),
             key("secret_key", T::string, "raw secret key file (at least 32 bytes)"),
             table("superusers", "superuser roles; one token each",
                   {key("broker", T::string, "broker role", "broker-admin"),
                    key("proxy", T::string, "proxy role", "proxy-admin"),
                    key("client", T::string, "client (toolset) role", "admin"),
                    key("manager", T::string,
                        "Pulsar Manager's role (charts that support it); default: the client role")}),
             std::move(tokens)}),
      table("manager", "Pulsar Manager on an external PostgreSQL",
            with_placement(
                {key("enabled", T::boolean, "deploy Pulsar Manager", "false"),
                 table("database", "external PostgreSQL",
                       {required("host", T::string, "database host"), key("port", T::integer, "database port", "5432"),
                        required("name", T::string, "database name"), required("user", T::string, "database role"),
                        required("password_file", T::string, "file holding the role's password")}),
                 table("admin", "first UI user (seeded by init.sql, or created by the chart where it can)",
                       {required("name", T::string, "user name"), required("email", T::string, "e-mail"),
                        required("password_file", T::string, "file holding the user's password")})})),
      table("monitoring", "the chart's monitoring stack",
            {key("prometheus", T::boolean, "Prometheus", "false"), key("grafana", T::boolean, "Grafana", "false")}),
      table("output", "the bundle",
            {key("dir", T::string, "bundle directory, relative to pulsar.toml", "deploy"),
             enum_key("secrets", "where Secret objects go", std::optional(SecretsMode::separate))}),
  };
  return Field{"pulsar.toml", T::table, true, "pulsarc configuration", {}, {}, std::move(root)};
}

const Field* find_field(const Field& table, std::string_view dotted) {
  const auto dot = dotted.find('.');
  const auto name = dotted.substr(0, dot);
  const auto it = std::ranges::find(table.children, name, &Field::name);
  if (it == table.children.end()) return nullptr;
  return dot == std::string_view::npos ? &*it : find_field(*it, dotted.substr(dot + 1));
}

}  // namespace

const std::string& default_text(std::string_view dotted) {
  const Field* field = find_field(config_schema(), dotted);
  if (!field || field->default_text.empty()) throw std::logic_error(fmt::format("no default for `{}`", dotted));
  return field->default_text;
}

std::int64_t default_integer(std::string_view dotted) {
  const auto& text = default_text(dotted);
  std::int64_t value = 0;
  if (std::from_chars(text.data(), text.data() + text.size(), value).ec != std::errc{})
    throw std::logic_error(fmt::format("default of `{}` is not an integer", dotted));
  return value;
}

bool default_boolean(std::string_view dotted) {
  return default_text(dotted) == "true";
}

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
