// The typed, immutable model of pulsar.toml. Every value keeps the span it came from, so any later
// stage can point back at the line that caused a problem.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pulsarc/diagnostic.hpp"

namespace pulsarc {

/// A value with the source span it came from (the enclosing table's span when defaulted).
template <class T>
struct Located {
  T value{};
  Span span{};
};

enum class Profile { test, production };
enum class PullPolicy { if_not_present, always, never };
enum class ReclaimPolicy { retain, remove };
enum class TaintEffect { no_schedule, prefer_no_schedule, no_execute };
enum class TolerationOperator { equal, exists };
enum class JwtMode { off, asymmetric, symmetric };
enum class SecretsMode { separate, inline_, none };
enum class ServiceType { cluster_ip, load_balancer, node_port };

/// A free-form value of `chart.values`, kept with spans so unknown keys can be reported.
struct FreeValue {
  enum class Kind { string, integer, floating, boolean, datetime, array, table };
  Kind kind = Kind::table;
  std::string text;  ///< strings and datetimes (RFC 3339 text)
  std::int64_t integer = 0;
  double floating = 0;
  bool boolean = false;
  std::vector<FreeValue> items;                                     ///< arrays
  std::vector<std::pair<Located<std::string>, FreeValue>> entries;  ///< tables, sorted by key
  Span span;

  // Defaulted below the class: clang with libstdc++ otherwise needs the incomplete entries here.
  FreeValue();
};

inline FreeValue::FreeValue() = default;

struct ImageRef {
  std::string text;        ///< as written, e.g. "apachepulsar/pulsar-all:2.7.4"
  std::string repository;  ///< without the registry prefix
  std::string tag;

  /// Splits "repository[:tag]"; a ':' before the last '/' belongs to a registry port.
  static ImageRef of(std::string_view text) {
    ImageRef ref{std::string(text), std::string(text), {}};
    const auto slash = text.rfind('/');
    const auto colon = text.rfind(':');
    if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
      ref.repository = std::string(text.substr(0, colon));
      ref.tag = std::string(text.substr(colon + 1));
    }
    return ref;
  }
};

struct KeyValue {
  Located<std::string> key;
  Located<std::string> value;
};

struct Taint {
  Located<std::string> key;
  std::optional<Located<std::string>> value;
  Located<TaintEffect> effect;
  Span span;
};

struct Toleration {
  std::optional<Located<std::string>> key;
  Located<TolerationOperator> op;
  std::optional<Located<std::string>> value;
  std::optional<Located<TaintEffect>> effect;
  Span span;
};

struct Node {
  Located<std::string> name;
  std::vector<KeyValue> labels;  ///< sorted by key
  Span labels_span;              ///< the `labels` value; unknown when the node has none
  std::vector<Taint> taints;
  Span span;
};

struct Volume {
  Located<std::string> path;
  Located<std::string> size;
  Span span;
};

struct Resources {
  std::optional<Located<std::string>> cpu;
  std::optional<Located<std::string>> memory;
  Span span;
};

/// The scheduling settings every component table may carry; unset means "inherit the default".
struct Placement {
  std::optional<std::vector<KeyValue>> node_selector;
  Span node_selector_span;
  std::optional<std::vector<Toleration>> tolerations;
  Span tolerations_span;
  std::optional<Located<bool>> anti_affinity;
  std::optional<Resources> resources;
};

enum class Component { zookeeper, bookkeeper, broker, proxy, autorecovery, toolset, manager };
inline constexpr Component kAllComponents[] = {Component::zookeeper, Component::bookkeeper,   Component::broker,
                                               Component::proxy,     Component::autorecovery, Component::toolset,
                                               Component::manager};

struct Cluster {
  Located<std::string> release;
  Located<std::string> namespace_;
  Located<Profile> profile;
  Located<int> kubernetes_minor;  ///< "1.MINOR" -> MINOR
  Span span;
};

struct Chart {
  Located<std::string> version;
  std::optional<FreeValue> values;  ///< `[chart.values]`, merged last into values.yaml
  Span span;
};

struct Images {
  std::optional<Located<std::string>> registry;
  std::optional<Located<ImageRef>> pulsar;
  std::optional<Located<ImageRef>> manager;
  Located<PullPolicy> pull_policy;
};

struct Storage {
  Located<std::string> class_name;
  Located<ReclaimPolicy> reclaim_policy;
};

struct Scheduling {
  std::vector<KeyValue> node_selector;
  Span node_selector_span;
  std::vector<Toleration> tolerations;
  Span tolerations_span;
};

struct ZooKeeper {
  std::vector<Located<std::string>> nodes;  ///< index = replica ordinal
  Span nodes_span;
  Volume data;
  std::optional<Volume> datalog;  ///< a separate transaction-log volume (charts that support it)
  Placement placement;
  Span span;
};

struct BookKeeper {
  std::vector<Located<std::string>> nodes;
  Span nodes_span;
  Volume journal;
  Volume ledgers;
  Located<std::int64_t> ensemble;
  Located<std::int64_t> write_quorum;
  Located<std::int64_t> ack_quorum;
  Placement placement;
  Span span;
};

/// broker, proxy, autorecovery, toolset: not pinned to nodes.
struct Stateless {
  Located<std::int64_t> replicas;
  Placement placement;
  Span span;
};

struct TokenRequest {
  Located<std::string> subject;
  std::optional<Located<std::int64_t>> expires;  ///< seconds since the epoch
  Span span;
};

struct Auth {
  Located<JwtMode> jwt;
  std::optional<Located<std::string>> private_key;
  std::optional<Located<std::string>> secret_key;
  Located<std::string> broker_role;
  Located<std::string> proxy_role;
  Located<std::string> client_role;
  Located<std::string> manager_role;  ///< defaults to client_role
  std::vector<TokenRequest> tokens;
  Span span;
};

struct Database {
  Located<std::string> host;
  Located<std::int64_t> port;
  Located<std::string> name;
  Located<std::string> user;
  Located<std::string> password_file;
  Span span;
};

struct ManagerAdmin {
  Located<std::string> name;
  Located<std::string> email;
  Located<std::string> password_file;
  Span span;
};

struct Manager {
  Located<bool> enabled;
  std::optional<Database> database;
  std::optional<ManagerAdmin> admin;
  Placement placement;
  Span span;
};

struct Monitoring {
  Located<bool> prometheus;
  Located<bool> grafana;
};

struct Output {
  Located<std::string> dir;
  Located<SecretsMode> secrets;
};

/// The whole configuration. Built once by parse, then only read.
struct Config {
  Cluster cluster;
  Chart chart;
  Images images;
  std::vector<Node> nodes;  ///< in authoring order; stages that emit sort by name
  Storage storage;
  Scheduling scheduling;
  ZooKeeper zookeeper;
  BookKeeper bookkeeper;
  Stateless broker;
  Stateless proxy;
  std::optional<Located<ServiceType>> proxy_service_type;  ///< unset: the chart version's default
  Stateless autorecovery;
  Stateless toolset;
  Auth auth;
  Manager manager;
  Monitoring monitoring;
  Output output;
};

}  // namespace pulsarc
