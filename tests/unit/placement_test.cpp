// The scheduler model (check/placement.hpp): eligibility with reasons, pinned replicas,
// anti-affinity and verdicts; and the fix engine (diagnostics/fix.hpp) that `check --fix` uses.
#include <catch2/catch.hpp>

#include "check/rule.hpp"
#include "cli/placement.hpp"
#include "diagnostics/fix.hpp"
#include "rule_test_support.hpp"

using namespace ruletest;
using pulsarc::Component;
using pulsarc::checker::AntiAffinity;
using pulsarc::checker::Verdict;

namespace {

struct Modelled {
  pulsarc::Config config;
  pulsarc::ReferencedFiles files;
  pulsarc::CheckOptions options;
};

/// Parses `toml` and returns the model of its placement, with the config it points into.
std::pair<std::unique_ptr<Modelled>, pulsarc::checker::PlacementModel> model_of(std::string_view toml) {
  auto parsed = pulsarc::parse(toml);
  REQUIRE(parsed.config);
  auto m = std::make_unique<Modelled>(Modelled{std::move(*parsed.config), {}, {}});
  const pulsarc::checker::RuleContext context(m->config, m->files, m->options);
  auto model = pulsarc::checker::model_placement(context);
  return {std::move(m), std::move(model)};
}

std::string reasons(const pulsarc::checker::NodeFit& fit) {
  std::string out;
  for (const auto& e : fit.exclusions) out += e.describe() + ";";
  return out;
}

}  // namespace

TEST_CASE("placement model: reasons name the missing label, the differing label and the taint", "[placement]") {
  auto toml = edit(kBase, "name = \"node2\"\n", "name = \"node2\"\nlabels = { role = \"storage\" }\n");
  toml = edit(toml, "name = \"node3\"\n",
              "name = \"node3\"\nlabels = { role = \"broker\" }\ntaints = [{ key = \"spot\", effect = \"NoExecute\" }, "
              "{ key = \"soft\", effect = \"PreferNoSchedule\" }]\n");
  toml = append(toml, "[broker]\nreplicas = 1\nnode_selector = { role = \"broker\" }\n");
  const auto [owner, model] = model_of(toml);
  const auto& broker = model.of(Component::broker);
  REQUIRE(broker.nodes.size() == 3);
  CHECK(reasons(broker.nodes[0]) == "lacks label role=broker;");
  CHECK(reasons(broker.nodes[1]) == "label role=storage, not broker;");
  // PreferNoSchedule never excludes a node.
  CHECK(reasons(broker.nodes[2]) == "taint spot:NoExecute not tolerated;");
  CHECK(broker.nodes[2].exclusions[0].short_code() == "taint");
  CHECK(broker.eligible_count == 0);
  CHECK(broker.verdict == Verdict::unschedulable);
  CHECK(broker.anti_affinity == AntiAffinity::preferred);
}

TEST_CASE("placement model: pinned replicas, anti-affinity defaults and verdicts", "[placement]") {
  auto toml = edit(kBase, "name = \"node3\"\n",
                   "name = \"node3\"\ntaints = [{ key = \"d\", value = \"x\", effect = \"NoSchedule\" }]\n");
  toml = append(toml, "[proxy]\nreplicas = 3\n\n[toolset]\nreplicas = 5\n\n[autorecovery]\nanti_affinity = false\n");
  const auto [owner, model] = model_of(toml);
  const auto& zk = model.of(Component::zookeeper);
  REQUIRE(zk.pinned.size() == 3);
  CHECK(zk.pinned[2].node->name.value == "node3");
  CHECK(zk.nodes[2].pinned == std::vector<std::size_t>{2});
  CHECK(zk.verdict == Verdict::unschedulable);  // replica 2 on a node whose taint it does not tolerate
  CHECK(zk.anti_affinity == AntiAffinity::required);
  CHECK(model.of(Component::proxy).verdict == Verdict::pending);  // 3 required, 2 eligible
  CHECK(model.of(Component::toolset).verdict == Verdict::ok);     // no anti-affinity: 5 fit on 2
  CHECK(model.of(Component::toolset).anti_affinity == AntiAffinity::none);
  CHECK(model.of(Component::autorecovery).anti_affinity == AntiAffinity::none);
  CHECK(model.of(Component::manager).replicas == 0);
  CHECK(model.of(Component::manager).verdict == Verdict::ok);
}

TEST_CASE("placement JSON has the spec's shape and chart names", "[placement][json]") {
  const auto [owner, model] = model_of(append(kBase, "[broker]\nnode_selector = { a = \"b\" }\n"));
  const auto json = pulsarc::cli::render_placement_json(model, owner->config);
  CHECK(json.starts_with(R"({"nodes":["node1","node2","node3"],"components":[{"name":"zookeeper","replicas":3,)"
                         R"("anti_affinity":"required","eligible":["node1","node2","node3"],)"
                         R"("pinned":{"0":"node1","1":"node2","2":"node3"},"ineligible":{},"verdict":"ok"})"));
  CHECK(json.find(R"({"name":"broker","replicas":3,"anti_affinity":"preferred","eligible":[],"pinned":{},)"
                  R"("ineligible":{"node1":"lacks label a=b","node2":"lacks label a=b","node3":"lacks label a=b"},)"
                  R"("verdict":"unschedulable"})") != std::string::npos);
  CHECK(json.find(R"("name":"pulsar_manager")") != std::string::npos);
}

TEST_CASE("placement table groups identical rows beyond the threshold", "[placement]") {
  std::string toml(kBase);
  std::string nodes;
  for (int i = 4; i <= 60; ++i) nodes += fmt::format("[[nodes]]\nname = \"w{}\"\n\n", i);
  toml = edit(toml, "[zookeeper]\n", nodes + "[zookeeper]\n");
  const auto [owner, model] = model_of(toml);
  const auto text = pulsarc::cli::render_placement_text(model, owner->config, false);
  // node1..3 hold pinned replicas (one group), w4..w60 are alike (another): two rows.
  CHECK(text.find("node1 +2") != std::string::npos);
  CHECK(text.find("w4 +56") != std::string::npos);
  CHECK(text.find("w5 ") == std::string::npos);
}

TEST_CASE("byte_offset counts columns in code points", "[fix]") {
  const std::string text = "a = \"é€\"\nb = 1\n";  // é is 2 bytes, € 3
  CHECK(pulsarc::byte_offset(text, 1, 1) == 0u);
  CHECK(pulsarc::byte_offset(text, 1, 7) == 7u);   // €
  CHECK(pulsarc::byte_offset(text, 1, 8) == 10u);  // the closing quote
  CHECK(pulsarc::byte_offset(text, 1, 9) == 11u);  // one past the end of the line
  CHECK(pulsarc::byte_offset(text, 2, 1) == 12u);
  CHECK_FALSE(pulsarc::byte_offset(text, 1, 10));
  CHECK_FALSE(pulsarc::byte_offset(text, 4, 1));
}

TEST_CASE("toml++ columns are code points: a fix after non-ASCII text lands right", "[fix]") {
  // The misspelt key follows non-ASCII text on the same line.
  const auto toml = edit(kBase, "data = { path = \"/data/zookeeper\", size = \"10Gi\" }",
                         "data = { path = \"/dätä€\", siz = \"10Gi\" }");
  auto diagnostics = pulsarc::parse(toml).diagnostics;
  std::erase_if(diagnostics, [](const pulsarc::Diagnostic& d) { return d.code != "PLS0002"; });
  REQUIRE(diagnostics.size() == 1);
  REQUIRE(diagnostics[0].fixes.size() == 1);
  const auto fixed = pulsarc::apply_fixes(toml, diagnostics);
  CHECK(fixed.text == edit(toml, "siz = ", "size = "));
}

TEST_CASE("apply_fixes: overlapping edits of different diagnostics are all dropped", "[fix]") {
  const std::string text = "abcdef\n";
  pulsarc::Diagnostic a, b, c, d;
  a.code = b.code = c.code = d.code = "PLS0002";
  a.fixes = {{pulsarc::Span{1, 1, 1, 3}, "X"}};
  b.fixes = {{pulsarc::Span{1, 2, 1, 4}, "Y"}};  // overlaps a
  c.fixes = {{pulsarc::Span{1, 5, 1, 6}, "Z"}};
  d.fixes = {{pulsarc::Span{1, 5, 1, 6}, "Z"}};  // the same edit as c: applied once
  const auto result = pulsarc::apply_fixes(text, {a, b, c, d});
  CHECK(result.text == "abcdZf\n");
  CHECK(result.applied.size() == 2);
  CHECK(result.conflicts.size() == 2);
}
