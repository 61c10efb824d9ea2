// The scheduling model (PLS05xx): a node is eligible for a component when its labels contain the
// component's node selector and the component tolerates its NoSchedule and NoExecute taints.
#include <catch2/catch.hpp>

#include "diagnostics/fix.hpp"
#include "rule_test_support.hpp"

using namespace ruletest;

namespace {

/// kBase with `taints` (a TOML array) on node `name`.
std::string taint_node(std::string_view toml, std::string_view name, std::string_view taints) {
  return edit(toml, fmt::format("name = \"{}\"\n", name), fmt::format("name = \"{}\"\ntaints = {}\n", name, taints));
}

std::string label_node(std::string_view toml, std::string_view name, std::string_view labels) {
  return edit(toml, fmt::format("name = \"{}\"\n", name), fmt::format("name = \"{}\"\nlabels = {}\n", name, labels));
}

constexpr std::string_view kDedicated = R"([{ key = "dedicated", value = "pulsar", effect = "NoSchedule" }])";
constexpr std::string_view kTolerateDedicated = R"([{ key = "dedicated", value = "pulsar", effect = "NoSchedule" }])";

// With two proxies, two eligible nodes are enough: keeps PLS0502 out of the PLS0501 tests.
constexpr std::string_view kTwoProxies = "[proxy]\nreplicas = 2\n";

}  // namespace

// ---- PLS0501: pinned replicas ------------------------------------------------------------------

TEST_CASE("PLS0501 accepts pinned replicas whose tolerations cover the node's taints", "[rules][PLS0501]") {
  std::string text(kBase);
  for (auto name : {"node1", "node2", "node3"}) text = taint_node(text, name, kDedicated);
  text = append(text, fmt::format("[scheduling]\ntolerations = {}\n", kTolerateDedicated));
  CHECK(summary(run(text)) == "");
}

TEST_CASE("PLS0501 rejects a pinned replica on a node with an untolerated NoSchedule taint", "[rules][PLS0501]") {
  const auto toml = append(taint_node(kBase, "node1", kDedicated), kTwoProxies);
  const auto diagnostics = run(toml);
  // One cause (the taint nothing tolerates), one error at the taint; the replicas are notes.
  CHECK(summary(diagnostics) == error("PLS0501", at(toml, "{ key = \"dedicated\""),
                                      "zookeeper replica 0 and bookkeeper replica 0 cannot run on the nodes they are "
                                      "pinned to: nothing in effect tolerates the taint dedicated=pulsar:NoSchedule"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(notes(diagnostics[0]) ==
        note(at(toml, "[zookeeper]"), "zookeeper.tolerations do not tolerate it") +
            note(at(toml, "\"node1\"", 2), "zookeeper replica 0 is pinned to node \"node1\" here") +
            note(at(toml, "[bookkeeper]"), "bookkeeper.tolerations do not tolerate it") +
            note(at(toml, "\"node1\"", 3), "bookkeeper replica 0 is pinned to node \"node1\" here"));
  CHECK(diagnostics[0].help ==
        "add { key = \"dedicated\", operator = \"Equal\", value = \"pulsar\", effect = \"NoSchedule\" } to "
        "zookeeper.tolerations and bookkeeper.tolerations");
  // The fix-it adds a tolerations line to both tables; the fixed file passes.
  const auto fixed = pulsarc::apply_fixes(toml, diagnostics);
  REQUIRE(fixed.applied.size() == 1);
  CHECK(summary(run(fixed.text)) == "");
}

TEST_CASE("PLS0501 rejects a pinned replica on a node with an untolerated NoExecute taint", "[rules][PLS0501]") {
  auto toml = taint_node(kBase, "node2", R"([{ key = "maintenance", value = "true", effect = "NoExecute" }])");
  toml = append(toml, kTwoProxies);
  // ZooKeeper's own (empty) tolerations replace the defaults; bookies tolerate through [scheduling].
  toml = append(toml, R"([scheduling]
tolerations = [{ key = "maintenance", operator = "Exists" }]
)");
  toml = edit(toml, "[zookeeper]\n", "[zookeeper]\ntolerations = []\n");
  const auto diagnostics = run(toml);
  // The line to change is ZooKeeper's own tolerations.
  CHECK(summary(diagnostics) == error("PLS0501", at_after(toml, "[zookeeper]\ntolerations = "),
                                      "zookeeper replica 1 cannot run on the node it is pinned to: nothing in effect "
                                      "tolerates the taint maintenance=true:NoExecute"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(notes(diagnostics[0]) ==
        note(at(toml, "{ key = \"maintenance\""), "node \"node2\" has the taint maintenance=true:NoExecute") +
            note(at(toml, "\"node2\"", 2), "zookeeper replica 1 is pinned to node \"node2\" here"));
  CHECK(diagnostics[0].help ==
        "add { key = \"maintenance\", operator = \"Equal\", value = \"true\", effect = \"NoExecute\" } to "
        "zookeeper.tolerations");
  // `tolerations = []` is replaced by a one-element array.
  REQUIRE(diagnostics[0].fixes.size() == 1);
  CHECK(diagnostics[0].fixes[0].replacement ==
        "[{ key = \"maintenance\", operator = \"Equal\", value = \"true\", effect = \"NoExecute\" }]");
  CHECK(summary(run(pulsarc::apply_fixes(toml, diagnostics).text)) == "");
}

TEST_CASE("PLS0501 suggests operator Exists for a taint without a value", "[rules][PLS0501]") {
  const auto toml = append(taint_node(kBase, "node3", R"([{ key = "spot", effect = "NoSchedule" }])"), kTwoProxies);
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0501", at(toml, "{ key = \"spot\""),
              "zookeeper replica 2 and bookkeeper replica 2 cannot run on the nodes they are pinned to: nothing in "
              "effect tolerates the taint spot:NoSchedule"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help ==
        "add { key = \"spot\", operator = \"Exists\", effect = \"NoSchedule\" } to zookeeper.tolerations and "
        "bookkeeper.tolerations");
}

TEST_CASE("PLS0501 ignores PreferNoSchedule taints", "[rules][PLS0501]") {
  std::string toml(kBase);
  for (auto name : {"node1", "node2", "node3"}) {
    toml = taint_node(toml, name, R"([{ key = "soft", effect = "PreferNoSchedule" }])");
  }
  CHECK(summary(run(toml)) == "");
}

TEST_CASE("PLS0501 accepts operator Exists with an empty key, which tolerates every taint", "[rules][PLS0501]") {
  std::string toml(kBase);
  toml = taint_node(toml, "node1", R"([{ key = "a", value = "1", effect = "NoSchedule" }])");
  toml = taint_node(toml, "node2", R"([{ key = "b", effect = "NoExecute" }])");
  toml = taint_node(
      toml, "node3",
      R"([{ key = "example.com/c", value = "x", effect = "NoSchedule" }, { key = "d", effect = "NoExecute" }])");
  toml = append(toml, "[scheduling]\ntolerations = [{ operator = \"Exists\" }]\n");
  CHECK(summary(run(toml)) == "");
}

TEST_CASE("PLS0501 matches tolerations by key, value and effect", "[rules][PLS0501]") {
  // A toleration without an effect covers every effect; one with another effect or value does not.
  std::string toml(kBase);
  toml = taint_node(toml, "node1", R"([{ key = "dedicated", value = "pulsar", effect = "NoExecute" }])");
  toml = append(toml, kTwoProxies);
  toml = edit(toml, "[zookeeper]\n", "[zookeeper]\ntolerations = [{ key = \"dedicated\", value = \"pulsar\" }]\n");
  toml = edit(toml, "[bookkeeper]\n",
              "[bookkeeper]\ntolerations = [{ key = \"dedicated\", value = \"pulsar\", effect = \"NoSchedule\" }, "
              "{ key = \"dedicated\", value = \"other\" }]\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0501", at_after(toml, "[bookkeeper]\ntolerations = "),
              "bookkeeper replica 0 cannot run on the node it is pinned to: nothing in effect tolerates the taint "
              "dedicated=pulsar:NoExecute") +
            warning("PLS0503", at(toml, "{ key = \"dedicated\", value = \"pulsar\", effect = \"NoSchedule\" }"),
                    "bookkeeper.tolerations: this toleration matches no taint of any declared node") +
            warning("PLS0503", at(toml, "{ key = \"dedicated\", value = \"other\" }"),
                    "bookkeeper.tolerations: this toleration matches no taint of any declared node"));
}

TEST_CASE("PLS0501 rejects a pinned replica on a node without the selector's label", "[rules][PLS0501]") {
  std::string toml(kBase);
  toml = label_node(toml, "node1", R"({ role = "pulsar" })");
  toml = label_node(toml, "node2", R"({ role = "pulsar" })");
  toml = label_node(toml, "node3", R"({ role = "other" })");
  toml = append(toml, kTwoProxies);
  toml = append(toml, "[scheduling]\nnode_selector = { role = \"pulsar\" }\n");
  const auto diagnostics = run(toml);
  // Only node3 differs: the node is the line to change, once for both components.
  CHECK(summary(diagnostics) ==
        error("PLS0501", at(toml, "{ role = \"other\" }"),
              "zookeeper replica 2 and bookkeeper replica 2 cannot run on the nodes they are pinned to: node "
              "\"node3\" does not match the node selector's role=pulsar (label role=other, not pulsar)"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(notes(diagnostics[0]) ==
        note(at(toml, "role = \"pulsar\" }\n", 3), "the node selector requires it here") +
            note(at(toml, "\"node3\"", 2), "zookeeper replica 2 is pinned to node \"node3\" here") +
            note(at(toml, "\"node3\"", 3), "bookkeeper replica 2 is pinned to node \"node3\" here"));
  CHECK(diagnostics[0].help == "add role = \"pulsar\" to the labels of node \"node3\"");
  // role=other is there already: adding a second `role` would be a duplicate key, so no fix-it.
  CHECK(diagnostics[0].fixes.empty());
}

// ---- PLS0502: enough eligible nodes --------------------------------------------------------------

namespace {

/// kBase with node3 tainted; ZooKeeper and the bookies tolerate it, nothing else does.
std::string node3_reserved() {
  std::string toml = taint_node(kBase, "node3", kDedicated);
  toml = edit(toml, "[zookeeper]\n", fmt::format("[zookeeper]\ntolerations = {}\n", kTolerateDedicated));
  toml = edit(toml, "[bookkeeper]\n", fmt::format("[bookkeeper]\ntolerations = {}\n", kTolerateDedicated));
  return toml;
}

}  // namespace

TEST_CASE("PLS0502 accepts components that fit their eligible nodes", "[rules][PLS0502]") {
  // Brokers prefer (not require) anti-affinity: five fit on two nodes.
  CHECK(summary(run(append(node3_reserved(), "[broker]\nreplicas = 5\n\n[proxy]\nreplicas = 2\n"))) == "");
  // Without anti-affinity three proxies fit on two nodes.
  CHECK(summary(run(append(node3_reserved(), "[proxy]\nreplicas = 3\nanti_affinity = false\n"))) == "");
  // Zero replicas need no node at all.
  CHECK(summary(run(append(node3_reserved(),
                           "[proxy]\nreplicas = 0\n\n[toolset]\nreplicas = 0\nnode_selector = { none = \"x\" }\n"))) ==
        "");
}

TEST_CASE("PLS0502 rejects 3 proxies with required anti-affinity on 2 eligible nodes", "[rules][PLS0502]") {
  const auto toml = append(node3_reserved(), "[proxy]\nreplicas = 3\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0502", at_after(toml, "[proxy]\nreplicas = "),
                                      "proxy has 3 replicas with required anti-affinity but only 2 eligible nodes"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help ==
        "lower proxy.replicas to 2, make more nodes eligible, or set proxy.anti_affinity = false");
}

TEST_CASE("PLS0502 counts the chart's default 3 proxies when [proxy] is absent", "[rules][PLS0502]") {
  const auto diagnostics = run(node3_reserved());
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "PLS0502");
  CHECK(diagnostics[0].message == "proxy has 3 replicas with required anti-affinity but only 2 eligible nodes");
}

TEST_CASE("PLS0502 rejects autorecovery with anti-affinity forced on and one eligible node", "[rules][PLS0502]") {
  auto toml = append(node3_reserved(),
                     "[proxy]\nreplicas = 2\n\n[autorecovery]\nreplicas = 2\nnode_selector = { a = \"b\" }\n");
  toml = label_node(toml, "node1", R"({ a = "b" })");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0502", at_after(toml, "[autorecovery]\nreplicas = "),
              "autorecovery has 2 replicas with required anti-affinity but only 1 eligible node"));
}

TEST_CASE("PLS0502 rejects a component that no node can run", "[rules][PLS0502]") {
  const auto toml = append(node3_reserved(),
                           "[proxy]\nreplicas = 2\n\n[broker]\nreplicas = 1\nnode_selector = { role = \"broker\" }\n");
  const auto diagnostics = run(toml);
  // At the selector that excludes the nodes, not at `replicas`; each node's reason is a note.
  CHECK(summary(diagnostics) ==
        error("PLS0502", at(toml, "{ role = \"broker\" }"),
              "no declared node can run broker pods: broker.node_selector excludes every node"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(notes(diagnostics[0]) ==
        note(at(toml, "\"node1\""), "node \"node1\": lacks label role=broker") +
            note(at(toml, "\"node2\""), "node \"node2\": lacks label role=broker") +
            note(at(toml, "\"node3\""),
                 "node \"node3\": lacks label role=broker; taint dedicated=pulsar:NoSchedule not tolerated"));
  CHECK(diagnostics[0].help == "change broker.node_selector so that at least one node fits");
}

// ---- PLS0503: dead tolerations -----------------------------------------------------------------

TEST_CASE("PLS0503 accepts tolerations that match some taint, PreferNoSchedule included", "[rules][PLS0503]") {
  auto toml = taint_node(kBase, "node2", R"([{ key = "soft", value = "x", effect = "PreferNoSchedule" }])");
  toml = append(toml, "[scheduling]\ntolerations = [{ key = \"soft\", value = \"x\" }, { operator = \"Exists\" }]\n");
  CHECK(summary(run(toml)) == "");
}

TEST_CASE("PLS0503 warns about a toleration that matches no taint", "[rules][PLS0503]") {
  const auto toml = append(kBase, fmt::format("[scheduling]\ntolerations = {}\n", kTolerateDedicated));
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        warning("PLS0503", at(toml, "{ key = \"dedicated\""),
                "scheduling.tolerations: this toleration matches no taint of any declared node"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "remove it, or check its key, value and effect against the [[nodes]] taints");
  CHECK_FALSE(pulsarc::has_errors(diagnostics));
}

TEST_CASE("PLS0503 warns about a misspelt toleration, which leaves the taint untolerated", "[rules][PLS0503]") {
  auto toml = taint_node(kBase, "node1", kDedicated);
  toml = append(toml, kTwoProxies);
  toml = append(toml,
                "[scheduling]\ntolerations = [{ key = \"dedicated\", value = \"pulsr\", effect = \"NoSchedule\" }]\n");
  const auto diagnostics = run(toml);
  // The inherited [scheduling] tolerations are the line to change, once for both components.
  CHECK(summary(diagnostics) ==
        error("PLS0501", at_after(toml, "[scheduling]\ntolerations = "),
              "zookeeper replica 0 and bookkeeper replica 0 cannot run on the nodes they are pinned to: nothing in "
              "effect tolerates the taint dedicated=pulsar:NoSchedule") +
            warning("PLS0503", at(toml, "{ key = \"dedicated\", value = \"pulsr\""),
                    "scheduling.tolerations: this toleration matches no taint of any declared node"));
  REQUIRE(diagnostics.size() == 2);
  CHECK(notes(diagnostics[0]) ==
        note(at(toml, "{ key = \"dedicated\", value = \"pulsar\""),
             "node \"node1\" has the taint dedicated=pulsar:NoSchedule") +
            note(at(toml, "\"node1\"", 2), "zookeeper replica 0 is pinned to node \"node1\" here") +
            note(at(toml, "\"node1\"", 3), "bookkeeper replica 0 is pinned to node \"node1\" here"));
  // Inherited tolerations: adding one there would change every component, so no fix-it.
  CHECK(diagnostics[0].fixes.empty());
}

TEST_CASE("PLS0503 checks every component's own tolerations", "[rules][PLS0503]") {
  const auto toml = append(kBase, "[toolset]\ntolerations = [{ key = \"gpu\", operator = \"Exists\" }]\n");
  CHECK(summary(run(toml)) == warning("PLS0503", at(toml, "{ key = \"gpu\""),
                                      "toolset.tolerations: this toleration matches no taint of any declared node"));
}
