// A small YAML document tree and its canonical writer. We write YAML ourselves (and read it back
// with yaml-cpp in the tests) because the bytes must be identical everywhere and for every input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pulsarc::yaml {

struct Node {
  enum class Kind { null, boolean, integer, floating, string, sequence, mapping };

  Kind kind = Kind::null;
  bool boolean = false;
  std::int64_t integer = 0;
  double floating = 0;
  std::string string;
  std::vector<Node> items;                            ///< sequence
  std::vector<std::pair<std::string, Node>> entries;  ///< mapping; written in canonical order

  // Declared here and defaulted below the class: clang with libstdc++ otherwise instantiates the
  // vector of (still incomplete) entries while checking default constructibility, and fails.
  Node();

  static Node map() { return of(Kind::mapping); }
  static Node seq() { return of(Kind::sequence); }
  static Node of(Kind kind) {
    Node n;
    n.kind = kind;
    return n;
  }
  static Node str(std::string value);
  static Node num(std::int64_t value);
  static Node real(double value);
  static Node flag(bool value);

  /// Inserts or replaces `key`; returns the stored value.
  Node& set(std::string_view key, Node value);
  /// The value at `key`, created as an empty mapping when absent.
  Node& at(std::string_view key);
  [[nodiscard]] const Node* find(std::string_view key) const;
  Node& push(Node value);
};

inline Node::Node() = default;

/// Overlays `patch` onto `base`: mappings merge key by key, anything else replaces.
void deep_merge(Node& base, const Node& patch);

/// Writes one document: block style, two-space indent, LF. At the top level `apiVersion`, `kind`
/// and `metadata` come first; every other mapping key is sorted by byte value.
void write_document(std::string& out, const Node& document);

/// True when `text` must be quoted to stay a string (e.g. "on", "0123", "1.0", "a: b").
[[nodiscard]] bool needs_quotes(std::string_view text);

}  // namespace pulsarc::yaml
