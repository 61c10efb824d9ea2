// parse: TOML text -> Config. First a strict structural pass driven by the field table (so that
// `pulsarc schema` and the parser agree), then a typed extraction that cannot fail.
#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <cmath>
#include <sstream>

#include "diagnostics/suggest.hpp"
#include "parse/nesting.hpp"
#include "parse/parse_codes.hpp"
#include "parse/schema.hpp"
#include "pulsarc/pipeline.hpp"
#include "pulsarc/spelling.hpp"

namespace pulsarc {
namespace {

using parser::Field;
using parser::FieldType;

inline constexpr std::size_t kMaxInputBytes = 8u << 20;
inline constexpr std::size_t kMaxArrayLength = 100'000;
inline constexpr std::size_t kMaxStringBytes = 64u << 10;
inline constexpr int kMaxFreeDepth = 32;
inline constexpr std::size_t kMaxKeyBytes = 1024;
inline constexpr std::int64_t kMaxExactInteger = std::int64_t{1} << 53;
inline constexpr int kMaxNesting = 64;  // docs/limits.md; chart.values' 32 levels fit well inside
inline constexpr std::size_t kMaxParseDiagnostics = 1000;

Span span_of(const toml::source_region& region) {
  return Span{region.begin.line, region.begin.column, region.end.line, region.end.column};
}

Span span_of(const toml::node& node) {
  return span_of(node.source());
}

Span root_span() {
  return Span{1, 1, 1, 1};
}

Diagnostic make(std::string_view code, Span span, std::string message, std::string help = {}) {
  return Diagnostic{std::string(code), Severity::error, std::move(message), span, {}, std::move(help)};
}

std::string join_allowed(const std::vector<std::string_view>& allowed) {
  std::string out;
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    if (i) out += i + 1 == allowed.size() ? " or " : ", ";
    out += fmt::format("\"{}\"", allowed[i]);
  }
  return out;
}

std::string_view toml_type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time:
      return node.as_date_time()->get().offset ? "an offset date-time" : "a local date-time";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "a value";
  }
}

/// True when no other candidate is as close to `word` as `best`.
bool unique_closest(std::string_view word, std::string_view best, std::span<const std::string_view> candidates) {
  const auto limit = edit_distance(word, best, word.size() + best.size());
  return std::ranges::count_if(candidates,
                               [&](std::string_view c) { return edit_distance(word, c, limit) <= limit; }) == 1;
}

/// True when `span` is one line exactly as wide as `text` (in code points, toml++'s column unit)
/// plus `extra` (2 for the quotes of a string without escapes).
bool spans_exactly(const Span& span, std::string_view text, std::uint32_t extra) {
  const auto code_points =
      std::ranges::count_if(text, [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; });
  return span.known() && span.line == span.end_line &&
         span.end_column == span.column + static_cast<std::uint32_t>(code_points) + extra;
}

/// The structural pass: walks the TOML tree against the field table.
class StructureChecker {
 public:
  explicit StructureChecker(Diagnostics& out) : out_(out) {}

  /// How many problems were found beyond kMaxParseDiagnostics and not reported.
  [[nodiscard]] std::size_t dropped() const { return dropped_; }

  void check_table(const toml::table& table, const Field& field, const std::string& path) {
    std::vector<std::string_view> known;
    for (const auto& child : field.children) known.push_back(child.name);
    for (auto&& [key, value] : table) {
      if (!check_key(key, path)) continue;
      const auto it = std::ranges::find(field.children, key.str(), &Field::name);
      const std::string child_path = path.empty() ? std::string(key.str()) : path + "." + std::string(key.str());
      if (it == field.children.end()) {
        unknown_key(key, child_path, known);
        continue;
      }
      check_value(value, *it, child_path);
    }
    for (const auto& child : field.children) {
      if (child.required && !table.contains(child.name)) {
        const std::string child_path = path.empty() ? std::string(child.name) : path + "." + std::string(child.name);
        const Span where = path.empty() ? root_span() : span_of(table);
        const std::string how = child.type == FieldType::table ? fmt::format("add a [{}] table", child_path)
                                : child.type == FieldType::table_array
                                    ? fmt::format("add [[{}]] entries", child_path)
                                    : fmt::format("add `{} = …`, {}", child.name, parser::type_name(child.type));
        report(make(parser::kMissingKey, where, fmt::format("missing required key `{}`", child_path),
                    fmt::format("{} ({})", how, child.description)));
      }
    }
  }

 private:
  void unknown_key(const toml::key& key, const std::string& path, const std::vector<std::string_view>& known) {
    if (full()) return report({});  // skip the suggestion's cost too
    auto d = make(parser::kUnknownKey, span_of(key.source()), fmt::format("unknown key `{}`", path));
    if (auto suggestion = closest_match(key.str(), known)) {
      d.help = fmt::format("did you mean `{}`?", *suggestion);
      // Certain only for a bare key (the span is exactly its text) and one closest candidate.
      if (unique_closest(key.str(), *suggestion, known) && spans_exactly(d.span, key.str(), 0))
        d.fixes.push_back({d.span, std::string(*suggestion)});
    } else if (known.empty()) {
      d.help = "this table takes no keys";
    } else {
      std::string list;
      for (auto k : known) list += fmt::format("{}`{}`", list.empty() ? "" : ", ", k);
      d.help = fmt::format("known keys here: {}", list);
    }
    report(std::move(d));
  }

  void wrong_type(const toml::node& node, const Field& field, const std::string& path) {
    std::string help = fmt::format("`{}` is {}: {}", field.name, parser::type_name(field.type), field.description);
    if (field.type == FieldType::datetime) help = "write an offset date-time such as 2027-01-01T00:00:00Z";
    report(make(parser::kWrongType, span_of(node),
                fmt::format("`{}` must be {}, found {}", path, parser::type_name(field.type), toml_type_name(node)),
                std::move(help)));
  }

  void check_string(const toml::node& node, const Field& field, const std::string& path) {
    const auto& text = node.as_string()->get();
    if (text.size() > kMaxStringBytes) {
      report(
          make(parser::kTooLarge, span_of(node), fmt::format("`{}` is longer than {} bytes", path, kMaxStringBytes)));
      return;
    }
    if (!field.allowed.empty() && std::ranges::find(field.allowed, text) == field.allowed.end()) {
      auto d = make(parser::kNotAllowed, span_of(node), fmt::format("`{}` cannot be \"{}\"", path, text),
                    fmt::format("use {}", join_allowed(field.allowed)));
      if (auto suggestion = closest_match(text, field.allowed)) {
        d.help = fmt::format("did you mean \"{}\"?", *suggestion);
        // Certain for a one-line string without escapes (the span is the text and two quotes).
        if (unique_closest(text, *suggestion, field.allowed) && spans_exactly(d.span, text, 2))
          d.fixes.push_back({d.span, fmt::format("\"{}\"", *suggestion)});
      }
      report(std::move(d));
    }
  }

  bool check_array_length(const toml::array& array, const std::string& path) {
    if (array.size() <= kMaxArrayLength) return true;
    report(
        make(parser::kTooLarge, span_of(array), fmt::format("`{}` has more than {} elements", path, kMaxArrayLength)));
    return false;
  }

  void check_value(const toml::node& node, const Field& field, const std::string& path) {
    switch (field.type) {
      case FieldType::string:
        if (!node.is_string()) return wrong_type(node, field, path);
        return check_string(node, field, path);
      case FieldType::integer:
        if (!node.is_integer()) return wrong_type(node, field, path);
        return;
      case FieldType::boolean:
        if (!node.is_boolean()) return wrong_type(node, field, path);
        return;
      case FieldType::datetime:
        if (!node.is_date_time() || !node.as_date_time()->get().offset) return wrong_type(node, field, path);
        return;
      case FieldType::table:
        if (!node.is_table()) return wrong_type(node, field, path);
        return check_table(*node.as_table(), field, path);
      case FieldType::free_table:
        if (!node.is_table()) return wrong_type(node, field, path);
        return check_free(node, path, 0);
      case FieldType::table_array: {
        if (!node.is_array()) return wrong_type(node, field, path);
        const auto& array = *node.as_array();
        if (!check_array_length(array, path)) return;
        for (std::size_t i = 0; i < array.size(); ++i) {
          const std::string item_path = fmt::format("{}[{}]", path, i);
          if (!array[i].is_table()) {
            report(make(parser::kWrongType, span_of(array[i]),
                        fmt::format("`{}` must be a table, found {}", item_path, toml_type_name(array[i])),
                        fmt::format("write each entry of `{}` as {{ key = value, … }}", field.name)));
            continue;
          }
          check_table(*array[i].as_table(), field, item_path);
        }
        return;
      }
      case FieldType::string_array: {
        if (!node.is_array()) return wrong_type(node, field, path);
        const auto& array = *node.as_array();
        if (!check_array_length(array, path)) return;
        for (std::size_t i = 0; i < array.size(); ++i) {
          if (!array[i].is_string()) {
            report(make(parser::kWrongType, span_of(array[i]),
                        fmt::format("`{}[{}]` must be a string, found {}", path, i, toml_type_name(array[i])),
                        "write node names as quoted strings"));
          } else {
            check_string(array[i], Field{}, fmt::format("{}[{}]", path, i));
          }
        }
        return;
      }
      case FieldType::string_map: {
        if (!node.is_table()) return wrong_type(node, field, path);
        for (auto&& [key, value] : *node.as_table()) {
          if (!check_key(key, path)) continue;
          const std::string item_path = fmt::format("{}.\"{}\"", path, key.str());
          if (!value.is_string()) {
            report(make(parser::kWrongType, span_of(value),
                        fmt::format("`{}` must be a string, found {}", item_path, toml_type_name(value)),
                        "Kubernetes label values are strings: quote them, e.g. \"true\""));
          } else {
            check_string(value, Field{}, item_path);
          }
        }
        return;
      }
    }
  }

  /// Keys are bounded like strings, far above any real key (Kubernetes' longest is 317 bytes).
  bool check_key(const toml::key& key, const std::string& table_path) {
    if (key.str().size() <= kMaxKeyBytes) return true;
    report(make(parser::kTooLarge, span_of(key.source()),
                fmt::format("a key in `{}` is longer than {} bytes", table_path.empty() ? "pulsar.toml" : table_path,
                            kMaxKeyBytes),
                "shorten the key"));
    return false;
  }

  void check_free(const toml::node& node, const std::string& path, int depth) {
    if (depth > kMaxFreeDepth) {
      report(make(parser::kTooLarge, span_of(node),
                  fmt::format("`{}` is nested deeper than {} levels", path, kMaxFreeDepth)));
      return;
    }
    if (const auto* table = node.as_table()) {
      for (auto&& [key, value] : *table) {
        if (check_key(key, path)) check_free(value, path + "." + std::string(key.str()), depth + 1);
      }
    } else if (const auto* array = node.as_array()) {
      if (!check_array_length(*array, path)) return;
      for (const auto& item : *array) check_free(item, path + "[]", depth + 1);
    } else if (node.is_string() && node.as_string()->get().size() > kMaxStringBytes) {
      report(
          make(parser::kTooLarge, span_of(node), fmt::format("`{}` is longer than {} bytes", path, kMaxStringBytes)));
    } else if (node.is_date() || node.is_time()) {
      report(make(parser::kWrongType, span_of(node),
                  fmt::format("`{}` is {}, which Helm values cannot hold", path, toml_type_name(node)),
                  "quote it to pass it as a string"));
    } else if (const auto* number = node.as_floating_point(); number && !std::isfinite(number->get())) {
      // Helm turns values.yaml into JSON first, which has neither: it would refuse the whole file.
      report(make(parser::kWrongType, span_of(node),
                  fmt::format("`{}` is {}, which Helm values cannot hold", path,
                              std::isnan(number->get()) ? "nan" : "infinite"),
                  "quote it to pass it as a string"));
    } else if (const auto* integer = node.as_integer();
               integer && (integer->get() > kMaxExactInteger || integer->get() < -kMaxExactInteger)) {
      // Helm reads numbers through JSON into float64: beyond 2^53 they silently change.
      report(make(parser::kTooLarge, span_of(node), fmt::format("`{}` is beyond ±2^53, which Helm would round", path),
                  "quote it to pass it as a string"));
    }
  }

  [[nodiscard]] bool full() const { return out_.size() >= kMaxParseDiagnostics; }

  void report(Diagnostic diagnostic) {
    if (full()) {
      ++dropped_;
    } else {
      out_.push_back(std::move(diagnostic));
    }
  }

  Diagnostics& out_;
  std::size_t dropped_ = 0;
};

// ---- typed extraction; runs only on a structurally valid tree ----

Located<std::string> get_string(const toml::table& table, std::string_view key, std::string_view fallback) {
  if (const auto* node = table.get(key)) return {node->as_string()->get(), span_of(*node)};
  return {std::string(fallback), span_of(table)};
}

std::optional<Located<std::string>> get_optional_string(const toml::table& table, std::string_view key) {
  if (const auto* node = table.get(key)) return Located<std::string>{node->as_string()->get(), span_of(*node)};
  return std::nullopt;
}

Located<std::int64_t> get_integer(const toml::table& table, std::string_view key, std::int64_t fallback) {
  if (const auto* node = table.get(key)) return {node->as_integer()->get(), span_of(*node)};
  return {fallback, span_of(table)};
}

Located<bool> get_bool(const toml::table& table, std::string_view key, bool fallback) {
  if (const auto* node = table.get(key)) return {node->as_boolean()->get(), span_of(*node)};
  return {fallback, span_of(table)};
}

/// The defaults come from the field table (parser::default_text), the spellings from
/// pulsarc/spelling.hpp: the structural pass has already refused any other spelling.
template <class Enum>
Located<Enum> get_enum(const toml::table& table, std::string_view key, std::string_view dotted) {
  const Enum fallback = *unspell<Enum>(parser::default_text(dotted));
  const auto* node = table.get(key);
  if (!node) return {fallback, span_of(table)};
  return {unspell<Enum>(node->as_string()->get()).value_or(fallback), span_of(*node)};
}

Located<std::string> get_string(const toml::table& table, std::string_view key, std::string_view fallback);

Located<std::string> get_defaulted(const toml::table& table, std::string_view key, std::string_view dotted) {
  return get_string(table, key, parser::default_text(dotted));
}

const toml::table& table_or_empty(const toml::table& parent, std::string_view key) {
  static const toml::table kEmpty;  // immutable stand-in for an absent table
  const auto* node = parent.get(key);
  return node ? *node->as_table() : kEmpty;
}

std::vector<KeyValue> get_string_map(const toml::table& table) {
  std::vector<KeyValue> out;
  for (auto&& [key, value] : table) {
    out.push_back({{std::string(key.str()), span_of(key.source())}, {value.as_string()->get(), span_of(value)}});
  }
  std::ranges::sort(out, {}, [](const KeyValue& kv) -> const std::string& { return kv.key.value; });
  return out;
}

std::optional<Located<TaintEffect>> get_effect(const toml::table& table) {
  const auto* node = table.get("effect");
  if (!node) return std::nullopt;
  const auto effect = unspell<TaintEffect>(node->as_string()->get());
  return Located<TaintEffect>{effect.value_or(TaintEffect::no_schedule), span_of(*node)};
}

std::vector<Toleration> get_tolerations(const toml::array& array) {
  std::vector<Toleration> out;
  for (const auto& item : array) {
    const auto& t = *item.as_table();
    out.push_back({get_optional_string(t, "key"),
                   get_enum<TolerationOperator>(t, "operator", "scheduling.tolerations.operator"),
                   get_optional_string(t, "value"), get_effect(t), span_of(t)});
  }
  return out;
}

Placement get_placement(const toml::table& table) {
  Placement p;
  if (const auto* node = table.get("node_selector")) {
    p.node_selector = get_string_map(*node->as_table());
    p.node_selector_span = span_of(*node);
  }
  if (const auto* node = table.get("tolerations")) {
    p.tolerations = get_tolerations(*node->as_array());
    p.tolerations_span = span_of(*node);
  }
  if (const auto* node = table.get("anti_affinity"))
    p.anti_affinity = Located<bool>{node->as_boolean()->get(), span_of(*node)};
  if (const auto* node = table.get("resources")) {
    const auto& r = *node->as_table();
    p.resources = Resources{get_optional_string(r, "cpu"), get_optional_string(r, "memory"), span_of(r)};
  }
  return p;
}

Volume get_volume(const toml::table& parent, std::string_view key) {
  const auto& t = table_or_empty(parent, key);
  return {get_string(t, "path", ""), get_string(t, "size", ""), span_of(t)};
}

std::vector<Located<std::string>> get_node_list(const toml::table& table, Span& span) {
  std::vector<Located<std::string>> out;
  const auto* node = table.get("nodes");
  if (!node) {
    span = span_of(table);
    return out;
  }
  span = span_of(*node);
  for (const auto& item : *node->as_array()) out.push_back({item.as_string()->get(), span_of(item)});
  return out;
}

Located<ImageRef> get_image(const toml::node& node) {
  return {ImageRef::of(node.as_string()->get()), span_of(node)};
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  // Howard Hinnant's algorithm: proleptic Gregorian date -> days since 1970-01-01.
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3u : 9u)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::int64_t epoch_seconds(const toml::date_time& dt) {
  const std::int64_t days = days_from_civil(dt.date.year, dt.date.month, dt.date.day);
  const std::int64_t seconds = days * 86400 + dt.time.hour * 3600 + dt.time.minute * 60 + dt.time.second;
  return seconds - (dt.offset ? dt.offset->minutes * 60 : 0);
}

FreeValue get_free(const toml::node& node) {
  FreeValue v;
  v.span = span_of(node);
  if (const auto* table = node.as_table()) {
    v.kind = FreeValue::Kind::table;
    for (auto&& [key, value] : *table) {
      v.entries.emplace_back(Located<std::string>{std::string(key.str()), span_of(key.source())}, get_free(value));
    }
  } else if (const auto* array = node.as_array()) {
    v.kind = FreeValue::Kind::array;
    for (const auto& item : *array) v.items.push_back(get_free(item));
  } else if (const auto* s = node.as_string()) {
    v.kind = FreeValue::Kind::string;
    v.text = s->get();
  } else if (const auto* i = node.as_integer()) {
    v.kind = FreeValue::Kind::integer;
    v.integer = i->get();
  } else if (const auto* f = node.as_floating_point()) {
    v.kind = FreeValue::Kind::floating;
    v.floating = f->get();
  } else if (const auto* b = node.as_boolean()) {
    v.kind = FreeValue::Kind::boolean;
    v.boolean = b->get();
  } else if (const auto* dt = node.as_date_time()) {
    v.kind = FreeValue::Kind::datetime;
    std::ostringstream text;
    text << *dt;
    v.text = text.str();
  }
  return v;
}

int kubernetes_minor(std::string_view text) {
  // "1.MINOR"; anything else becomes 0 and is reported by the check stage.
  if (text.size() < 3 || text.substr(0, 2) != "1.") return 0;
  int minor = 0;
  for (char c : text.substr(2)) {
    if (c < '0' || c > '9' || minor > 1000) return 0;
    minor = minor * 10 + (c - '0');
  }
  return minor;
}

Stateless get_stateless(const toml::table& root, std::string_view key) {
  const auto& t = table_or_empty(root, key);
  return {get_integer(t, "replicas", parser::default_integer(fmt::format("{}.replicas", key))), get_placement(t),
          span_of(t)};
}

Config extract(const toml::table& root) {
  Config c;
  {
    const auto& t = table_or_empty(root, "cluster");
    auto kubernetes = get_defaulted(t, "kubernetes", "cluster.kubernetes");
    c.cluster = {get_string(t, "release", ""),
                 get_string(t, "namespace", ""),
                 get_enum<Profile>(t, "profile", "cluster.profile"),
                 {kubernetes_minor(kubernetes.value), kubernetes.span},
                 span_of(t)};
  }
  {
    const auto& t = table_or_empty(root, "chart");
    c.chart.version = get_string(t, "version", "");
    if (const auto* values = t.get("values")) c.chart.values = get_free(*values);
    c.chart.span = span_of(t);
  }
  {
    const auto& t = table_or_empty(root, "images");
    c.images.registry = get_optional_string(t, "registry");
    if (const auto* n = t.get("pulsar")) c.images.pulsar = get_image(*n);
    if (const auto* n = t.get("manager")) c.images.manager = get_image(*n);
    c.images.pull_policy = get_enum<PullPolicy>(t, "pull_policy", "images.pull_policy");
  }
  if (const auto* nodes = root.get("nodes")) {
    for (const auto& item : *nodes->as_array()) {
      const auto& t = *item.as_table();
      Node n{get_string(t, "name", ""), {}, {}, {}, span_of(t)};
      if (const auto* labels = t.get("labels")) {
        n.labels = get_string_map(*labels->as_table());
        n.labels_span = span_of(*labels);
      }
      if (const auto* taints = t.get("taints")) {
        for (const auto& taint_node : *taints->as_array()) {
          const auto& taint = *taint_node.as_table();
          n.taints.push_back(
              {get_string(taint, "key", ""), get_optional_string(taint, "value"), *get_effect(taint), span_of(taint)});
        }
      }
      c.nodes.push_back(std::move(n));
    }
  }
  {
    const auto& t = table_or_empty(root, "storage");
    c.storage = {get_defaulted(t, "class", "storage.class"),
                 get_enum<ReclaimPolicy>(t, "reclaim_policy", "storage.reclaim_policy")};
  }
  {
    const auto& t = table_or_empty(root, "scheduling");
    c.scheduling.node_selector_span = c.scheduling.tolerations_span = span_of(t);
    if (const auto* n = t.get("node_selector")) {
      c.scheduling.node_selector = get_string_map(*n->as_table());
      c.scheduling.node_selector_span = span_of(*n);
    }
    if (const auto* n = t.get("tolerations")) {
      c.scheduling.tolerations = get_tolerations(*n->as_array());
      c.scheduling.tolerations_span = span_of(*n);
    }
  }
  {
    const auto& t = table_or_empty(root, "zookeeper");
    c.zookeeper.nodes = get_node_list(t, c.zookeeper.nodes_span);
    c.zookeeper.data = get_volume(t, "data");
    if (t.contains("datalog")) c.zookeeper.datalog = get_volume(t, "datalog");
    c.zookeeper.placement = get_placement(t);
    c.zookeeper.span = span_of(t);
  }
  {
    const auto& t = table_or_empty(root, "bookkeeper");
    auto& b = c.bookkeeper;
    b.nodes = get_node_list(t, b.nodes_span);
    b.journal = get_volume(t, "journal");
    b.ledgers = get_volume(t, "ledgers");
    b.ensemble = get_integer(t, "ensemble", parser::default_integer("bookkeeper.ensemble"));
    b.write_quorum = get_integer(t, "write_quorum", parser::default_integer("bookkeeper.write_quorum"));
    b.ack_quorum = get_integer(t, "ack_quorum", parser::default_integer("bookkeeper.ack_quorum"));
    b.placement = get_placement(t);
    b.span = span_of(t);
  }
  c.broker = get_stateless(root, "broker");
  c.proxy = get_stateless(root, "proxy");
  c.autorecovery = get_stateless(root, "autorecovery");
  c.toolset = get_stateless(root, "toolset");
  if (const auto* type = table_or_empty(root, "proxy").get("service_type")) {
    c.proxy_service_type = Located<ServiceType>{*unspell<ServiceType>(type->as_string()->get()), span_of(*type)};
  }
  {
    const auto& t = table_or_empty(root, "auth");
    auto& a = c.auth;
    a.jwt = get_enum<JwtMode>(t, "jwt", "auth.jwt");
    a.private_key = get_optional_string(t, "private_key");
    a.secret_key = get_optional_string(t, "secret_key");
    const auto& su = table_or_empty(t, "superusers");
    a.broker_role = get_defaulted(su, "broker", "auth.superusers.broker");
    a.proxy_role = get_defaulted(su, "proxy", "auth.superusers.proxy");
    a.client_role = get_defaulted(su, "client", "auth.superusers.client");
    a.manager_role = get_string(su, "manager", "");  // empty: the client role
    if (!t.contains("superusers")) a.broker_role.span = a.proxy_role.span = a.client_role.span = span_of(t);
    if (const auto* tokens = t.get("tokens")) {
      for (const auto& item : *tokens->as_array()) {
        const auto& tt = *item.as_table();
        TokenRequest request{get_string(tt, "subject", ""), std::nullopt, span_of(tt)};
        if (const auto* expires = tt.get("expires")) {
          request.expires = Located<std::int64_t>{epoch_seconds(expires->as_date_time()->get()), span_of(*expires)};
        }
        a.tokens.push_back(std::move(request));
      }
    }
    a.span = span_of(t);
  }
  {
    const auto& t = table_or_empty(root, "manager");
    auto& m = c.manager;
    m.enabled = get_bool(t, "enabled", parser::default_boolean("manager.enabled"));
    if (const auto* n = t.get("database")) {
      const auto& d = *n->as_table();
      m.database = Database{
          get_string(d, "host", ""),          get_integer(d, "port", parser::default_integer("manager.database.port")),
          get_string(d, "name", ""),          get_string(d, "user", ""),
          get_string(d, "password_file", ""), span_of(d)};
    }
    if (const auto* n = t.get("admin")) {
      const auto& d = *n->as_table();
      m.admin = ManagerAdmin{get_string(d, "name", ""), get_string(d, "email", ""), get_string(d, "password_file", ""),
                             span_of(d)};
    }
    m.placement = get_placement(t);
    m.span = span_of(t);
  }
  {
    const auto& t = table_or_empty(root, "monitoring");
    c.monitoring = {get_bool(t, "prometheus", parser::default_boolean("monitoring.prometheus")),
                    get_bool(t, "grafana", parser::default_boolean("monitoring.grafana"))};
  }
  {
    const auto& t = table_or_empty(root, "output");
    c.output = {get_defaulted(t, "dir", "output.dir"), get_enum<SecretsMode>(t, "secrets", "output.secrets")};
  }
  return c;
}

}  // namespace

ParseResult parse(std::string_view toml_text) {
  ParseResult result;
  if (toml_text.size() > kMaxInputBytes) {
    result.diagnostics.push_back(make(parser::kTooLarge, root_span(),
                                      fmt::format("pulsar.toml is larger than {} MiB", kMaxInputBytes >> 20),
                                      "a cluster description is far smaller; is this the right file?"));
    return result;
  }
  if (const auto where = parser::find_nesting_beyond(toml_text, kMaxNesting)) {
    // Checked before toml++ parses: it builds (and frees) nested tables recursively.
    result.diagnostics.push_back(
        make(parser::kTooLarge, *where,
             fmt::format("pulsar.toml nests tables and arrays deeper than {} levels", kMaxNesting),
             "a cluster description needs a handful of levels; is this the right file?"));
    return result;
  }
  toml::parse_result parsed = toml::parse(toml_text, std::string_view("pulsar.toml"));
  if (!parsed) {
    const auto& error = parsed.error();
    const auto& begin = error.source().begin;
    const Span at{begin.line, begin.column, begin.line, begin.column};
    result.diagnostics.push_back(make(parser::kSyntax, at.known() ? at : root_span(), std::string(error.description()),
                                      "fix the TOML syntax at this position (see https://toml.io)"));
    return result;
  }
  const toml::table& root = parsed.table();
  StructureChecker checker(result.diagnostics);
  checker.check_table(root, parser::config_schema(), "");
  if (checker.dropped() > 0) {
    // A file with a million unknown keys would otherwise print hundreds of megabytes.
    result.diagnostics.push_back(
        make(parser::kTooLarge, root_span(),
             fmt::format("{} more problems not shown: pulsarc stops after {}", checker.dropped(), kMaxParseDiagnostics),
             "fix the problems shown first; is this the right file?"));
  }
  if (has_errors(result.diagnostics)) {
    sort_diagnostics(result.diagnostics);
    return result;
  }
  result.config = extract(root);
  return result;
}

}  // namespace pulsarc

namespace pulsarc::parser {

std::optional<std::int64_t> parse_offset_datetime(std::string_view text) {
  // Reuse the TOML grammar: RFC 3339 with a mandatory offset is exactly a TOML offset date-time.
  if (text.size() > 64 || text.find_first_of("\n\r#=\"'[]{}") != std::string_view::npos) return std::nullopt;
  const auto doc = toml::parse(fmt::format("t = {}", text));
  if (!doc) return std::nullopt;
  const auto* node = doc.table().get("t");
  if (!node || !node->is_date_time() || !node->as_date_time()->get().offset) return std::nullopt;
  return epoch_seconds(node->as_date_time()->get());
}

}  // namespace pulsarc::parser
