#include <fmt/format.h>

#include "check/rules/rules.hpp"
#include "diagnostics/suggest.hpp"

namespace pulsarc::checker {
namespace {

void check_list(const RuleContext& context, const std::vector<Located<std::string>>& list, std::string_view what,
                Diagnostics& out) {
  std::vector<std::string_view> declared;
  for (const auto& node : context.config.nodes) declared.push_back(node.name.value);
  for (const auto& name : list) {
    if (context.find_node(name.value)) continue;
    auto d = kUndeclaredNodeRule.diagnose(
        name.span, fmt::format("{} uses node \"{}\", which no [[nodes]] entry declares", what, name.value),
        "add a [[nodes]] entry with this name, or use a declared node");
    if (auto suggestion = closest_match(name.value, declared))
      d.help = fmt::format("did you mean \"{}\"?", *suggestion);
    out.push_back(std::move(d));
  }
}

void run(const RuleContext& context, Diagnostics& out) {
  check_list(context, context.config.zookeeper.nodes, "zookeeper.nodes", out);
  check_list(context, context.config.bookkeeper.nodes, "bookkeeper.nodes", out);
}

}  // namespace

const Rule kUndeclaredNodeRule{
    {"PLS0111", Severity::error, "pinned replicas must use declared nodes",
     "zookeeper.nodes and bookkeeper.nodes pin each replica's local volume to a node. The node must\n"
     "be declared in [[nodes]] so that pulsarc knows its labels and taints and can check that the\n"
     "replica can be scheduled there."},
    run};

}  // namespace pulsarc::checker
