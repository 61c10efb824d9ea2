#include <fmt/format.h>

#include <algorithm>

#include "lower/parts.hpp"
#include "pulsarc/spelling.hpp"

namespace pulsarc::lowering {

std::string shell_quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += '\'';
  return out;
}

std::string nodes_script(const Config& config) {
  std::vector<const Node*> nodes;
  for (const auto& node : config.nodes) nodes.push_back(&node);
  // Sorted by name, so that reordering [[nodes]] does not change the script.
  std::ranges::sort(nodes, {}, [](const Node* n) -> const std::string& { return n->name.value; });

  std::string out =
      "# Labels and taints every declared node. Idempotent: safe to run again.\n"
      "set -euo pipefail\n"
      "kubectl=\"${KUBECTL:-kubectl}\"\n";
  for (const Node* node : nodes) {
    const auto name = shell_quote(node->name.value);
    out += fmt::format("\n# node {}\n", node->name.value);
    if (!node->labels.empty()) {
      out += fmt::format("\"$kubectl\" label node {} --overwrite", name);
      for (const auto& label : node->labels) out += " " + shell_quote(label.key.value + "=" + label.value.value);
      out += '\n';
    }
    for (const auto& taint : node->taints) {
      const std::string value = taint.value ? "=" + taint.value->value : std::string();
      out += fmt::format("\"$kubectl\" taint node {} --overwrite {}\n", name,
                         shell_quote(fmt::format("{}{}:{}", taint.key.value, value, spell(taint.effect.value))));
    }
  }
  return out;
}

std::string install_script(const Config& config, const chart::Profile& profile, const InstallPlan& plan) {
  const auto release = shell_quote(config.cluster.release.value);
  const auto ns = shell_quote(config.cluster.namespace_.value);
  std::string out = fmt::format(
      "# Applies the bundle in order: nodes, cluster objects, secrets, then the Helm chart.\n"
      "# The chart comes from PULSAR_CHART (default apache/pulsar: add the Apache Pulsar chart\n"
      "# repository as \"apache\" first), at the version the values were written for.\n"
      "set -euo pipefail\n"
      "cd \"$(dirname \"$0\")\"\n"
      "kubectl=\"${{KUBECTL:-kubectl}}\"\n"
      "helm=\"${{HELM:-helm}}\"\n"
      "chart=\"${{PULSAR_CHART:-apache/pulsar}}\"\n");
  if (!profile.min_helm.empty()) {
    out += fmt::format(
        "\n"
        "# Chart {0} refuses to render with Helm older than {1}.\n"
        "need_helm={1}\n"
        "have_helm=$(\"$helm\" version --template '{{{{.Version}}}}' | sed 's/^v//')\n"
        "if [ \"$(printf '%s\\n%s\\n' \"$need_helm\" \"$have_helm\" | sort -V | head -n 1)\" != \"$need_helm\" ]; "
        "then\n"
        "  echo \"install.sh: chart {0} needs Helm $need_helm or newer, found $have_helm\" >&2\n"
        "  exit 1\n"
        "fi\n",
        profile.version, profile.min_helm);
  }
  out +=
      "\n"
      "bash ./nodes.sh\n"
      "\"$kubectl\" apply -k .\n";
  if (plan.prepare_nodes) {
    out +=
        "\n"
        "# Host paths of the local volumes, with the owner the Pulsar image runs as: one Job per node.\n"
        "# Jobs cannot be changed, so earlier ones go first; none is left behind.\n"
        "\"$kubectl\" delete -f node-preparation --ignore-not-found --wait\n"
        "\"$kubectl\" apply -f node-preparation\n"
        "\"$kubectl\" wait --for=condition=complete -f node-preparation --timeout=600s\n"
        "\"$kubectl\" delete -f node-preparation --wait\n";
  }
  if (plan.secrets == SecretsMode::separate) {
    out +=
        "if [ ! -f secrets/kustomization.yaml ]; then\n"
        "  echo 'install.sh: secrets/ is missing; run `pulsarc build` where the key files are, then retry.' >&2\n"
        "  exit 1\n"
        "fi\n"
        "\"$kubectl\" apply -k secrets\n";
  } else if (plan.secrets == SecretsMode::none) {
    out += "# output.secrets = \"none\": the Secrets named in values.yaml must already exist.\n";
  }
  out += fmt::format(
      "\n"
      "# initialize=true creates the cluster metadata; it must run on the first install only.\n"
      "initialize=false\n"
      "if ! \"$helm\" status {0} --namespace {1} >/dev/null 2>&1; then\n"
      "  initialize=true\n"
      "fi\n"
      "\"$helm\" upgrade --install {0} \"$chart\" --version {2} --namespace {1} \\\n"
      "  --values values.yaml --set \"initialize=$initialize\"{3}\n",
      release, ns, shell_quote(profile.version),
      plan.post_render ? " \\\n  --post-renderer \"$PWD/post-render.sh\"" : "");
  return out;
}

}  // namespace pulsarc::lowering
