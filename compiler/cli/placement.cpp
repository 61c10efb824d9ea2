#include "cli/placement.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "check/rule.hpp"
#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "diagnostics/render.hpp"
#include "pulsarc/pipeline.hpp"

namespace pulsarc::cli {
namespace {

using checker::ComponentPlacement;
using checker::NodeFit;

/// Column headers: short enough that seven columns fit a terminal.
std::string_view header(Component component) {
  switch (component) {
    case Component::zookeeper: return "zookeeper";
    case Component::bookkeeper: return "bookie";
    case Component::broker: return "broker";
    case Component::proxy: return "proxy";
    case Component::autorecovery: return "autorec";
    case Component::toolset: return "toolset";
    case Component::manager: return "manager";
  }
  return "";
}

/// A cell: `yes`, `#0` (replica 0 pinned here), `-L` (label), `-T` (taint), `-LT`; a pinned
/// replica on a node it cannot use shows both (`#0 -T`). Short, so that seven columns fit 80
/// characters; the reasons are spelt out below the table.
std::string cell(const NodeFit& fit) {
  std::string out;
  for (auto ordinal : fit.pinned) out += fmt::format("{}#{}", out.empty() ? "" : ",", ordinal);
  if (fit.eligible()) return out.empty() ? "yes" : out;
  const bool label = std::ranges::any_of(fit.exclusions, [](const auto& e) { return e.short_code() == "label"; });
  const bool taint = std::ranges::any_of(fit.exclusions, [](const auto& e) { return e.short_code() == "taint"; });
  const std::string why = fmt::format("-{}{}", label ? "L" : "", taint ? "T" : "");
  return out.empty() ? why : out + " " + why;
}

std::string reasons(const NodeFit& fit) {
  std::string out;
  for (const auto& e : fit.exclusions) out += (out.empty() ? "" : "; ") + e.describe();
  return out;
}

std::string names_list(const std::vector<std::string_view>& names) {
  constexpr std::size_t kShown = 12;
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kShown; ++i) out += fmt::format("{}{}", i ? ", " : "", names[i]);
  if (names.size() > kShown) out += fmt::format(" … ({} more)", names.size() - kShown);
  return out;
}

}  // namespace

std::string render_placement_json(const checker::PlacementModel& model, const Config& config) {
  std::string out = "{\"nodes\":[";
  for (std::size_t i = 0; i < config.nodes.size(); ++i)
    out += fmt::format("{}{}", i ? "," : "", json_quote(config.nodes[i].name.value));
  out += "],\"components\":[";
  for (std::size_t c = 0; c < model.components.size(); ++c) {
    const auto& cp = model.components[c];
    out += fmt::format(R"({}{{"name":"{}","replicas":{},"anti_affinity":"{}","eligible":[)", c ? "," : "",
                       checker::chart_component_name(cp.component), cp.replicas,
                       checker::anti_affinity_name(cp.anti_affinity));
    bool first = true;
    for (const auto& fit : cp.nodes) {
      if (!fit.eligible()) continue;
      out += fmt::format("{}{}", first ? "" : ",", json_quote(fit.node->name.value));
      first = false;
    }
    out += "],\"pinned\":{";
    for (std::size_t i = 0; i < cp.pinned.size(); ++i)
      out += fmt::format(R"({}"{}":{})", i ? "," : "", cp.pinned[i].ordinal, json_quote(cp.pinned[i].entry->value));
    out += "},\"ineligible\":{";
    first = true;
    for (const auto& fit : cp.nodes) {
      if (fit.eligible()) continue;
      out += fmt::format("{}{}:{}", first ? "" : ",", json_quote(fit.node->name.value), json_quote(reasons(fit)));
      first = false;
    }
    out += fmt::format(R"(}},"verdict":"{}"}})", checker::verdict_name(cp.verdict));
  }
  return out + "]}\n";
}

std::string render_placement_text(const checker::PlacementModel& model, const Config& config, bool markdown) {
  // Rows: one per node, or beyond the threshold one per group of nodes whose cells are equal once
  // pinned ordinals are dropped (a thousand bookie nodes are one row).
  const bool grouped = config.nodes.size() > kPlacementGroupThreshold;
  struct Row {
    std::string label;
    std::vector<std::string> cells;
    std::size_t count = 0;
  };
  std::vector<Row> rows;
  std::map<std::vector<std::string>, std::size_t> group_of;
  for (std::size_t n = 0; n < config.nodes.size(); ++n) {
    std::vector<std::string> cells;
    for (const auto& cp : model.components) {
      auto text = cell(cp.nodes[n]);
      if (grouped && text.starts_with('#')) {
        const auto space = text.find(' ');
        text = space == std::string::npos ? "pinned" : "pinned" + text.substr(space);
      }
      cells.push_back(std::move(text));
    }
    if (!grouped) {
      rows.push_back({printable_text(config.nodes[n].name.value), std::move(cells), 1});
      continue;
    }
    const auto [it, inserted] = group_of.try_emplace(cells, rows.size());
    if (inserted) rows.push_back({printable_text(config.nodes[n].name.value), cells, 0});
    rows[it->second].count += 1;
  }
  if (grouped) {
    for (auto& row : rows) {
      if (row.count > 1) row.label += fmt::format(" +{}", row.count - 1);
    }
  }
  std::vector<std::string> headers{grouped ? "nodes" : "node"};
  for (const auto& cp : model.components) headers.emplace_back(header(cp.component));
  std::vector<std::size_t> width(headers.size());
  for (std::size_t i = 0; i < headers.size(); ++i) width[i] = headers[i].size();
  for (const auto& row : rows) {
    width[0] = std::max(width[0], row.label.size());
    for (std::size_t i = 0; i < row.cells.size(); ++i) width[i + 1] = std::max(width[i + 1], row.cells[i].size());
  }
  std::string out;
  auto line = [&](const std::string& first, const std::vector<std::string>& rest) {
    if (markdown) {
      out += "| " + first;
      for (const auto& c : rest) out += " | " + c;
      out += " |\n";
      return;
    }
    out += fmt::format("{:<{}}", first, width[0]);
    for (std::size_t i = 0; i < rest.size(); ++i) out += fmt::format("  {:<{}}", rest[i], width[i + 1]);
    while (out.back() == ' ') out.pop_back();
    out += '\n';
  };
  if (markdown) out += "### Placement\n\n";
  line(headers[0], std::vector<std::string>(headers.begin() + 1, headers.end()));
  if (markdown) {
    for (std::size_t i = 0; i < headers.size(); ++i) out += "|---";
    out += "|\n";
  }
  for (const auto& row : rows) line(row.label, row.cells);
  out += "\n";
  out +=
      "yes: eligible; #N: replica N is pinned here; not eligible (reasons below): -L a node selector label is\n"
      "missing or different, -T a taint is not tolerated\n";
  if (grouped)
    out += fmt::format("(more than {} nodes: rows group nodes with the same cells, \"+N\" counts the others)\n",
                       kPlacementGroupThreshold);
  // Reasons, grouped by (components, reason) so that a thousand tainted nodes make one line.
  std::map<std::string, std::vector<std::string_view>> by_reason;
  std::vector<std::string> order;
  for (std::size_t n = 0; n < config.nodes.size(); ++n) {
    std::map<std::string, std::vector<std::string_view>> reasons_here;  // reason -> components
    for (const auto& cp : model.components) {
      for (const auto& e : cp.nodes[n].exclusions) reasons_here[e.describe()].push_back(header(cp.component));
    }
    for (const auto& [reason, components] : reasons_here) {
      std::string key;
      for (auto c : components) key += fmt::format("{}{}", key.empty() ? "" : ", ", c);
      key = fmt::format("{}: {}", key, reason);
      auto [it, inserted] = by_reason.try_emplace(key);
      if (inserted) order.push_back(key);
      it->second.push_back(config.nodes[n].name.value);
    }
  }
  if (!order.empty()) out += markdown ? "\n**Not eligible**\n\n" : "\nnot eligible:\n";
  for (const auto& key : order)
    out += fmt::format("{}{} — {}\n", markdown ? "- " : "  ", printable_text(key),
                       printable_text(names_list(by_reason[key])));
  out += markdown ? "\n| component | replicas | anti-affinity | eligible nodes | verdict |\n|---|---|---|---|---|\n"
                  : "\ncomponent       replicas  anti-affinity  eligible  verdict\n";
  for (const auto& cp : model.components) {
    const auto name = checker::chart_component_name(cp.component);
    if (markdown) {
      out +=
          fmt::format("| {} | {} | {} | {} | {} |\n", name, cp.replicas, checker::anti_affinity_name(cp.anti_affinity),
                      cp.eligible_count, checker::verdict_name(cp.verdict));
    } else {
      out += fmt::format("{:<15} {:>8}  {:<13}  {:>8}  {}\n", name, cp.replicas,
                         checker::anti_affinity_name(cp.anti_affinity), cp.eligible_count,
                         checker::verdict_name(cp.verdict));
    }
  }
  return out;
}

int run_placement(const PlacementOptions& options) {
  auto content = read_file(options.config);
  if (!content.bytes) {
    std::fputs(fmt::format("pulsarc: error: cannot read {}: {}\n", options.config, content.problem).c_str(), stderr);
    return kExitUsage;
  }
  const auto parsed = parse(*content.bytes);
  if (!parsed.config) {
    std::fputs(render_human(parsed.diagnostics, *content.bytes, {options.config, false}).c_str(), stderr);
    return kExitConfig;
  }
  const Config& config = *parsed.config;
  const auto files = read_referenced(config, std::filesystem::path(options.config).parent_path());
  const pulsarc::CheckOptions check_options;
  const auto diagnostics = check(config, files, check_options);
  const checker::RuleContext context(config, files, check_options);
  const auto& model = context.placement_model();
  const auto text = options.format == "json" ? render_placement_json(model, config)
                                             : render_placement_text(model, config, options.format == "markdown");
  std::fputs(text.c_str(), stdout);
  if (!diagnostics.empty())
    std::fputs(render_human(diagnostics, *content.bytes, {options.config, false}).c_str(), stderr);
  return has_errors(diagnostics) ? kExitConfig : kExitOk;
}

}  // namespace pulsarc::cli
