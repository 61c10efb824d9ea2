// PLS0501: one diagnostic per cause, not per replica. A selector label that none of a component's
// nodes carries is the selector's fault (primary span: the selector entry); one that only some
// nodes lack is those nodes' fault (primary span: the node, with a fix-it adding the label). An
// untolerated taint points at the tolerations in effect (or the component's table), with a fix-it
// when the toleration can be added to the component's own inline array.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "check/rules/rules.hpp"
#include "pulsarc/spelling.hpp"

namespace pulsarc::checker {
namespace {

/// One cause, with the replicas it affects.
struct Cause {
  Span primary;
  std::string subject;  ///< e.g. `label role=pulsar` or `taint maintenance:NoExecute`
  std::vector<std::string> components;
  std::vector<Label> notes;
  std::string message_tail;
  std::string help;
  std::vector<Edit> fixes;
  bool fixable = true;               ///< false once some affected replica has no certain fix
  std::string toleration;            ///< taint causes: the toleration to add
  std::vector<std::string> targets;  ///< taint causes: where to add it, e.g. `zookeeper.tolerations`
};

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// A TOML key: bare when it may be, else a basic string.
std::string toml_key(std::string_view key) {
  const bool bare = !key.empty() && std::ranges::all_of(key, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
  return bare ? std::string(key) : quoted(key);
}

bool plain_text(std::string_view text) {
  return std::ranges::all_of(text, [](char c) { return static_cast<unsigned char>(c) >= 0x20 && c != 0x7f; });
}

std::string toleration_text(const Taint& taint) {
  const auto effect = spell(taint.effect.value);
  // A taint without a value is tolerated idiomatically with Exists, not Equal "".
  return taint.value
             ? fmt::format("{{ key = {}, operator = \"Equal\", value = {}, effect = \"{}\" }}", quoted(taint.key.value),
                           quoted(taint.value->value), effect)
             : fmt::format("{{ key = {}, operator = \"Exists\", effect = \"{}\" }}", quoted(taint.key.value), effect);
}

Span point(std::uint32_t line, std::uint32_t column) {
  return Span{line, column, line, column};
}

/// The edit adding `wanted` to the node's labels, when certain: into a one-line inline table, or
/// as a new line after `name = …` when the node has no labels and is a [[nodes]] table.
std::vector<Edit> add_label_fix(const Node& node, const KeyValue& wanted) {
  if (!plain_text(wanted.key.value) || !plain_text(wanted.value.value)) return {};
  const std::string entry = fmt::format("{} = {}", toml_key(wanted.key.value), quoted(wanted.value.value));
  if (!node.labels_span.known()) {
    // The table header is on its own line, so `name = …` is alone on its line (bar a comment).
    if (!node.name.span.known() || node.span.line == node.name.span.line) return {};
    return {{point(node.name.span.end_line + 1, 1), fmt::format("labels = {{ {} }}\n", entry)}};
  }
  const Span& s = node.labels_span;
  if (s.line != s.end_line) return {};
  const bool all_inside = std::ranges::all_of(node.labels, [&](const KeyValue& kv) {
    return kv.key.span.line == s.line && kv.value.span.line == s.line && kv.key.span.column > s.column &&
           kv.value.span.end_column < s.end_column;
  });
  if (!all_inside) return {};
  if (node.labels.empty())
    return s.end_column == s.column + 2 ? std::vector<Edit>{{s, fmt::format("{{ {} }}", entry)}} : std::vector<Edit>{};
  const auto last = std::ranges::max_element(node.labels, {}, [](const KeyValue& kv) { return kv.value.span; });
  return {{point(last->value.span.end_line, last->value.span.end_column), ", " + entry}};
}

/// The edit adding a toleration of `taint` to the component's own one-line inline array, or a new
/// `tolerations` line after `nodes = [...]` when no tolerations are set anywhere.
std::vector<Edit> add_toleration_fix(const RuleContext& context, Component component, const Taint& taint) {
  if (!plain_text(taint.key.value) || (taint.value && !plain_text(taint.value->value))) return {};
  const auto& own = context.own_placement(component);
  const std::string text = toleration_text(taint);
  if (own.tolerations) {
    const Span& s = own.tolerations_span;
    if (!s.known() || s.line != s.end_line) return {};
    if (own.tolerations->empty()) {
      return s.end_column == s.column + 2 ? std::vector<Edit>{{s, fmt::format("[{}]", text)}} : std::vector<Edit>{};
    }
    const bool all_inside = std::ranges::all_of(*own.tolerations, [&](const Toleration& t) {
      return t.span.line == s.line && t.span.end_line == s.line && t.span.column > s.column &&
             t.span.end_column < s.end_column;
    });
    if (!all_inside) return {};
    const auto last = std::ranges::max_element(*own.tolerations, {}, &Toleration::span);
    return {{point(last->span.end_line, last->span.end_column), ", " + text}};
  }
  if (!context.config.scheduling.tolerations.empty()) return {};  // own tolerations would replace these
  const Span& nodes =
      component == Component::zookeeper ? context.config.zookeeper.nodes_span : context.config.bookkeeper.nodes_span;
  if (!nodes.known() || nodes.line == context.component_span(component).line) return {};
  return {{point(nodes.end_line + 1, 1), fmt::format("tolerations = [{}]\n", text)}};
}

std::string replica_list(const std::vector<std::pair<std::string, std::size_t>>& replicas) {
  std::string out;
  for (std::size_t i = 0; i < replicas.size(); ++i) {
    if (i) out += i + 1 == replicas.size() ? " and " : ", ";
    out += fmt::format("{} replica {}", replicas[i].first, replicas[i].second);
  }
  return out;
}

void run(const RuleContext& context, Diagnostics& out) {
  const auto& model = context.placement_model();
  // Keyed by (primary span, subject) so that zookeeper and bookies sharing a cause share one error.
  std::map<std::pair<Span, std::string>, Cause> causes;
  std::map<std::pair<Span, std::string>, std::vector<std::pair<std::string, std::size_t>>> replicas;
  std::map<std::string, Span> first_taint;  ///< the first declaration of each taint
  for (Component component : {Component::zookeeper, Component::bookkeeper}) {
    const auto& cp = model.of(component);
    const auto placement = context.placement(component);
    const auto name = component_name(component);
    // Declared pinned nodes; a label missing on all of them is the selector's fault.
    std::size_t declared = 0;
    for (const auto& pinned : cp.pinned) declared += pinned.node ? 1 : 0;
    for (const auto& pinned : cp.pinned) {
      if (!pinned.node) continue;  // PLS0111
      const auto& fit = cp.nodes[static_cast<std::size_t>(pinned.node - context.config.nodes.data())];
      for (const auto& exclusion : fit.exclusions) {
        Cause cause;
        std::string note;
        Span note_span = pinned.node->name.span;
        if (exclusion.kind != Exclusion::Kind::untolerated_taint) {
          const auto& wanted = *exclusion.wanted;
          const auto lacking = std::ranges::count_if(cp.pinned, [&](const PinnedReplica& p) {
            if (!p.node) return false;
            const auto& f = cp.nodes[static_cast<std::size_t>(p.node - context.config.nodes.data())];
            return std::ranges::any_of(f.exclusions, [&](const Exclusion& e) { return e.wanted == &wanted; });
          });
          cause.subject = fmt::format("label {}={}", wanted.key.value, wanted.value.value);
          if (static_cast<std::size_t>(lacking) == declared && declared > 1) {
            cause.primary = wanted.key.span;
            cause.message_tail =
                fmt::format("the node selector requires {}, which none of the nodes carries", cause.subject);
            cause.help =
                fmt::format("fix the node selector entry {} (or add the label to the nodes)", wanted.key.value);
            note = fmt::format("node \"{}\" {}", pinned.node->name.value, exclusion.describe());
          } else {
            cause.primary = pinned.node->labels_span.known() ? pinned.node->labels_span : pinned.node->name.span;
            cause.subject += fmt::format(" on node {}", pinned.node->name.value);
            cause.message_tail =
                fmt::format("node \"{}\" does not match the node selector's {}={} ({})", pinned.node->name.value,
                            wanted.key.value, wanted.value.value, exclusion.describe());
            cause.help = fmt::format("add {} = \"{}\" to the labels of node \"{}\"", wanted.key.value,
                                     wanted.value.value, pinned.node->name.value);
            // A differing value is not certainly the node's mistake (and a second key would be invalid).
            if (exclusion.kind == Exclusion::Kind::missing_label) cause.fixes = add_label_fix(*pinned.node, wanted);
            note = "the node selector requires it here";
            note_span = wanted.key.span;
          }
        } else {
          const auto& taint = *exclusion.taint;
          cause.subject = fmt::format("taint {}", taint_text(taint));
          const bool own = context.own_placement(component).tolerations.has_value();
          // No tolerations written anywhere: the cause is the taint, whichever components it keeps out.
          const auto first = first_taint.try_emplace(cause.subject, taint.span).first->second;
          cause.primary = placement.tolerations_span.known() ? placement.tolerations_span : first;
          cause.message_tail = fmt::format("nothing in effect tolerates the {}", cause.subject);
          cause.toleration = toleration_text(taint);
          cause.targets.push_back(fmt::format("{}.tolerations", own || context.config.scheduling.tolerations.empty()
                                                                    ? std::string(name)
                                                                    : std::string("scheduling")));
          cause.fixes = add_toleration_fix(context, component, taint);
          note = fmt::format("node \"{}\" has the taint {}", pinned.node->name.value, taint_text(taint));
          note_span = taint.span;
          if (cause.primary == taint.span) note = fmt::format("{}.tolerations do not tolerate it", name);
          if (cause.primary == taint.span) note_span = context.component_span(component);
        }
        const auto key = std::make_pair(cause.primary, cause.subject);
        const std::vector<Edit> fixes = cause.fixes;
        auto [it, inserted] = causes.try_emplace(key, std::move(cause));
        auto& entry = it->second;
        if (!inserted && entry.fixable) {
          // The same cause in another component: its fix must be certain too, or none is applied.
          if (fixes.empty()) {
            entry.fixable = false;
            entry.fixes.clear();
          }
          for (const auto& fix : fixes) {
            if (std::ranges::find(entry.fixes, fix) == entry.fixes.end()) entry.fixes.push_back(fix);
          }
        }
        if (inserted && fixes.empty()) entry.fixable = false;
        if (std::ranges::find(entry.components, name) == entry.components.end()) entry.components.emplace_back(name);
        if (!inserted && !cause.targets.empty() &&
            std::ranges::find(entry.targets, cause.targets.front()) == entry.targets.end())
          entry.targets.push_back(cause.targets.front());
        const bool same_note =
            std::ranges::any_of(entry.notes, [&](const Label& l) { return l.span == note_span && l.message == note; });
        if (!same_note) entry.notes.push_back({note_span, note});
        entry.notes.push_back({pinned.entry->span, fmt::format("{} replica {} is pinned to node \"{}\" here", name,
                                                               pinned.ordinal, pinned.node->name.value)});
        replicas[key].emplace_back(std::string(name), pinned.ordinal);
      }
    }
  }
  for (auto& [key, cause] : causes) {
    const auto& affected = replicas[key];
    if (!cause.toleration.empty()) {
      std::string where;
      for (std::size_t i = 0; i < cause.targets.size(); ++i)
        where += fmt::format("{}{}", i == 0 ? "" : i + 1 == cause.targets.size() ? " and " : ", ", cause.targets[i]);
      cause.help = fmt::format("add {} to {}", cause.toleration, where);
    }
    auto d = kPinnedEligibleRule.diagnose(
        cause.primary,
        fmt::format("{} cannot run on the node{} {} pinned to: {}", replica_list(affected),
                    affected.size() == 1 ? "" : "s", affected.size() == 1 ? "it is" : "they are", cause.message_tail),
        cause.help);
    add_capped_notes(d, std::move(cause.notes));
    d.fixes = std::move(cause.fixes);
    out.push_back(std::move(d));
  }
}

}  // namespace

const Rule kPinnedEligibleRule{
    {"PLS0501", Severity::error, "pinned replicas must be schedulable on their node",
     "A ZooKeeper replica or bookie is bound to its node by a local PersistentVolume. The node must\n"
     "carry every label of the component's node selector, and the component must tolerate each of\n"
     "the node's NoSchedule and NoExecute taints; otherwise the pod stays Pending forever.\n"
     "One error per cause: a selector label that none of the nodes carries points at the selector,\n"
     "one that some nodes lack points at those nodes, an untolerated taint at the tolerations."},
    run};

}  // namespace pulsarc::checker
