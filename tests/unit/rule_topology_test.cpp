// ZooKeeper (PLS02xx), BookKeeper (PLS03xx) and volume (PLS04xx) rules: accepted and rejected
// inputs with exact codes, severities, positions and messages.
#include <catch2/catch.hpp>

#include "rule_test_support.hpp"

using namespace ruletest;

namespace {

// The zookeeper.nodes and bookkeeper.nodes lines of kBase (the two lists are spelt alike).
constexpr std::string_view kZookeeperNodes = "nodes = [\"node1\", \"node2\", \"node3\"]\ndata";
constexpr std::string_view kBookieNodes = "nodes = [\"node1\", \"node2\", \"node3\"]\njournal";

std::string with_zookeeper_nodes(std::string_view toml, std::string_view list) {
  return edit(toml, kZookeeperNodes, fmt::format("nodes = {}\ndata", list));
}

std::string with_bookie_nodes(std::string_view toml, std::string_view list) {
  return edit(toml, kBookieNodes, fmt::format("nodes = {}\njournal", list));
}

/// kBase with nodes node4 and node5 declared too.
std::string five_nodes() {
  return edit(kBase, "name = \"node3\"\n",
              "name = \"node3\"\n\n[[nodes]]\nname = \"node4\"\n\n[[nodes]]\nname = \"node5\"\n");
}

}  // namespace

// ---- PLS0201: ZooKeeper quorum -----------------------------------------------------------------

TEST_CASE("PLS0201 accepts three or five distinct ZooKeeper nodes", "[rules][PLS0201]") {
  CHECK(summary(run(kBase)) == "");
  CHECK(summary(run(with_zookeeper_nodes(five_nodes(), R"(["node1", "node2", "node3", "node4", "node5"])"))) == "");
}

TEST_CASE("PLS0201 rejects fewer than three ZooKeeper replicas", "[rules][PLS0201]") {
  const auto toml = with_zookeeper_nodes(kBase, R"(["node1", "node2"])");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0201", at(toml, R"(["node1", "node2"])"), "zookeeper needs at least three replicas, found 2"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "list three (or five) distinct nodes in zookeeper.nodes");
}

TEST_CASE("PLS0201 rejects an empty ZooKeeper list", "[rules][PLS0201]") {
  const auto toml = with_zookeeper_nodes(kBase, "[]");
  CHECK(summary(run(toml)) == error("PLS0201", at(toml, "[]"), "zookeeper needs at least three replicas, found 0"));
}

TEST_CASE("PLS0201 rejects two ZooKeeper replicas on one node, pointing at both", "[rules][PLS0201]") {
  const auto toml = with_zookeeper_nodes(kBase, R"(["node1", "node2", "node1"])");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0201", at(toml, R"("node1"])"), "zookeeper replicas 0 and 2 are both on node \"node1\""));
  REQUIRE(diagnostics.size() == 1);
  CHECK(notes(diagnostics[0]) == note(at(toml, R"("node1", "node2", "node1")"), "\"node1\" is also used here"));
}

// ---- PLS0202: even ZooKeeper ensembles ---------------------------------------------------------

TEST_CASE("PLS0202 warns about four ZooKeeper replicas", "[rules][PLS0202]") {
  const auto toml = with_zookeeper_nodes(five_nodes(), R"(["node1", "node2", "node3", "node4"])");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == warning("PLS0202", at(toml, R"(["node1", "node2", "node3", "node4"])"),
                                        "4 zookeeper replicas tolerate no more failures than 3"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "use 3 or 5 replicas");
  CHECK_FALSE(pulsarc::has_errors(diagnostics));
}

TEST_CASE("PLS0202 does not warn about two replicas (PLS0201 already refuses them)", "[rules][PLS0202]") {
  const auto toml = with_zookeeper_nodes(kBase, R"(["node1", "node2"])");
  const auto diagnostics = run(toml);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "PLS0201");
}

// ---- PLS0301: bookies on distinct nodes --------------------------------------------------------

TEST_CASE("PLS0301 accepts one bookie per node, even a single bookie in the test profile", "[rules][PLS0301]") {
  auto toml = with_bookie_nodes(kBase, R"(["node2"])");
  // The quorum defaults (2) exceed one bookie: lower them.
  toml = edit(toml, R"(ledgers = { path = "/data/bookkeeper/ledgers", size = "50Gi" })",
              "ledgers = { path = \"/data/bookkeeper/ledgers\", size = \"50Gi\" }\nensemble = 1\nwrite_quorum = "
              "1\nack_quorum = 1");
  CHECK(summary(run(toml)) == "");
}

TEST_CASE("PLS0301 rejects two bookies on one node", "[rules][PLS0301]") {
  const auto toml = with_bookie_nodes(kBase, R"(["node1", "node2", "node2"])");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0301", at(toml, R"("node2"])"), "bookies 1 and 2 are both on node \"node2\""));
  REQUIRE(diagnostics.size() == 1);
  CHECK(notes(diagnostics[0]) == note(at(toml, R"("node2", "node2"])"), "\"node2\" is also used here"));
  CHECK(diagnostics[0].help ==
        "put every bookie on a different node: two bookies there would share one journal and ledgers directory");
}

TEST_CASE("PLS0301 rejects an empty bookie list", "[rules][PLS0301]") {
  const auto toml = with_bookie_nodes(kBase, "[]");
  CHECK(summary(run(toml)) == error("PLS0301", at(toml, "[]"), "bookkeeper needs at least one bookie"));
}

// ---- PLS0302: journal and ledgers paths ----------------------------------------------------------

TEST_CASE("PLS0302 accepts sibling paths that share a prefix but not a directory", "[rules][PLS0302]") {
  auto toml = edit(kBase, R"(path = "/data/bookkeeper/journal")", R"(path = "/data/bk")");
  toml = edit(toml, R"(path = "/data/bookkeeper/ledgers")", R"(path = "/data/bk2")");
  CHECK(summary(run(toml)) == "");
}

TEST_CASE("PLS0302 rejects equal journal and ledgers paths", "[rules][PLS0302]") {
  const auto toml = edit(kBase, R"(path = "/data/bookkeeper/ledgers")", R"(path = "/data/bookkeeper/journal")");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0302", at(toml, "\"/data/bookkeeper/journal\"", 2), "bookie journal and ledgers use the same path"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(notes(diagnostics[0]) == note(at(toml, "\"/data/bookkeeper/journal\"", 1), "journal path declared here"));
}

TEST_CASE("PLS0302 rejects nested journal and ledgers paths", "[rules][PLS0302]") {
  const auto toml = edit(kBase, R"(path = "/data/bookkeeper/ledgers")", R"(path = "/data/bookkeeper/journal/ledgers")");
  CHECK(summary(run(toml)) == error("PLS0302", at(toml, "\"/data/bookkeeper/journal/ledgers\""),
                                    "bookie journal and ledgers paths are nested"));
}

// ---- PLS0303: quorums --------------------------------------------------------------------------

namespace {

std::string with_quorums(std::string_view toml, int ensemble, int write, int ack) {
  return edit(toml, R"(ledgers = { path = "/data/bookkeeper/ledgers", size = "50Gi" })",
              fmt::format("ledgers = {{ path = \"/data/bookkeeper/ledgers\", size = \"50Gi\" }}\nensemble = {}\n"
                          "write_quorum = {}\nack_quorum = {}",
                          ensemble, write, ack));
}

}  // namespace

TEST_CASE("PLS0303 accepts 1 <= ack <= write <= ensemble <= bookies", "[rules][PLS0303]") {
  CHECK(summary(run(with_quorums(kBase, 3, 3, 3))) == "");
  CHECK(summary(run(with_quorums(kBase, 3, 2, 1))) == "");
  CHECK(summary(run(with_quorums(kBase, 1, 1, 1))) == "");
}

TEST_CASE("PLS0303 rejects ack_quorum 0", "[rules][PLS0303]") {
  const auto toml = with_quorums(kBase, 2, 2, 0);
  CHECK(summary(run(toml)) ==
        error("PLS0303", at_after(toml, "ack_quorum = "), "bookkeeper.ack_quorum must be at least 1"));
}

TEST_CASE("PLS0303 rejects ack_quorum > write_quorum > ensemble", "[rules][PLS0303]") {
  const auto toml = with_quorums(kBase, 1, 2, 3);
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0303", at_after(toml, "write_quorum = "), "write_quorum (2) is larger than ensemble (1)") +
            error("PLS0303", at_after(toml, "ack_quorum = "), "ack_quorum (3) is larger than write_quorum (2)"));
  REQUIRE(diagnostics.size() == 2);
  CHECK(notes(diagnostics[0]) == note(at_after(toml, "ensemble = "), "ensemble set here"));
  CHECK(notes(diagnostics[1]) == note(at_after(toml, "write_quorum = "), "write_quorum set here"));
}

TEST_CASE("PLS0303 rejects an ensemble larger than the number of bookies", "[rules][PLS0303]") {
  const auto toml = with_quorums(kBase, 4, 2, 2);
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0303", at_after(toml, "ensemble = "), "ensemble (4) is larger than the number of bookies (3)"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(notes(diagnostics[0]) == note(at(toml, "[\"node1\"", 2), "bookies listed here"));
}

TEST_CASE("PLS0303 rejects the default quorums (2) with one bookie", "[rules][PLS0303]") {
  const auto toml = with_bookie_nodes(kBase, R"(["node1"])");
  // The defaults have no line of their own: the diagnostic points at the [bookkeeper] table.
  CHECK(summary(run(toml)) ==
        error("PLS0303", at(toml, "[bookkeeper]"), "ensemble (2) is larger than the number of bookies (1)"));
}

// ---- PLS0401: volumes on one node --------------------------------------------------------------

TEST_CASE("PLS0401 accepts distinct paths on shared nodes, and equal paths on disjoint nodes", "[rules][PLS0401]") {
  CHECK(summary(run(kBase)) == "");
  // ZooKeeper on node1..3, bookies on node4..5 (one path, different machines): fine.
  auto toml = with_bookie_nodes(five_nodes(), R"(["node4", "node5"])");
  toml = edit(toml, R"(path = "/data/bookkeeper/journal")", R"(path = "/data/zookeeper")");
  toml = edit(toml, R"(path = "/data/bookkeeper/ledgers")", R"(path = "/data/ledgers")");
  CHECK(summary(run(toml)) == "");
}

TEST_CASE("PLS0401 rejects a ZooKeeper path equal to a bookie path on a shared node", "[rules][PLS0401]") {
  const auto toml = edit(kBase, R"(path = "/data/bookkeeper/journal")", R"(path = "/data/zookeeper")");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0401", at(toml, "\"/data/zookeeper\"", 1),
                                      "zookeeper data uses the same path as a bookie volume on nodes \"node1\", "
                                      "\"node2\", \"node3\""));
  REQUIRE(diagnostics.size() == 1);
  CHECK(notes(diagnostics[0]) == note(at(toml, "\"/data/zookeeper\"", 2), "the bookie volume's path"));
}

TEST_CASE("PLS0401 rejects nested ZooKeeper and bookie paths and names only the shared node", "[rules][PLS0401]") {
  auto toml = with_bookie_nodes(five_nodes(), R"(["node4", "node5", "node3"])");
  toml = edit(toml, R"(path = "/data/bookkeeper/ledgers")", R"(path = "/data/zookeeper/ledgers")");
  CHECK(summary(run(toml)) == error("PLS0401", at(toml, "\"/data/zookeeper\""),
                                    "zookeeper data is nested with a bookie volume on node \"node3\""));
}
