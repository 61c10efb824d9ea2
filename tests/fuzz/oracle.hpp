// Properties every bundle must have, whatever pulsar.toml holds. Shared by the fuzz targets and by
// tests/unit/regressions_test.cpp (header-only, so both build it without a separate library).
//   - every file path stays inside the bundle directory;
//   - every YAML file reads back (yaml-cpp) to exactly the tree lower produced, with strings still strings;
//   - every kubectl line of nodes.sh decodes (as the shell would split it) to exactly the intended arguments,
//     and install.sh differs from a reference script only inside single-quoted words that hold the
//     release, namespace and chart version;
//   - rendered diagnostics hold no control characters that could drive a terminal.
// Each check returns an empty string when it holds, otherwise what went wrong.
#pragma once

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pulsarc/pipeline.hpp"

namespace pulsarc::fuzz {

// The key material the fuzz targets hand to the pipeline (embedded from tests/keys/ at build time).
extern const std::string_view kRsa2048Der;
extern const std::string_view kRsa2048Pem;
extern const std::string_view kRsa1024Der;
extern const std::string_view kSecret32;

/// What a referenced file holds, decided by its name so that a TOML input alone picks every case:
/// "*.missing" cannot be read, "*.der"/"*.pem" are a 2048-bit RSA key ("*-1024.der" a too-small one),
/// "*.key" is a 32-byte secret, and anything else (a password file) holds its own path as bytes.
inline FileContent supplied_file(std::string_view path) {
  if (path.ends_with(".missing")) return {std::nullopt, "No such file or directory"};
  if (path.ends_with("-1024.der")) return {std::string(kRsa1024Der), {}};
  if (path.ends_with(".der")) return {std::string(kRsa2048Der), {}};
  if (path.ends_with(".pem")) return {std::string(kRsa2048Pem), {}};
  if (path.ends_with(".key")) return {std::string(kSecret32), {}};
  return {std::string(path), {}};
}

inline ReferencedFiles supplied_files(const Config& config) {
  ReferencedFiles files;
  for (const auto& path : referenced_paths(config)) files.emplace(path, supplied_file(path));
  return files;
}

// ---- paths ----

inline std::string check_bundle_paths(const Bundle& bundle) {
  std::set<std::string> seen;
  for (const auto& file : bundle.files) {
    const std::string_view path = file.path;
    if (!seen.insert(file.path).second) return fmt::format("duplicate bundle path \"{}\"", path);
    if (path.empty() || path.front() == '/' || path.back() == '/') return fmt::format("bad bundle path \"{}\"", path);
    std::size_t start = 0;
    while (start <= path.size()) {
      const auto slash = path.find('/', start);
      const auto part = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
      if (part.empty() || part == "." || part == "..")
        return fmt::format("bundle path \"{}\" leaves its directory", path);
      const bool safe = std::ranges::all_of(part, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
               c == '_';
      });
      if (!safe) return fmt::format("bundle path \"{}\" has characters outside [A-Za-z0-9._-]", path);
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
  }
  return {};
}

// ---- YAML read-back ----

/// Would a YAML 1.1 or 1.2 reader (yaml-cpp, Go's yaml.v2/v3 in Helm and kubectl, the JS `yaml`
/// package) take this plain scalar for something other than a string? Deliberately broad: any plain
/// scalar that starts like a number, or is a null, boolean, merge or value indicator in any spelling.
inline bool plain_may_not_be_string(std::string_view text) {
  if (text.empty()) return true;
  const char first = text.front();
  if ((first >= '0' && first <= '9') || first == '+' || first == '-' || first == '.' || first == '~') return true;
  if (text == "<<" || text == "=") return true;
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  static constexpr std::string_view kWords[] = {"y",    "n",     "yes",  "no",  "on", "off",
                                                "true", "false", "null", "nan", "inf"};
  return std::ranges::find(kWords, lower) != std::end(kWords);
}

inline std::string_view kind_name(yaml::Node::Kind kind) {
  switch (kind) {
    case yaml::Node::Kind::null: return "null";
    case yaml::Node::Kind::boolean: return "boolean";
    case yaml::Node::Kind::integer: return "integer";
    case yaml::Node::Kind::floating: return "float";
    case yaml::Node::Kind::string: return "string";
    case yaml::Node::Kind::sequence: return "sequence";
    case yaml::Node::Kind::mapping: return "mapping";
  }
  return "?";
}

inline std::string compare_string_scalar(const std::string& expected, const YAML::Node& actual,
                                         const std::string& where) {
  if (!actual.IsScalar()) return fmt::format("{}: expected a string scalar", where);
  if (actual.Scalar() != expected) {
    return fmt::format("{}: string reads back as {:?} instead of {:?}", where, actual.Scalar(), expected);
  }
  if (actual.Tag() == "?" && plain_may_not_be_string(actual.Scalar())) {
    return fmt::format("{}: string {:?} is written plain and would not stay a string", where, expected);
  }
  if (actual.Tag() != "?" && actual.Tag() != "!") return fmt::format("{}: unexpected tag {}", where, actual.Tag());
  return {};
}

inline std::string compare_yaml(const yaml::Node& expected, const YAML::Node& actual, const std::string& where) {
  using Kind = yaml::Node::Kind;
  const std::string_view expected_kind = kind_name(expected.kind);
  switch (expected.kind) {
    case Kind::null:
      if (!actual.IsNull()) return fmt::format("{}: expected null", where);
      return {};
    case Kind::boolean:
      if (!actual.IsScalar() || actual.Tag() != "?" || actual.Scalar() != (expected.boolean ? "true" : "false")) {
        return fmt::format("{}: expected {} {}", where, expected_kind, expected.boolean);
      }
      return {};
    case Kind::integer:
      if (!actual.IsScalar() || actual.Tag() != "?" || actual.Scalar() != fmt::format("{}", expected.integer)) {
        return fmt::format("{}: expected {} {}", where, expected_kind, expected.integer);
      }
      return {};
    case Kind::floating: {
      if (!actual.IsScalar() || actual.Tag() != "?") return fmt::format("{}: expected a plain float", where);
      const std::string& text = actual.Scalar();
      double value = 0;
      if (text == ".nan") {
        value = std::nan("");
      } else if (text == ".inf") {
        value = HUGE_VAL;
      } else if (text == "-.inf") {
        value = -HUGE_VAL;
      } else {
        if (text.find_first_of(".e") == std::string::npos)
          return fmt::format("{}: float {} reads as an integer", where, text);
        char* end = nullptr;
        value = std::strtod(text.c_str(), &end);
        if (end != text.c_str() + text.size()) return fmt::format("{}: {:?} is not a float", where, text);
      }
      const bool same = std::isnan(expected.floating) ? std::isnan(value) : value == expected.floating;
      if (!same) return fmt::format("{}: float {} reads back as {}", where, expected.floating, text);
      return {};
    }
    case Kind::string: return compare_string_scalar(expected.string, actual, where);
    case Kind::sequence: {
      if (!actual.IsSequence() || actual.size() != expected.items.size()) {
        return fmt::format("{}: expected a sequence of {}", where, expected.items.size());
      }
      for (std::size_t i = 0; i < expected.items.size(); ++i) {
        if (auto problem = compare_yaml(expected.items[i], actual[i], fmt::format("{}[{}]", where, i));
            !problem.empty()) {
          return problem;
        }
      }
      return {};
    }
    case Kind::mapping: {
      if (!actual.IsMap() || actual.size() != expected.entries.size()) {
        return fmt::format("{}: expected a mapping of {} entries", where, expected.entries.size());
      }
      std::map<std::string, YAML::Node> read;
      for (const auto& entry : actual) {
        const std::string key_where = fmt::format("{} key", where);
        if (!entry.first.IsScalar()) return fmt::format("{}: a key is not a scalar", where);
        const std::string key = entry.first.Scalar();
        if (auto problem = compare_string_scalar(key, entry.first, key_where); !problem.empty()) return problem;
        if (!read.emplace(key, entry.second).second) return fmt::format("{}: duplicate key {:?}", where, key);
      }
      for (const auto& [key, value] : expected.entries) {
        const auto it = read.find(key);
        if (it == read.end()) return fmt::format("{}: key {:?} does not read back", where, key);
        if (auto problem = compare_yaml(value, it->second, fmt::format("{}.{}", where, key)); !problem.empty()) {
          return problem;
        }
      }
      return {};
    }
  }
  return {};
}

/// Parses `bytes` (one or more documents) and compares each with the tree that was written.
inline std::string check_yaml_round_trip(const std::string& path, const std::string& bytes,
                                         const std::vector<yaml::Node>& documents) {
  if (bytes.empty() || bytes.back() != '\n') return fmt::format("{}: does not end with a newline", path);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7f) return fmt::format("{}: raw control character 0x{:02x}", path, c);
  }
  std::vector<YAML::Node> read;
  try {
    read = YAML::LoadAll(bytes);
  } catch (const YAML::Exception& error) {
    return fmt::format("{}: yaml-cpp cannot read it back: {}", path, error.what());
  }
  if (read.size() != documents.size()) {
    return fmt::format("{}: {} documents read back, {} written", path, read.size(), documents.size());
  }
  for (std::size_t i = 0; i < documents.size(); ++i) {
    if (auto problem = compare_yaml(documents[i], read[i], fmt::format("{}#{}", path, i)); !problem.empty())
      return problem;
  }
  return {};
}

// ---- shell scripts ----

/// One line of shell, split into words the way bash would for the forms the generator uses: bare words
/// of safe characters, single-quoted runs and `'\''`; `"$kubectl"` stays as written. Unset when the line
/// holds anything else (expansions, operators, unbalanced quotes).
inline std::optional<std::vector<std::string>> split_shell_words(std::string_view line) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ') {
      ++i;
      continue;
    }
    if (line.substr(i).starts_with("\"$kubectl\"")) {
      words.emplace_back("\"$kubectl\"");
      i += 10;
      continue;
    }
    std::string word;
    while (i < line.size() && line[i] != ' ') {
      const char c = line[i];
      if (c == '\'') {
        const auto close = line.find('\'', i + 1);
        if (close == std::string_view::npos) return std::nullopt;
        word.append(line.substr(i + 1, close - i - 1));
        i = close + 1;
      } else if (c == '\\' && i + 1 < line.size() && line[i + 1] == '\'') {
        word += '\'';
        i += 2;
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                 c == '.' || c == '/' || c == '=' || c == ':' || c == ',' || c == '@' || c == '+') {
        word += c;
        ++i;
      } else {
        return std::nullopt;
      }
    }
    words.push_back(std::move(word));
  }
  return words;
}

inline std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

inline std::string_view effect_text(TaintEffect effect) {
  switch (effect) {
    case TaintEffect::no_schedule: return "NoSchedule";
    case TaintEffect::prefer_no_schedule: return "PreferNoSchedule";
    case TaintEffect::no_execute: return "NoExecute";
  }
  return "?";
}

/// The kubectl argument lists nodes.sh must run, computed from the model independently of the generator.
inline std::vector<std::vector<std::string>> expected_node_commands(const Config& config) {
  std::vector<const Node*> nodes;
  for (const auto& node : config.nodes) nodes.push_back(&node);
  std::ranges::stable_sort(nodes, {}, [](const Node* n) -> const std::string& { return n->name.value; });
  std::vector<std::vector<std::string>> commands;
  for (const Node* node : nodes) {
    if (!node->labels.empty()) {
      std::vector<std::string> argv{"label", "node", node->name.value, "--overwrite"};
      for (const auto& label : node->labels) argv.push_back(label.key.value + "=" + label.value.value);
      commands.push_back(std::move(argv));
    }
    for (const auto& taint : node->taints) {
      commands.push_back({"taint", "node", node->name.value, "--overwrite",
                          fmt::format("{}{}:{}", taint.key.value, taint.value ? "=" + taint.value->value : "",
                                      effect_text(taint.effect.value))});
    }
  }
  return commands;
}

inline std::string check_nodes_script(const Config& config, std::string_view script) {
  const auto expected = expected_node_commands(config);
  std::size_t next = 0;
  for (const auto line : lines_of(script)) {
    if (line.find('\r') != std::string_view::npos) return "nodes.sh: carriage return in a line";
    if (!line.starts_with("\"$kubectl\"")) {
      // Anything but a kubectl line must be a comment or fixed text without any user data.
      if (line.empty() || line.starts_with("#") || line == "set -euo pipefail" ||
          line == "kubectl=\"${KUBECTL:-kubectl}\"") {
        continue;
      }
      return fmt::format("nodes.sh: unexpected line {:?}", line);
    }
    auto words = split_shell_words(line);
    if (!words) return fmt::format("nodes.sh: line {:?} is not plain quoted words", line);
    words->erase(words->begin());
    if (next >= expected.size()) return fmt::format("nodes.sh: extra command {:?}", line);
    if (*words != expected[next])
      return fmt::format("nodes.sh: line {:?} does not decode to the intended arguments", line);
    ++next;
  }
  if (next != expected.size()) return fmt::format("nodes.sh: {} commands, {} expected", next, expected.size());
  return {};
}

/// The script with every single-quoted word (outside double quotes) replaced by "\x01", and those words.
inline std::pair<std::string, std::vector<std::string>> mask_single_quoted(std::string_view script) {
  std::string masked;
  std::vector<std::string> words;
  bool in_double = false;
  for (std::size_t i = 0; i < script.size(); ++i) {
    const char c = script[i];
    if (!in_double && c == '#' && (i == 0 || script[i - 1] == '\n' || script[i - 1] == ' ')) {
      const auto end = script.find('\n', i);  // a comment: copied as it is
      masked.append(script.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
      if (end == std::string_view::npos) break;
      i = end - 1;
      continue;
    }
    if (c == '\\' && i + 1 < script.size()) {
      masked += c;
      masked += script[++i];
      continue;
    }
    if (c == '"') in_double = !in_double;
    if (c == '\'' && !in_double) {
      const auto close = script.find('\'', i + 1);
      if (close == std::string_view::npos) return {std::string(script), {"<unbalanced>"}};
      words.emplace_back(script.substr(i + 1, close - i - 1));
      masked += '\x01';
      i = close;
      continue;
    }
    masked += c;
  }
  return {masked, words};
}

/// install.sh must equal the script generated for a reference configuration (same everything but
/// release and namespace) outside single quotes, and hold exactly the intended values inside. (The
/// chart version is one of a fixed list; it changes the script's shape, so it stays as it is.)
inline std::string check_install_script(const Config& config, std::string_view script, SecretsMode mode) {
  Config reference = config;
  reference.cluster.release.value = "reference-release";
  reference.cluster.namespace_.value = "reference-namespace";
  // No key files: install.sh does not depend on them, and signing tokens twice would halve the fuzzer's speed.
  const Manifest manifest = lower(reference, ReferencedFiles{}, LowerOptions{mode});
  const auto it = std::ranges::find(manifest.files, std::string("install.sh"), &ManifestFile::path);
  if (it == manifest.files.end()) return "install.sh: missing from the reference bundle";
  const auto [want_text, want_words] = mask_single_quoted(it->text);
  const auto [got_text, got_words] = mask_single_quoted(script);
  if (got_text != want_text || got_words.size() != want_words.size()) {
    const auto want_lines = lines_of(want_text);
    const auto got_lines = lines_of(got_text);
    for (std::size_t i = 0; i < std::min(want_lines.size(), got_lines.size()); ++i) {
      if (want_lines[i] != got_lines[i]) {
        return fmt::format("install.sh: line {:?} where the reference has {:?}", got_lines[i], want_lines[i]);
      }
    }
    return "install.sh: differs from the reference outside single-quoted words";
  }
  for (std::size_t i = 0; i < got_words.size(); ++i) {
    const std::string& want = want_words[i] == "reference-release"     ? config.cluster.release.value
                              : want_words[i] == "reference-namespace" ? config.cluster.namespace_.value
                                                                       : want_words[i];
    if (got_words[i] != want) return fmt::format("install.sh: word {:?} where {:?} was intended", got_words[i], want);
  }
  return {};
}

// ---- diagnostics ----

inline std::string check_terminal_safe(std::string_view what, std::string_view text) {
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
      return fmt::format("{}: raw control character 0x{:02x} in {:?}", what, c, text.substr(0, 400));
    }
  }
  return {};
}

// ---- the whole bundle ----

inline std::string check_bundle(const Config& config, const Manifest& manifest, const Bundle& bundle,
                                SecretsMode mode) {
  if (auto problem = check_bundle_paths(bundle); !problem.empty()) return problem;
  std::map<std::string_view, const BundleFile*> by_path;
  for (const auto& file : bundle.files) by_path.emplace(file.path, &file);
  for (const auto& file : manifest.files) {
    const auto it = by_path.find(file.path);
    if (it == by_path.end()) return fmt::format("{}: lowered but not emitted", file.path);
    if (file.kind == FileKind::yaml) {
      if (auto problem = check_yaml_round_trip(file.path, it->second->bytes, documents_of(file)); !problem.empty()) {
        return problem;
      }
    }
    if (file.path == "nodes.sh") {
      if (auto problem = check_nodes_script(config, file.text); !problem.empty()) return problem;
    }
    if (file.path == "install.sh") {
      if (auto problem = check_install_script(config, file.text, mode); !problem.empty()) return problem;
    }
  }
  return {};
}

}  // namespace pulsarc::fuzz
