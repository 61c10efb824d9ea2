#include "review/catalog.hpp"

#include <algorithm>
#include <array>

namespace pulsarc::review {
namespace {

constexpr std::array kRisks = {
    RiskInfo{"volume-moved", RiskSeverity::danger, "a volume moves to another node or host path",
             "A local PersistentVolume's node affinity and host path are immutable, and the data lives on that\n"
             "node's disk. When the PV for a claim names another node or path, the replica (a ZooKeeper server\n"
             "or a bookie) starts empty on the new place while its data stays behind on the old one.\n"
             "\n"
             "What happens: `kubectl apply -k` refuses to change the existing PV (\"field is immutable\"); if the\n"
             "PV and claim are deleted and re-created, the pod starts with an empty directory.\n"
             "\n"
             "What to do: move one replica at a time. For a bookie, decommission it first (`bookkeeper shell\n"
             "decommissionbookie`), then delete the pod, its PVC and its PV, apply the new PV and let the\n"
             "StatefulSet re-create the pod. For ZooKeeper, remove the server from the ensemble or let it\n"
             "resync from the others after the move, one replica at a time, never losing the quorum. Or copy\n"
             "the directory to the new node/path before the pod starts there."},
    RiskInfo{"volume-resized", RiskSeverity::danger, "a claim's size or storage class changes",
             "The chart's StatefulSets make their claims from volumeClaimTemplates, which Kubernetes never lets\n"
             "change, and a local volume cannot grow: its capacity is what the disk holds.\n"
             "\n"
             "What happens: `helm upgrade` fails (\"spec: Forbidden: updates to statefulset spec for fields other\n"
             "than ...\"), and `kubectl apply` refuses the changed PV capacity or class.\n"
             "\n"
             "What to do: keep the size as it is, or replace the StatefulSet and its volumes in a planned\n"
             "migration: delete the StatefulSet with `--cascade=orphan`, then for each replica in turn\n"
             "(decommission a bookie first) delete its pod, PVC and PV, apply the new PV and let the chart\n"
             "re-create the StatefulSet with `helm upgrade`."},
    RiskInfo{"bookie-removed", RiskSeverity::danger, "fewer bookies",
             "Each ledger has copies on write_quorum bookies. Removing a bookie without decommissioning it\n"
             "leaves every ledger it held below its write quorum until autorecovery re-replicates them; with\n"
             "too few bookies left, writes with the configured ensemble fail.\n"
             "\n"
             "What happens: the StatefulSet scales down and deletes the highest-numbered bookies' pods; their\n"
             "ledgers are under-replicated, and their local data stays on the node.\n"
             "\n"
             "What to do: decommission the bookies first, highest ordinal first (`bin/bookkeeper shell\n"
             "decommissionbookie -bookieid <id>` from the toolset pod, and wait until it finishes), check that\n"
             "ensemble and write quorum still fit the remaining bookies, then apply the change."},
    RiskInfo{"zookeeper-changed", RiskSeverity::danger, "ZooKeeper replicas added, removed or re-pinned",
             "The ZooKeeper ensemble's membership is fixed in every server's configuration. Changing the number\n"
             "of replicas or the node a replica lives on changes the quorum: the servers restart one by one with\n"
             "a new server list, and a re-pinned replica starts with no data.\n"
             "\n"
             "What happens: a rolling restart of the ensemble with a different membership; while old and new\n"
             "servers disagree on the list, the ensemble can lose its quorum and Pulsar stops serving.\n"
             "\n"
             "What to do: change one replica at a time and wait for the ensemble to be healthy (`echo srvr |\n"
             "nc localhost 2181` on each server, one leader) before the next; keep an odd number of replicas;\n"
             "take a snapshot of the data directory first."},
    RiskInfo{"release-renamed", RiskSeverity::danger, "release, namespace or full name changes",
             "Every object name, claim and Secret derives from the release name, and the namespace holds them.\n"
             "Another release name or namespace is another cluster to Kubernetes and Helm.\n"
             "\n"
             "What happens: `install.sh` installs a new, empty cluster beside the old one; the old release keeps\n"
             "running, its PVs keep its data, and its metadata (clusterName in ZooKeeper) does not follow.\n"
             "\n"
             "What to do: if a new cluster is not what you want, keep the old names. Otherwise migrate the\n"
             "topics (geo-replication between the two clusters), then `helm uninstall` the old release and\n"
             "remove its PVs and data."},
    RiskInfo{"signing-key-changed", RiskSeverity::danger, "the token-verification key changes",
             "Brokers and proxies verify every client token with one key (the public key, or the shared secret).\n"
             "A new key makes every token signed by the old key invalid, also the ones handed to applications.\n"
             "\n"
             "What happens: after the rolling restart clients, the proxy and the brokers' internal clients that\n"
             "still use old tokens get \"authentication failed\"; the cluster's own tokens are re-minted by the\n"
             "bundle, application tokens are not.\n"
             "\n"
             "What to do: if unintended, restore the old key file. Otherwise hand every application its new\n"
             "token (`pulsarc token --subject ROLE`) before the rollout, and roll out in a window."},
    RiskInfo{"auth-changed", RiskSeverity::danger,
             "token authentication switched on or off, or a super-user role changes",
             "Switching JWT on makes the brokers refuse every client without a valid token; switching it off\n"
             "lets anyone who reaches the cluster produce, consume and administer. A changed super-user role\n"
             "takes the administrator rights away from the old role.\n"
             "\n"
             "What happens: a rolling restart of brokers and proxies with the new settings; clients that do not\n"
             "match are refused (or, with authentication off, nobody is).\n"
             "\n"
             "What to do: give every client its token before switching on; switch off only on a private\n"
             "network; after a role change, hand the new role's token to whoever administers the cluster."},
    RiskInfo{"quorum-changed", RiskSeverity::caution, "ensemble, write or ack quorum changes",
             "managedLedgerDefaultEnsembleSize, WriteQuorum and AckQuorum are broker settings used when a ledger\n"
             "is created. Existing ledgers keep the replication they were created with.\n"
             "\n"
             "What happens: the brokers restart one by one; new ledgers use the new settings, old ones keep\n"
             "theirs until they are rolled over or deleted (a higher quorum does not protect old data).\n"
             "\n"
             "What to do: nothing for new data; to re-replicate old topics, unload them so that new ledgers\n"
             "are created, or set the namespace's persistence policy explicitly."},
    RiskInfo{"chart-upgraded", RiskSeverity::danger, "chart.version changes",
             "A new chart version changes templates, defaults and sometimes fields Kubernetes refuses to update\n"
             "(StatefulSet serviceName, podManagementPolicy, volumeClaimTemplates). A plain `helm upgrade` can\n"
             "fail half-way or leave the cluster in a state neither version expects.\n"
             "\n"
             "What happens: every pod restarts; for 2.7.7 -> 4.7.0 also non-root images (uid 10000) on the\n"
             "existing volumes, the proxy Service type, the manager's move from a Deployment to a StatefulSet,\n"
             "the PDBs' owner, and two StatefulSets that must be deleted with --cascade=orphan first.\n"
             "\n"
             "What to do: follow the ordered steps in the report (for 2.7.7 -> 4.7.0 also in\n"
             "docs/upgrade-2.7.7-to-4.7.0.md), on a copy of the cluster first."},
    RiskInfo{"image-changed", RiskSeverity::danger, "the Pulsar or Pulsar Manager image changes",
             "Every component runs the Pulsar image; a new image restarts every pod of the cluster, one by one.\n"
             "A jump across major versions also changes data formats and defaults.\n"
             "\n"
             "What happens: a rolling restart of ZooKeeper, bookies, brokers, proxies and the rest (caution);\n"
             "across a major version (danger) also an upgrade of the stored data that may not be reversible.\n"
             "\n"
             "What to do: for a patch or minor version, roll out and watch; across a major version, read the\n"
             "Pulsar release notes, upgrade one major version at a time, bookies first, and test on a copy.\n"
             "For the manager, check that its database schema matches the new version (manager/init.sql)."},
    RiskInfo{"service-changed", RiskSeverity::danger, "the proxy Service type changes",
             "The proxy Service is how clients reach the cluster. Its type decides the address: a load balancer's\n"
             "external IP, a port on every node, or a cluster-internal IP only.\n"
             "\n"
             "What happens: Kubernetes changes the Service in place; a LoadBalancer's external IP is released\n"
             "(danger: clients outside the cluster lose it), a NodePort's ports go away, a new load balancer\n"
             "gets a new address (caution).\n"
             "\n"
             "What to do: if unintended, set proxy.service_type to the old type; otherwise tell clients the new\n"
             "address and update DNS before the change."},
    RiskInfo{"node-released", RiskSeverity::caution, "a node, label or taint is no longer declared",
             "nodes.sh only adds and overwrites labels and taints (`kubectl label/taint --overwrite`); it never\n"
             "removes one that pulsar.toml no longer declares.\n"
             "\n"
             "What happens: the old label keeps attracting pods whose node selector matches it, and the old taint\n"
             "keeps repelling pods that do not tolerate it, although pulsar.toml no longer says so.\n"
             "\n"
             "What to do: remove them by hand, as the report says: `kubectl label node NODE KEY-` and\n"
             "`kubectl taint node NODE KEY:EFFECT-`."},
    RiskInfo{"manager-database-changed", RiskSeverity::danger, "Pulsar Manager's database moves",
             "Pulsar Manager keeps its users, environments and tokens in its PostgreSQL database. Another host,\n"
             "port or database name is another, empty database.\n"
             "\n"
             "What happens: the manager restarts against the new database; its users and environments stay\n"
             "behind in the old one, and the manager refuses logins until a user exists.\n"
             "\n"
             "What to do: run manager/init.sql against the new database, then copy the data (`pg_dump` of the\n"
             "old database, restore into the new one) before the rollout."},
};

}  // namespace

std::string_view risk_severity_name(RiskSeverity severity) {
  switch (severity) {
    case RiskSeverity::info: return "info";
    case RiskSeverity::caution: return "caution";
    case RiskSeverity::danger: return "danger";
  }
  return "info";
}

std::span<const RiskInfo> all_risks() {
  return kRisks;
}

const RiskInfo* find_risk(std::string_view id) {
  const auto it = std::ranges::find(kRisks, id, &RiskInfo::id);
  return it == kRisks.end() ? nullptr : &*it;
}

}  // namespace pulsarc::review
