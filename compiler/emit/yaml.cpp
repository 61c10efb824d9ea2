#include "pulsarc/yaml.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace pulsarc::yaml {

Node Node::str(std::string value) {
  Node n = of(Kind::string);
  n.string = std::move(value);
  return n;
}
Node Node::num(std::int64_t value) {
  Node n = of(Kind::integer);
  n.integer = value;
  return n;
}
Node Node::real(double value) {
  Node n = of(Kind::floating);
  n.floating = value;
  return n;
}
Node Node::flag(bool value) {
  Node n = of(Kind::boolean);
  n.boolean = value;
  return n;
}

Node& Node::set(std::string_view key, Node value) {
  for (auto& [k, v] : entries) {
    if (k == key) return v = std::move(value);
  }
  return entries.emplace_back(std::string(key), std::move(value)).second;
}

Node& Node::at(std::string_view key) {
  for (auto& [k, v] : entries) {
    if (k == key) return v;
  }
  return entries.emplace_back(std::string(key), map()).second;
}

const Node* Node::find(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k == key) return &v;
  }
  return nullptr;
}

Node& Node::push(Node value) {
  return items.emplace_back(std::move(value));
}

void deep_merge(Node& base, const Node& patch) {
  if (base.kind != Node::Kind::mapping || patch.kind != Node::Kind::mapping) {
    base = patch;
    return;
  }
  for (const auto& [key, value] : patch.entries) {
    Node* existing = nullptr;
    for (auto& [k, v] : base.entries) {
      if (k == key) existing = &v;
    }
    if (existing) {
      deep_merge(*existing, value);
    } else {
      base.entries.emplace_back(key, value);
    }
  }
}

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return (x | 0x20) == (y | 0x20); });
}

bool is_plain_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '/';
}

bool is_plain_inner(char c) {
  return is_plain_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':' || c == '@' || c == '+' ||
         c == '=';
}

}  // namespace

bool needs_quotes(std::string_view text) {
  if (text.empty() || !is_plain_start(text.front()) || text.back() == ':') return true;
  if (!std::all_of(text.begin(), text.end(), is_plain_inner)) return true;
  // YAML 1.1 booleans and nulls that a plain scalar would turn into another type.
  static constexpr std::array<std::string_view, 11> kReserved = {"y",    "n",     "yes",  "no",  "on", "off",
                                                                 "true", "false", "null", "nan", "inf"};
  return std::ranges::any_of(kReserved, [&](std::string_view r) { return equals_ignoring_case(text, r); });
}

namespace {

void write_quoted(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02X}", c);
        } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
          // C1 controls (U+0080..U+009F): Go's yaml (Helm) refuses them raw, and NEL is a line break to
          // YAML 1.1 readers. \xNN, not \N: yaml-cpp decodes \N to a lone 0x85 byte.
          out += fmt::format("\\x{:02X}", static_cast<unsigned char>(text[i + 1]));
          ++i;
        } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
                    static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
          out += static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "\\L" : "\\P";
          i += 2;
        } else if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBB &&
                   static_cast<unsigned char>(text[i + 2]) == 0xBF) {
          out += "\\uFEFF";  // a byte-order mark would be dropped by readers
          i += 2;
        } else if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
                   (static_cast<unsigned char>(text[i + 2]) == 0xBE ||
                    static_cast<unsigned char>(text[i + 2]) == 0xBF)) {
          out +=
              static_cast<unsigned char>(text[i + 2]) == 0xBE ? "\\uFFFE" : "\\uFFFF";  // non-characters: refused raw
          i += 2;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void write_scalar_text(std::string& out, std::string_view text) {
  if (needs_quotes(text)) {
    write_quoted(out, text);
  } else {
    out += text;
  }
}

void write_float(std::string& out, double value) {
  if (std::isnan(value)) {
    out += ".nan";
  } else if (std::isinf(value)) {
    out += value > 0 ? ".inf" : "-.inf";
  } else {
    auto text = fmt::format("{}", value);
    if (text.find_first_of(".e") == std::string::npos) text += ".0";
    out += text;
  }
}

bool is_block(const Node& n) {
  return (n.kind == Node::Kind::mapping && !n.entries.empty()) || (n.kind == Node::Kind::sequence && !n.items.empty());
}

void write_inline(std::string& out, const Node& n) {
  switch (n.kind) {
    case Node::Kind::null: out += "null"; break;
    case Node::Kind::boolean: out += n.boolean ? "true" : "false"; break;
    case Node::Kind::integer: out += fmt::format("{}", n.integer); break;
    case Node::Kind::floating: write_float(out, n.floating); break;
    case Node::Kind::string: write_scalar_text(out, n.string); break;
    case Node::Kind::sequence: out += "[]"; break;
    case Node::Kind::mapping: out += "{}"; break;
  }
}

int key_rank(std::string_view key, bool top_level) {
  if (!top_level) return 3;
  if (key == "apiVersion") return 0;
  if (key == "kind") return 1;
  if (key == "metadata") return 2;
  return 3;
}

std::vector<const std::pair<std::string, Node>*> canonical_order(const Node& map, bool top_level) {
  std::vector<const std::pair<std::string, Node>*> order;
  order.reserve(map.entries.size());
  for (const auto& entry : map.entries) order.push_back(&entry);
  std::ranges::sort(order, [top_level](const auto* a, const auto* b) {
    const int ra = key_rank(a->first, top_level);
    const int rb = key_rank(b->first, top_level);
    return ra != rb ? ra < rb : a->first < b->first;
  });
  return order;
}

void write_block(std::string& out, const Node& n, std::size_t indent, bool top_level);

// An implicit key may span at most 1024 characters (YAML 1.2 §7.4.2; Go's yaml and the JS yaml
// package enforce it), so a longer key (only possible in chart.values) takes the explicit "? " form.
constexpr std::size_t kMaxImplicitKeyBytes = 1000;

/// Writes `key` and its ':' for an entry whose key starts at column `indent`.
void write_key(std::string& out, std::string_view key, std::size_t indent) {
  std::string text;
  write_scalar_text(text, key);
  if (text.size() > kMaxImplicitKeyBytes) {
    out += "? ";
    out += text;
    out += '\n';
    out += std::string(indent, ' ');
  } else {
    out += text;
  }
  out += ':';
}

void write_value_after_key(std::string& out, const Node& value, std::size_t indent) {
  if (is_block(value)) {
    out += '\n';
    write_block(out, value, indent + 2, false);
  } else {
    out += ' ';
    write_inline(out, value);
    out += '\n';
  }
}

void write_block(std::string& out, const Node& n, std::size_t indent, bool top_level) {
  const std::string pad(indent, ' ');
  if (n.kind == Node::Kind::mapping) {
    for (const auto* entry : canonical_order(n, top_level)) {
      out += pad;
      write_key(out, entry->first, indent);
      write_value_after_key(out, entry->second, indent);
    }
    return;
  }
  for (const auto& item : n.items) {
    out += pad;
    if (item.kind == Node::Kind::sequence && !item.items.empty()) {
      // A bare dash: "- " before the line break would be trailing whitespace, which hooks strip.
      out += "-\n";
      write_block(out, item, indent + 2, false);
      continue;
    }
    out += "- ";
    if (item.kind == Node::Kind::mapping && !item.entries.empty()) {
      // The first key shares the dash's line; the rest align under it.
      bool first = true;
      for (const auto* entry : canonical_order(item, false)) {
        if (!first) out += std::string(indent + 2, ' ');
        first = false;
        write_key(out, entry->first, indent + 2);
        write_value_after_key(out, entry->second, indent + 2);
      }
    } else {
      write_inline(out, item);
      out += '\n';
    }
  }
}

}  // namespace

void write_document(std::string& out, const Node& document) {
  if (is_block(document)) {
    write_block(out, document, 0, true);
  } else {
    write_inline(out, document);
    out += '\n';
  }
}

}  // namespace pulsarc::yaml
