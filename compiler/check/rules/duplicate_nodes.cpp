#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  for (const auto& node : context.config.nodes) {
    const Node* first = context.find_node(node.name.value);
    if (first == &node) continue;
    auto d = kDuplicateNodesRule.diagnose(node.name.span, fmt::format("node \"{}\" is declared twice", node.name.value),
                                          "merge the two [[nodes]] entries into one");
    d.notes.push_back({first->name.span, "first declared here"});
    out.push_back(std::move(d));
  }
}

}  // namespace

const Rule kDuplicateNodesRule{
    {"PLS0110", Severity::error, "node names must be unique",
     "Each [[nodes]] entry describes one Kubernetes node; two entries with one name would apply\n"
     "conflicting labels and taints to the same node."},
    run};

}  // namespace pulsarc::checker
