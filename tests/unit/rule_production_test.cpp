// The production profile's rules (PLS06xx), on kProduction: each test changes one thing.
#include <catch2/catch.hpp>

#include "rule_test_support.hpp"

using namespace ruletest;

namespace {

Diagnostics run_production(std::string_view toml) {
  return run(toml, production_files());
}

}  // namespace

TEST_CASE("the production rules do not apply to the test profile",
          "[rules][PLS0601][PLS0602][PLS0603][PLS0604][PLS0605]") {
  // kBase breaks every production rule at once: shared nodes, brokers on storage nodes, JWT off.
  auto toml = edit(kBase, "[auth]\n", "[output]\nsecrets = \"inline\"\n\n[auth]\n");
  toml = edit(toml, R"(nodes = ["node1", "node2", "node3"]
journal)",
              R"(nodes = ["node1", "node2"]
journal)");
  CHECK(summary(run(toml)) == "");
  // The same file in the production profile.
  const auto production = edit(toml, R"(profile = "test")", R"(profile = "production")");
  const auto lines = summary(run(production));
  for (const auto* code : {"PLS0601", "PLS0602", "PLS0603", "PLS0604", "PLS0605"}) {
    INFO(code);
    CHECK_THAT(lines, Catch::Contains(code));
  }
}

TEST_CASE("the production profile is the default", "[rules][PLS0604]") {
  const auto toml = edit(kBase, "profile = \"test\"\n", "");
  const auto lines = summary(run(toml));
  CHECK_THAT(lines, Catch::Contains(error("PLS0604", at(toml, "\"off\""), "production requires JWT authentication")));
}

// ---- PLS0601: ZooKeeper and bookies on disjoint nodes --------------------------------------------

TEST_CASE("PLS0601 rejects a node that runs a bookie and a ZooKeeper replica", "[rules][PLS0601]") {
  const auto toml = edit(kProduction, R"(nodes = ["bk1", "bk2", "bk3"])", R"(nodes = ["bk1", "bk2", "zk3"])");
  const auto diagnostics = run_production(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0601", at(toml, "\"zk3\"]", 2), "node \"zk3\" runs both a bookie and a ZooKeeper replica"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(notes(diagnostics[0]) == note(at(toml, "\"zk3\"]", 1), "ZooKeeper is also pinned to \"zk3\" here"));
  // profile = "production" is written: no hint at the test profile.
  CHECK(diagnostics[0].help == "in the production profile give ZooKeeper and the bookies separate nodes");
}

TEST_CASE("PLS0601 reports shared nodes once, with each ZooKeeper entry as a note", "[rules][PLS0601]") {
  const auto toml = edit(kProduction, R"(nodes = ["bk1", "bk2", "bk3"])", R"(nodes = ["zk1", "zk2", "zk3"])");
  const auto diagnostics = run_production(toml);
  CHECK(summary(diagnostics) == error("PLS0601", at(toml, "\"zk1\"", 3),
                                      "3 nodes run both a bookie and a ZooKeeper replica: \"zk1\", \"zk2\", \"zk3\""));
  REQUIRE(diagnostics.size() == 1);
  CHECK(notes(diagnostics[0]) == note(at(toml, "\"zk1\"", 2), "ZooKeeper is also pinned to \"zk1\" here") +
                                     note(at(toml, "\"zk2\"", 2), "ZooKeeper is also pinned to \"zk2\" here") +
                                     note(at(toml, "\"zk3\"", 2), "ZooKeeper is also pinned to \"zk3\" here"));
}

// ---- PLS0602: brokers and proxies off storage nodes ----------------------------------------------

TEST_CASE("PLS0602 accepts storage nodes that serving components cannot use", "[rules][PLS0602]") {
  // bk1 loses its taint, but the proxies' selector still keeps them off it; or there are no proxies.
  const auto untainted = replace_all(kProduction,
                                     "name = \"bk1\"\nlabels = { role = \"storage\" }\ntaints = [{ key = "
                                     "\"dedicated\", value = \"storage\", effect = \"NoSchedule\" }]",
                                     "name = \"bk1\"\nlabels = { role = \"storage\" }");
  CHECK(summary(run_production(untainted)) == "");
  CHECK(summary(run_production(append(untainted, "[proxy]\nreplicas = 0\nnode_selector = {}\n"))) == "");
}

TEST_CASE("PLS0602 rejects proxies that could land on a bookie node", "[rules][PLS0602]") {
  auto toml = replace_all(kProduction,
                          "name = \"bk1\"\nlabels = { role = \"storage\" }\ntaints = [{ key = \"dedicated\", value = "
                          "\"storage\", effect = \"NoSchedule\" }]",
                          "name = \"bk1\"\nlabels = { role = \"storage\" }");
  toml = append(toml, "[proxy]\nnode_selector = {}\n");
  const auto diagnostics = run_production(toml);
  // At the proxies' own (empty) node selector, which lets them onto bk1.
  CHECK(summary(diagnostics) ==
        error("PLS0602", at_after(toml, "[proxy]\nnode_selector = "),
              "proxy pods could be scheduled on a node that holds ZooKeeper or bookie volumes (\"bk1\"): this node "
              "selector matches storage nodes"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(notes(diagnostics[0]) == note(at(toml, "\"bk1\""), "node \"bk1\" holds bookie 0"));
  CHECK(diagnostics[0].help ==
        "taint the storage nodes (and tolerate the taint only in zookeeper and bookkeeper), or give brokers and "
        "proxies a node selector that only matches their own nodes");
}

TEST_CASE("PLS0602 rejects brokers that tolerate the storage taint", "[rules][PLS0602]") {
  const auto toml = append(
      kProduction, "[broker]\nnode_selector = {}\ntolerations = [{ key = \"dedicated\", operator = \"Exists\" }]\n");
  const auto diagnostics = run_production(toml);
  // One error, at the Exists toleration that opens the six storage nodes; the nodes are notes.
  CHECK(summary(diagnostics) ==
        error("PLS0602", at(toml, "{ key = \"dedicated\", operator = \"Exists\" }"),
              "broker pods could be scheduled on 6 nodes that hold ZooKeeper or bookie volumes (\"zk1\", \"zk2\", "
              "\"zk3\", \"bk1\", \"bk2\", \"bk3\"): this toleration lets them past the storage nodes' taints"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].notes.size() == 6);
}

TEST_CASE("a newcomer's cluster without a profile gets one error per production rule", "[rules][PLS0602]") {
  // Three plain nodes shared by everything, no `profile` line, symmetric JWT.
  auto toml = edit(kBase, "profile = \"test\"\n", "");
  const auto diagnostics = run(toml);
  std::vector<std::string> codes;
  for (const auto& d : diagnostics) codes.push_back(d.code);
  CHECK(codes == std::vector<std::string>{"PLS0602", "PLS0601", "PLS0604"});
  for (const auto& d : diagnostics) CHECK_THAT(d.help, Catch::Contains("add profile = \"test\" to [cluster]"));
  // Nothing separates brokers and proxies from the storage nodes: the missing profile is the cause,
  // so the error points at [cluster], once for both components.
  CHECK(summary({diagnostics[0]}) ==
        error("PLS0602", at(toml, "[cluster]"),
              "broker and proxy pods could be scheduled on 3 nodes that hold ZooKeeper or bookie volumes (\"node1\", "
              "\"node2\", \"node3\"): nothing keeps them off the storage nodes, and the profile is production by "
              "default"));
}

// ---- PLS0603: bookies and ack quorum -------------------------------------------------------------

TEST_CASE("PLS0603 rejects fewer than three bookies", "[rules][PLS0603]") {
  const auto toml = edit(kProduction, R"(nodes = ["bk1", "bk2", "bk3"])", R"(nodes = ["bk1", "bk2"])");
  const auto diagnostics = run_production(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0603", at(toml, R"(["bk1", "bk2"])"), "production needs at least 3 bookies, found 2"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "add bookies so that one can fail while writes continue");
}

TEST_CASE("PLS0603 rejects ack_quorum 1 and accepts ack_quorum 2", "[rules][PLS0603]") {
  const auto with_ack = [](int ack) {
    return edit(kProduction, "[bookkeeper]\n", fmt::format("[bookkeeper]\nack_quorum = {}\n", ack));
  };
  CHECK(summary(run_production(with_ack(2))) == "");
  const auto toml = with_ack(1);
  CHECK(summary(run_production(toml)) ==
        error("PLS0603", at_after(toml, "ack_quorum = "), "production needs ack_quorum of at least 2"));
}

// ---- PLS0604: JWT on -------------------------------------------------------------------------------

TEST_CASE("PLS0604 rejects production without JWT", "[rules][PLS0604]") {
  const auto toml = edit(kProduction, "jwt = \"symmetric\"\nsecret_key = \"keys/secret.key\"", "jwt = \"off\"");
  const auto diagnostics = run_production(toml);
  CHECK(summary(diagnostics) == error("PLS0604", at(toml, "\"off\""), "production requires JWT authentication"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "set auth.jwt = \"asymmetric\" and create a key with `pulsarc keygen`");
}

TEST_CASE("PLS0604 points at [auth] when jwt is left at its default", "[rules][PLS0604]") {
  const auto toml =
      edit(kProduction, "jwt = \"symmetric\"\nsecret_key = \"keys/secret.key\"", "superusers = { client = \"root\" }");
  CHECK(summary(run_production(toml)) ==
        error("PLS0604", at(toml, "[auth]"), "production requires JWT authentication"));
}

// ---- PLS0605: no inline Secrets ------------------------------------------------------------------

TEST_CASE("PLS0605 rejects inline Secrets and accepts separate and none", "[rules][PLS0605]") {
  CHECK(summary(run_production(edit(kProduction, R"(secrets = "separate")", R"(secrets = "none")"))) == "");
  const auto toml = edit(kProduction, R"(secrets = "separate")", R"(secrets = "inline")");
  const auto diagnostics = run_production(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0605", at(toml, "\"inline\""), "production forbids Secrets inline in the committed bundle"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "use secrets = \"separate\" (git-ignored secrets/) or \"none\" (External Secrets)");
}
