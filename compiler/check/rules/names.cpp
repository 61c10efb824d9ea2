#include <fmt/format.h>

#include "check/rules/rules.hpp"
#include "check/syntax.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& c = context.config;
  auto label = [&](const Located<std::string>& name, std::string_view what) {
    if (is_dns1123_label(name.value)) return;
    out.push_back(kNamesRule.diagnose(name.span, fmt::format("{} \"{}\" is not a DNS-1123 label", what, name.value),
                                      "use at most 63 lowercase letters, digits and '-', starting and ending "
                                      "with a letter or digit"));
  };
  label(c.cluster.release, "cluster.release");
  label(c.cluster.namespace_, "cluster.namespace");
  if (!is_dns1123_subdomain(c.storage.class_name.value)) {
    out.push_back(
        kNamesRule.diagnose(c.storage.class_name.span,
                            fmt::format("storage.class \"{}\" is not a DNS-1123 subdomain", c.storage.class_name.value),
                            "use lowercase letters, digits, '-' and '.', e.g. \"local-storage\""));
  }
  for (const auto& node : c.nodes) {
    if (!is_dns1123_subdomain(node.name.value)) {
      out.push_back(kNamesRule.diagnose(
          node.name.span, fmt::format("node name \"{}\" is not a DNS-1123 subdomain", node.name.value),
          "use the name `kubectl get nodes` shows: lowercase letters, digits, '-' and '.'"));
    }
  }
}

}  // namespace

const Rule kNamesRule{
    {"PLS0101", Severity::error, "names must be valid Kubernetes object names",
     "cluster.release and cluster.namespace must be DNS-1123 labels (lowercase alphanumerics and '-',\n"
     "at most 63 characters), because they become object names and label values; node names and\n"
     "storage.class must be DNS-1123 subdomains. Kubernetes would refuse the objects otherwise."},
    run};

}  // namespace pulsarc::checker
