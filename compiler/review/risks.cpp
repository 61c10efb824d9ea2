#include "review/risks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "chart/names.hpp"
#include "chart/profile.hpp"
#include "pulsarc/spelling.hpp"

namespace pulsarc::review {
namespace {

std::string opt(const std::optional<std::string>& value) {
  return value ? *value : std::string("(unknown)");
}

/// A Kubernetes quantity in bytes ("20Gi", "21474836480", "20G"); nullopt when not understood.
std::optional<long double> quantity_bytes(std::string_view text) {
  static constexpr std::pair<std::string_view, long double> kSuffixes[] = {{"Ki", 1024.0L},
                                                                           {"Mi", 1048576.0L},
                                                                           {"Gi", 1073741824.0L},
                                                                           {"Ti", 1099511627776.0L},
                                                                           {"Pi", 1125899906842624.0L},
                                                                           {"Ei", 1152921504606846976.0L},
                                                                           {"k", 1e3L},
                                                                           {"M", 1e6L},
                                                                           {"G", 1e9L},
                                                                           {"T", 1e12L},
                                                                           {"P", 1e15L},
                                                                           {"E", 1e18L},
                                                                           {"m", 1e-3L}};
  long double factor = 1;
  for (const auto& [suffix, value] : kSuffixes) {
    if (text.ends_with(suffix)) {
      factor = value;
      text.remove_suffix(suffix.size());
      break;
    }
  }
  if (text.empty()) return std::nullopt;
  double number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return static_cast<long double>(number) * factor;
}

bool same_quantity(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const auto x = quantity_bytes(a), y = quantity_bytes(b);
  return x && y && *x == *y;
}

/// The major version of an image reference's tag ("...:v0.4.0" -> 0, "...:2.7.4" -> 2).
std::optional<int> major_version(const std::string& image) {
  const auto slash = image.rfind('/');
  const auto colon = image.rfind(':');
  if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) return std::nullopt;
  std::string_view tag = std::string_view(image).substr(colon + 1);
  if (tag.starts_with('v')) tag.remove_prefix(1);
  int major = 0;
  const auto [end, ec] = std::from_chars(tag.data(), tag.data() + tag.size(), major);
  if (ec != std::errc() || end == tag.data()) return std::nullopt;
  return major;
}

/// Where a claim comes from in the new configuration.
struct ClaimSource {
  RiskLine node, path, size;
};

std::optional<ClaimSource> claim_source(const Config& config, const std::string& claim) {
  const auto& release = config.cluster.release.value;
  const auto& zk = config.zookeeper;
  for (std::size_t i = 0; i < zk.nodes.size(); ++i) {
    for (const auto* volume : {"data", "datalog"}) {
      const bool data = std::string_view(volume) == "data";
      if ((!data && !zk.datalog) || claim != names::claim(release, "zookeeper", volume, i)) continue;
      const Volume& v = data ? zk.data : *zk.datalog;
      return ClaimSource{{zk.nodes[i].span, fmt::format("zookeeper.nodes[{}]", i)},
                         {v.path.span, fmt::format("zookeeper.{}.path", volume)},
                         {v.size.span, fmt::format("zookeeper.{}.size", volume)}};
    }
  }
  const auto& bk = config.bookkeeper;
  for (std::size_t i = 0; i < bk.nodes.size(); ++i) {
    for (const auto* volume : {"journal", "ledgers"}) {
      if (claim != names::claim(release, "bookie", volume, i)) continue;
      const Volume& v = std::string_view(volume) == "journal" ? bk.journal : bk.ledgers;
      return ClaimSource{{bk.nodes[i].span, fmt::format("bookkeeper.nodes[{}]", i)},
                         {v.path.span, fmt::format("bookkeeper.{}.path", volume)},
                         {v.size.span, fmt::format("bookkeeper.{}.size", volume)}};
    }
  }
  return std::nullopt;
}

constexpr std::string_view kNoClaimLine =
    "no line of pulsar.toml names this claim's volume (a volume pulsarc derives but this review does not map)";

/// ordinal -> node of a pinned component, from its claims.
std::map<std::size_t, std::string> pinned_nodes(const BundleView& view, std::string_view component) {
  std::map<std::size_t, std::string> out;
  for (const auto& [claim, volume] : view.volumes) {
    if (const auto ordinal = claim_ordinal(view, claim, component)) out.emplace(*ordinal, volume.node);
  }
  return out;
}

/// The volume names of a component's claims ("data", "journal", ...): its claim templates.
std::set<std::string> claim_templates(const BundleView& view, std::string_view component) {
  std::set<std::string> out;
  if (!view.release) return out;
  const auto prefix = fmt::format("{}-{}-", names::fullname(*view.release), component);
  for (const auto& [claim, volume] : view.volumes) {
    if (!claim_ordinal(view, claim, component)) continue;
    const auto middle = fmt::format("-{}-{}-", names::fullname(*view.release), component);
    const auto at = claim.rfind(middle);
    out.insert(claim.substr(prefix.size(), at - prefix.size()));
  }
  return out;
}

std::optional<std::int64_t> replica_count(const std::optional<std::int64_t>& from_values,
                                          const std::map<std::size_t, std::string>& pinned) {
  if (from_values) return from_values;
  if (pinned.empty()) return std::nullopt;
  return static_cast<std::int64_t>(pinned.rbegin()->first + 1);
}

class Reviewer {
 public:
  Reviewer(const BundleView& base, const BundleView& next, const Config& config)
      : base_(base), next_(next), config_(config) {}

  Review run() {
    for (const auto& problem : base_.problems) unknown("the base bundle", problem);
    for (const auto& problem : next_.problems) unknown("the new bundle", problem);
    const bool renamed = release_renamed();
    if (!renamed) {
      volumes();
      zookeeper();
      bookies();
    }
    signing_key();
    auth();
    quorum();
    chart();
    images();
    service();
    nodes();
    manager_database();
    std::ranges::stable_sort(review_.risks, [](const Risk& a, const Risk& b) {
      if (a.severity != b.severity) return a.severity > b.severity;
      return order(a.id) < order(b.id);
    });
    return std::move(review_);
  }

 private:
  static std::size_t order(std::string_view id) {
    const auto risks = all_risks();
    return static_cast<std::size_t>(std::ranges::find(risks, id, &RiskInfo::id) - risks.begin());
  }

  Risk& add(std::string_view id, RiskSeverity severity, std::string summary) {
    Risk risk;
    risk.id = std::string(id);
    risk.severity = severity;
    risk.summary = std::move(summary);
    return review_.risks.emplace_back(std::move(risk));
  }

  void unknown(std::string topic, std::string reason) {
    review_.unknowns.push_back({std::move(topic), std::move(reason)});
  }

  std::string full(const BundleView& view) const {
    return view.release ? names::fullname(*view.release) : names::fullname(config_.cluster.release.value);
  }
  std::string ns() const { return next_.namespace_.value_or(config_.cluster.namespace_.value); }

  bool release_renamed() {
    if (!base_.release || !base_.namespace_) {
      unknown("release and namespace", "the base bundle does not show its release or namespace (no namespace.yaml)");
      return false;
    }
    if (base_.release == next_.release && base_.namespace_ == next_.namespace_) return false;
    auto& risk = add("release-renamed", RiskSeverity::danger,
                     fmt::format("release {} in namespace {} becomes release {} in namespace {}", *base_.release,
                                 *base_.namespace_, opt(next_.release), opt(next_.namespace_)));
    if (base_.release != next_.release) {
      risk.objects.push_back(fmt::format("every object named after {} (now {})", full(base_), full(next_)));
      risk.lines.push_back({config_.cluster.release.span, "cluster.release"});
    }
    if (base_.namespace_ != next_.namespace_) {
      risk.objects.push_back(fmt::format("Namespace {} (now {})", *base_.namespace_, opt(next_.namespace_)));
      risk.lines.push_back({config_.cluster.namespace_.span, "cluster.namespace"});
    }
    risk.happens =
        "install.sh installs a second, empty cluster; the old release keeps running and its volumes keep the data";
    risk.todo = "keep the old names, or migrate the topics to the new cluster and then uninstall the old release";
    return true;
  }

  /// Claims that change the same way through the same lines are one risk: one edit, one entry.
  struct VolumeGroup {
    std::string id, what;
    std::vector<RiskLine> lines;
    std::string no_line;
    std::vector<std::string> claims, objects;
  };

  static void group_volume(std::vector<VolumeGroup>& groups, VolumeGroup change) {
    const auto same = [&](const VolumeGroup& g) {
      return g.id == change.id && g.what == change.what && g.lines.size() == change.lines.size() &&
             std::ranges::equal(g.lines, change.lines, [](const RiskLine& a, const RiskLine& b) {
               return a.span == b.span && a.setting == b.setting;
             });
    };
    if (const auto it = std::ranges::find_if(groups, same); it != groups.end()) {
      it->claims.insert(it->claims.end(), change.claims.begin(), change.claims.end());
      it->objects.insert(it->objects.end(), change.objects.begin(), change.objects.end());
      return;
    }
    groups.push_back(std::move(change));
  }

  void volumes() {
    std::vector<VolumeGroup> groups;
    for (const auto& [claim, before] : base_.volumes) {
      const auto it = next_.volumes.find(claim);
      if (it == next_.volumes.end()) continue;  // fewer replicas: zookeeper-changed / bookie-removed
      const VolumeView& after = it->second;
      const auto source = claim_source(config_, claim);
      const std::vector<std::string> objects{after.pv_name == claim
                                                 ? fmt::format("PersistentVolume and PersistentVolumeClaim {}", claim)
                                                 : fmt::format("PersistentVolume {} (claim {})", after.pv_name, claim)};
      if (before.node != after.node || before.path != after.path) {
        VolumeGroup change{"volume-moved", "", {}, "", {claim}, objects};
        std::vector<std::string> parts;
        if (before.node != after.node) parts.push_back(fmt::format("node {} -> {}", before.node, after.node));
        if (before.path != after.path) parts.push_back(fmt::format("host path {} -> {}", before.path, after.path));
        change.what = fmt::format("{}", fmt::join(parts, ", "));
        if (source) {
          if (before.node != after.node) change.lines.push_back(source->node);
          if (before.path != after.path) change.lines.push_back(source->path);
        } else {
          change.no_line = kNoClaimLine;
        }
        group_volume(groups, std::move(change));
      }
      const bool size_changed = !same_quantity(before.size, after.size);
      if (size_changed || before.storage_class != after.storage_class) {
        VolumeGroup change{"volume-resized", "", {}, "", {claim}, objects};
        std::vector<std::string> parts;
        if (size_changed) parts.push_back(fmt::format("size {} -> {}", before.size, after.size));
        if (before.storage_class != after.storage_class)
          parts.push_back(fmt::format("storage class {} -> {}", before.storage_class, after.storage_class));
        change.what = fmt::format("{}", fmt::join(parts, ", "));
        if (size_changed && source) change.lines.push_back(source->size);
        if (before.storage_class != after.storage_class)
          change.lines.push_back({config_.storage.class_name.span, "storage.class"});
        if (change.lines.empty()) change.no_line = kNoClaimLine;
        group_volume(groups, std::move(change));
      }
    }
    for (auto& group : groups) {
      const bool moved = group.id == "volume-moved";
      const auto n = group.claims.size();
      auto& risk = add(group.id, RiskSeverity::danger,
                       n == 1 ? fmt::format("claim {}: {}", group.claims.front(), group.what)
                              : fmt::format("{} claims: {} ({})", n, group.what, fmt::join(group.claims, ", ")));
      risk.objects = std::move(group.objects);
      risk.lines = std::move(group.lines);
      risk.no_line = std::move(group.no_line);
      if (moved) {
        risk.happens =
            "kubectl apply refuses to change the PV (node affinity and local.path are immutable); "
            "re-created, the pod starts empty at the new place while its data stays at the old one";
        risk.todo =
            "move one replica at a time (decommission a bookie first), or copy the data to the new place "
            "before the pod starts there; `pulsarc explain volume-moved`";
      } else {
        risk.happens =
            "helm upgrade fails: the StatefulSet's volumeClaimTemplates are immutable; kubectl apply "
            "refuses the changed PV, and a local volume cannot grow";
        risk.todo =
            "keep the old size and class, or migrate the StatefulSet replica by replica; `pulsarc explain "
            "volume-resized`";
      }
    }
    // A claim template added or removed (e.g. a separate ZooKeeper transaction log) is the same change.
    for (const auto* component : {"zookeeper", "bookie"}) {
      const auto before = claim_templates(base_, component), after = claim_templates(next_, component);
      if (before.empty() || after.empty() || before == after) continue;
      std::vector<std::string> added, removed;
      std::ranges::set_difference(after, before, std::back_inserter(added));
      std::ranges::set_difference(before, after, std::back_inserter(removed));
      auto& risk =
          add("volume-resized", RiskSeverity::danger,
              fmt::format("the claim templates of StatefulSet {}-{} change (added: {}; removed: {})", full(next_),
                          component, added.empty() ? "none" : fmt::format("{}", fmt::join(added, ", ")),
                          removed.empty() ? "none" : fmt::format("{}", fmt::join(removed, ", "))));
      risk.objects = {fmt::format("StatefulSet {}-{}", full(next_), component)};
      risk.lines.push_back(component == std::string_view("zookeeper")
                               ? RiskLine{config_.zookeeper.span, "[zookeeper]"}
                               : RiskLine{config_.bookkeeper.span, "[bookkeeper]"});
      risk.happens = "helm upgrade fails: a StatefulSet's volumeClaimTemplates cannot change";
      risk.todo = fmt::format(
          "delete the StatefulSet keeping its pods (`kubectl -n {} delete statefulset {}-{} --cascade=orphan`) before "
          "`install.sh`, then let the pods be re-created one at a time",
          ns(), full(next_), component);
    }
  }

  void zookeeper() {
    const auto before = pinned_nodes(base_, "zookeeper"), after = pinned_nodes(next_, "zookeeper");
    const auto count_before = replica_count(base_.zookeeper_replicas, before);
    const auto count_after = replica_count(next_.zookeeper_replicas, after);
    std::vector<std::string> repinned;
    std::vector<RiskLine> lines;
    for (const auto& [ordinal, node] : before) {
      const auto it = after.find(ordinal);
      if (it == after.end() || it->second == node) continue;
      repinned.push_back(fmt::format("replica {}: {} -> {}", ordinal, node, it->second));
      if (ordinal < config_.zookeeper.nodes.size())
        lines.push_back({config_.zookeeper.nodes[ordinal].span, fmt::format("zookeeper.nodes[{}]", ordinal)});
    }
    const bool resized = count_before && count_after && *count_before != *count_after;
    if (!resized && repinned.empty()) return;
    std::string summary;
    if (resized) summary = fmt::format("ZooKeeper goes from {} to {} replicas", *count_before, *count_after);
    if (!repinned.empty())
      summary += fmt::format("{}re-pinned {}", summary.empty() ? "" : "; ", fmt::join(repinned, ", "));
    auto& risk = add("zookeeper-changed", RiskSeverity::danger, std::move(summary));
    risk.objects = {fmt::format("StatefulSet {}-zookeeper", full(next_))};
    if (resized) lines.insert(lines.begin(), RiskLine{config_.zookeeper.nodes_span, "zookeeper.nodes"});
    risk.lines = std::move(lines);
    risk.happens =
        "the ensemble restarts server by server with a new membership; while servers disagree on it "
        "the quorum can be lost, and a re-pinned replica starts without data";
    risk.todo =
        "change one replica at a time, wait for one leader and all followers in sync before the next, "
        "keep an odd count; `pulsarc explain zookeeper-changed`";
  }

  void bookies() {
    const auto before = pinned_nodes(base_, "bookie"), after = pinned_nodes(next_, "bookie");
    const auto count_before = replica_count(base_.bookie_replicas, before);
    const auto count_after = replica_count(next_.bookie_replicas, after);
    if (!count_before || !count_after || *count_after >= *count_before) return;
    auto& risk = add("bookie-removed", RiskSeverity::danger,
                     fmt::format("bookies go from {} to {}", *count_before, *count_after));
    for (auto i = *count_after; i < *count_before; ++i)
      risk.objects.push_back(fmt::format("Pod {}-bookie-{}", full(base_), i));
    risk.lines.push_back({config_.bookkeeper.nodes_span, "bookkeeper.nodes"});
    risk.happens =
        "the StatefulSet deletes the highest-numbered bookies; ledgers they held stay below their write "
        "quorum until autorecovery re-replicates them, and their data stays on the nodes";
    risk.todo = fmt::format(
        "decommission them first, highest ordinal first (`kubectl -n {} exec {}-toolset-0 -- bin/bookkeeper shell "
        "decommissionbookie -bookieid ID`), and check that ensemble and write quorum fit {} bookies",
        ns(), full(base_), *count_after);
  }

  RiskLine key_line() const {
    const auto& auth = config_.auth;
    if (auth.jwt.value == JwtMode::asymmetric && auth.private_key) return {auth.private_key->span, "auth.private_key"};
    if (auth.jwt.value == JwtMode::symmetric && auth.secret_key) return {auth.secret_key->span, "auth.secret_key"};
    return {auth.jwt.span, "auth.jwt"};
  }

  void signing_key() {
    if (!base_.values_read || !next_.values_read) return;
    if (!base_.jwt.value_or(false) || !next_.jwt.value_or(false)) return;  // switched: auth-changed
    const auto add_risk = [&](std::string summary) {
      auto& risk = add("signing-key-changed", RiskSeverity::danger, std::move(summary));
      const bool symmetric = next_.jwt_symmetric.value_or(false);
      risk.objects = {fmt::format("Secret {}", symmetric ? names::symmetric_key_secret(config_.cluster.release.value)
                                                         : names::asymmetric_key_secret(config_.cluster.release.value)),
                      "every token signed with the old key, application tokens included"};
      risk.lines.push_back(key_line());
      risk.happens = "after the brokers and proxies restart, every token signed by the old key is refused";
      risk.todo =
          "if unintended, restore the old key file; otherwise give every application its new token "
          "(`pulsarc token --subject ROLE`) before the rollout";
    };
    if (base_.jwt_symmetric != next_.jwt_symmetric) {
      add_risk(fmt::format("the token key changes from {} to {}",
                           spell(base_.jwt_symmetric.value_or(false) ? JwtMode::symmetric : JwtMode::asymmetric),
                           spell(next_.jwt_symmetric.value_or(false) ? JwtMode::symmetric : JwtMode::asymmetric)));
      risk_lines_add_jwt();
      return;
    }
    if (!base_.index.fingerprints_recorded) {
      unknown("signing key",
              "the base bundle's index records no key fingerprint (written by a pulsarc before fingerprints): "
              "whether the token-verification key changed cannot be known from the bundles");
      return;
    }
    if (!next_.index.fingerprints_recorded) {
      unknown("signing key",
              "the new bundle records no key fingerprint (its key file was not available, and the committed "
              "index in output.dir records none): whether the token-verification key changed cannot be known");
      return;
    }
    if (base_.index.signing_key && next_.index.signing_key && *base_.index.signing_key != *next_.index.signing_key) {
      add_risk(fmt::format("the token-verification key changes (fingerprint sha256:{}... -> sha256:{}...)",
                           fingerprint_prefix(*base_.index.signing_key), fingerprint_prefix(*next_.index.signing_key)));
    }
  }

  void risk_lines_add_jwt() { review_.risks.back().lines.push_back({config_.auth.jwt.span, "auth.jwt"}); }

  void auth() {
    if (!base_.values_read || !next_.values_read || !base_.jwt || !next_.jwt) {
      unknown("authentication", "values.yaml of one of the bundles could not be read");
      return;
    }
    if (*base_.jwt != *next_.jwt) {
      auto& risk = add("auth-changed", RiskSeverity::danger,
                       *next_.jwt ? "token authentication is switched on" : "token authentication is switched off");
      risk.objects = {fmt::format("StatefulSets {0}-broker and {0}-proxy", full(next_))};
      risk.lines.push_back({config_.auth.jwt.span, "auth.jwt"});
      risk.happens = *next_.jwt ? "after the rolling restart every client without a valid token is refused"
                                : "after the rolling restart anyone who reaches the cluster can produce, consume "
                                  "and administer it";
      risk.todo = *next_.jwt ? "hand every client its token (`pulsarc token --subject ROLE`) before the rollout"
                             : "switch off only on a private network; remove the clients' tokens afterwards";
      return;
    }
    if (!*next_.jwt) return;
    std::set<std::string> kinds;
    for (const auto& [kind, role] : base_.superusers) kinds.insert(kind);
    for (const auto& [kind, role] : next_.superusers) kinds.insert(kind);
    for (const auto& kind : kinds) {
      const auto b = base_.superusers.find(kind), n = next_.superusers.find(kind);
      const bool had = b != base_.superusers.end(), has = n != next_.superusers.end();
      if (had && has && b->second == n->second) continue;
      // A new super-user kind (e.g. the manager's role on chart 4.7.0) takes rights from nobody, and
      // gives none when its role already was a super-user under another kind.
      const bool known_role = !had && std::any_of(base_.superusers.begin(), base_.superusers.end(),
                                                  [&](const auto& entry) { return entry.second == n->second; });
      auto& risk =
          add("auth-changed", had ? RiskSeverity::caution : RiskSeverity::info,
              had && has   ? fmt::format("the {} super-user role changes from {} to {}", kind, b->second, n->second)
              : had        ? fmt::format("the {} super-user role {} is no longer declared", kind, b->second)
              : known_role ? fmt::format("the {} super-user role is {}, already a super-user", kind, n->second)
                           : fmt::format("a {} super-user role {} is added", kind, n->second));
      if (has)
        risk.objects.push_back(fmt::format("Secret {}", names::token_secret(config_.cluster.release.value, n->second)));
      const Located<std::string>* role = kind == "broker"   ? &config_.auth.broker_role
                                         : kind == "proxy"  ? &config_.auth.proxy_role
                                         : kind == "client" ? &config_.auth.client_role
                                         : kind == "manager" && !config_.auth.manager_role.value.empty()
                                             ? &config_.auth.manager_role
                                             : nullptr;
      if (role && role->span.known()) {
        risk.lines.push_back({role->span, fmt::format("auth.superusers.{}", kind)});
      } else {
        risk.lines.push_back({config_.auth.span, "[auth]"});
      }
      risk.happens = had ? fmt::format(
                               "the role {} loses its super-user rights after the rolling restart; clients "
                               "using its token as administrators are refused",
                               b->second)
                     : known_role ? "no role gains rights; the chart's new super-user setting names an existing role"
                                  : "a new role with super-user rights and its token Secret";
      risk.todo = had ? "hand the new role's token to whoever administers the cluster before the rollout"
                      : "nothing, if intended";
    }
  }

  void quorum() {
    struct Setting {
      const std::optional<std::string>& before;
      const std::optional<std::string>& after;
      const Located<std::int64_t>& line;
      std::string_view name;
    };
    const Setting settings[] = {
        {base_.ensemble, next_.ensemble, config_.bookkeeper.ensemble, "ensemble"},
        {base_.write_quorum, next_.write_quorum, config_.bookkeeper.write_quorum, "write_quorum"},
        {base_.ack_quorum, next_.ack_quorum, config_.bookkeeper.ack_quorum, "ack_quorum"},
    };
    std::vector<std::string> changes;
    std::vector<RiskLine> lines;
    for (const auto& s : settings) {
      if (!s.before || !s.after || *s.before == *s.after) continue;
      changes.push_back(fmt::format("{} {} -> {}", s.name, *s.before, *s.after));
      lines.push_back(
          {s.line.span.known() ? s.line.span : config_.bookkeeper.span, fmt::format("bookkeeper.{}", s.name)});
    }
    if (changes.empty()) return;
    auto& risk = add("quorum-changed", RiskSeverity::caution, fmt::format("{}", fmt::join(changes, ", ")));
    risk.objects = {fmt::format("StatefulSet {}-broker", full(next_))};
    risk.lines = std::move(lines);
    risk.happens = "the brokers restart one by one; only ledgers created afterwards use the new settings";
    risk.todo = "nothing for new data; unload topics to roll their ledgers over if old data needs the new replication";
  }

  void chart() {
    if (!base_.chart_version) {
      unknown("chart version", "the base bundle names no chart version (neither in its index nor in install.sh)");
      return;
    }
    if (!next_.chart_version || *base_.chart_version == *next_.chart_version) return;
    auto& risk = add("chart-upgraded", RiskSeverity::danger,
                     fmt::format("chart {} -> {}", *base_.chart_version, *next_.chart_version));
    risk.objects = {fmt::format("Helm release {}", next_.release.value_or(config_.cluster.release.value)),
                    "every StatefulSet, Service and PodDisruptionBudget of the chart"};
    risk.lines.push_back({config_.chart.version.span, "chart.version"});
    risk.happens =
        "every pod restarts with the new templates; fields Kubernetes will not update make a plain "
        "`helm upgrade` fail unless the steps below come first";
    if (const auto* steps = chart::find_upgrade(*base_.chart_version, *next_.chart_version)) {
      risk.todo = fmt::format("follow these steps in order ({}); `pulsarc explain chart-upgraded`",
                              steps->verified ? "established by rendering both charts; the parts a render cannot show "
                                                "are marked UNVERIFIED"
                                              : "from the chart notes, NOT verified by rendering");
      for (const auto step : steps->steps) {
        std::string text(step);
        for (const auto& [key, value] : {std::pair<std::string_view, std::string>{"{namespace}", ns()},
                                         {"{release}", next_.release.value_or(config_.cluster.release.value)},
                                         {"{fullname}", full(next_)}}) {
          for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
            text.replace(at, key.size(), value);
        }
        risk.steps.push_back(std::move(text));
      }
    } else {
      risk.todo = fmt::format(
          "pulsarc knows no steps for {} -> {}: read the chart's upgrade notes (apache/pulsar-helm-chart README), "
          "render both versions with `helm template` and compare the StatefulSets before upgrading",
          *base_.chart_version, *next_.chart_version);
    }
  }

  void image(std::string_view what, const std::optional<std::string>& before, const std::optional<std::string>& after,
             const std::optional<Located<ImageRef>>& setting, std::string_view setting_name, std::string objects) {
    if (!before || !after || *before == *after) return;
    const auto major_before = major_version(*before), major_after = major_version(*after);
    const bool major = major_before && major_after && *major_before != *major_after;
    auto& risk = add("image-changed", major ? RiskSeverity::danger : RiskSeverity::caution,
                     fmt::format("the {} image changes from {} to {}{}", what, *before, *after,
                                 major ? " (across major versions)" : ""));
    risk.objects = {std::move(objects)};
    if (setting) risk.lines.push_back({setting->span, std::string(setting_name)});
    if (config_.images.registry && before->find(config_.images.registry->value) == std::string::npos)
      risk.lines.push_back({config_.images.registry->span, "images.registry"});
    if (!setting && base_.chart_version != next_.chart_version)
      risk.lines.push_back({config_.chart.version.span, "chart.version"});
    if (risk.lines.empty())
      risk.no_line = fmt::format("{} is not set: the chart's default image changed", setting_name);
    risk.happens = major ? "every pod restarts on a new major version; stored data may be upgraded irreversibly"
                         : "a rolling restart of every pod that runs it";
    risk.todo = major ? "read the release notes, upgrade one major version at a time, bookies first, on a copy first"
                      : "roll out and watch; nothing else if intended";
  }

  void images() {
    image("Pulsar", base_.pulsar_image, next_.pulsar_image, config_.images.pulsar, "images.pulsar",
          "every ZooKeeper, bookie, broker, proxy, autorecovery and toolset pod");
    if (base_.manager_enabled && next_.manager_enabled) {
      image("Pulsar Manager", base_.manager_image, next_.manager_image, config_.images.manager, "images.manager",
            fmt::format("the {}-pulsar-manager pod", full(next_)));
    }
  }

  void service() {
    if (!base_.proxy_service_type || !next_.proxy_service_type) {
      if (base_.values_read && next_.values_read)
        unknown("proxy Service type",
                "the chart version of one bundle is not known, so neither is its default Service type");
      return;
    }
    if (*base_.proxy_service_type == *next_.proxy_service_type) return;
    const auto& b = *base_.proxy_service_type;
    const bool external_lost =
        b == spell(ServiceType::load_balancer) ||
        (b == spell(ServiceType::node_port) && *next_.proxy_service_type == spell(ServiceType::cluster_ip));
    auto& risk =
        add("service-changed", external_lost ? RiskSeverity::danger : RiskSeverity::caution,
            fmt::format("the proxy Service changes from {}{} to {}{}", b,
                        base_.proxy_service_type_defaulted ? " (the chart's default)" : "", *next_.proxy_service_type,
                        next_.proxy_service_type_defaulted ? " (the chart's default)" : ""));
    risk.objects = {fmt::format("Service {}-proxy", full(next_))};
    if (config_.proxy_service_type) risk.lines.push_back({config_.proxy_service_type->span, "proxy.service_type"});
    if (base_.chart_version != next_.chart_version) risk.lines.push_back({config_.chart.version.span, "chart.version"});
    if (config_.chart.values) {
      for (const auto& [key, value] : config_.chart.values->entries) {
        if (key.value == "proxy") risk.lines.push_back({value.span, "chart.values.proxy"});
      }
    }
    if (risk.lines.empty()) risk.no_line = "the Service type follows from the chart version's default";
    risk.happens = external_lost ? "the external address (load balancer IP or node ports) is released; clients "
                                   "outside the cluster can no longer connect"
                                 : "clients reach the proxy at a new address";
    risk.todo =
        fmt::format("if unintended, keep the Service type {}; otherwise move clients to the new address first", b);
  }

  void nodes() {
    if (!base_.nodes_read || !next_.nodes_read) return;
    for (const auto& [node, marks] : base_.nodes) {
      const auto it = next_.nodes.find(node);
      const NodeMarks empty;
      const NodeMarks& now = it == next_.nodes.end() ? empty : it->second;
      std::vector<std::string> released, commands;
      for (const auto& [key, value] : marks.labels) {
        if (now.labels.contains(key)) continue;
        released.push_back(fmt::format("label {}={}", key, value));
        commands.push_back(fmt::format("kubectl label node {} {}-", node, key));
      }
      for (const auto& [key_effect, value] : marks.taints) {
        if (now.taints.contains(key_effect)) continue;
        const auto& [key, effect] = key_effect;
        released.push_back(fmt::format("taint {}{}:{}", key, value.empty() ? "" : "=" + value, effect));
        commands.push_back(fmt::format("kubectl taint node {} {}:{}-", node, key, effect));
      }
      if (released.empty()) continue;
      const auto declared = std::ranges::find(config_.nodes, node, [](const Node& n) { return n.name.value; });
      auto& risk = add(
          "node-released", RiskSeverity::caution,
          fmt::format("node {}{}: {} no longer declared", node,
                      declared == config_.nodes.end() ? " (no longer in pulsar.toml)" : "", fmt::join(released, ", ")));
      risk.objects = {fmt::format("Node {}", node)};
      if (declared != config_.nodes.end()) {
        risk.lines.push_back({declared->span, fmt::format("[[nodes]] {}", node)});
      } else {
        risk.no_line = fmt::format("the node {} was removed from pulsar.toml", node);
      }
      risk.happens = "nodes.sh never removes labels or taints: the node keeps them, and they keep steering pods";
      risk.todo = fmt::format("remove them by hand: {}", fmt::join(commands, "; "));
    }
  }

  void manager_database() {
    if (!base_.manager_enabled || !next_.manager_enabled) return;
    if (!base_.manager_database_url || !next_.manager_database_url) return;
    if (*base_.manager_database_url == *next_.manager_database_url) return;
    auto& risk = add("manager-database-changed", RiskSeverity::danger,
                     fmt::format("Pulsar Manager's database moves from {} to {}", *base_.manager_database_url,
                                 *next_.manager_database_url));
    risk.objects = {fmt::format("the {}-pulsar-manager pod", full(next_)), "the manager's PostgreSQL database"};
    if (const auto& db = config_.manager.database) {
      const auto& url = *next_.manager_database_url;
      const auto& old = *base_.manager_database_url;
      // Which part moved: the URL is jdbc:postgresql://HOST:PORT/NAME.
      if (old.find("//" + db->host.value + ":") == std::string::npos)
        risk.lines.push_back({db->host.span, "manager.database.host"});
      if (old.find(fmt::format(":{}/", db->port.value)) == std::string::npos)
        risk.lines.push_back({db->port.span.known() ? db->port.span : db->span, "manager.database.port"});
      if (!old.ends_with("/" + db->name.value)) risk.lines.push_back({db->name.span, "manager.database.name"});
      if (risk.lines.empty() && url != old) risk.lines.push_back({db->span, "[manager.database]"});
    }
    if (risk.lines.empty()) risk.no_line = "the URL is set outside [manager.database]";
    risk.happens =
        "the manager restarts against the new database; its users, environments and tokens stay in the old one";
    risk.todo =
        "run manager/init.sql on the new database, then copy the old one's data (pg_dump, restore) before the rollout";
  }

  const BundleView& base_;
  const BundleView& next_;
  const Config& config_;
  Review review_;
};

}  // namespace

Review review_change(const BundleFiles& base, const BundleFiles& changed, const Config& config) {
  const auto base_view = read_bundle_view(base);
  const auto next_view = read_bundle_view(changed);
  return Reviewer(base_view, next_view, config).run();
}

bool has_risk_at_or_above(const Review& review, RiskSeverity threshold) {
  return std::ranges::any_of(review.risks, [&](const Risk& r) { return r.severity >= threshold; });
}

std::string fingerprint_prefix(const std::string& hex) {
  return hex.substr(0, 12);
}

}  // namespace pulsarc::review
