#include "cli/diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "crypto/digest.hpp"

namespace pulsarc::cli {
namespace {

/// Lines with their '\n' (the last one may lack it), so "x" and "x\n" are different lines.
std::vector<std::string_view> lines_with_endings(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end + 1 - start));
    start = end + 1;
  }
  return lines;
}

enum class Op { keep, remove, add };

struct Edit {
  Op op;
  std::string_view line;
};

/// The cells of the LCS table above which the middle of a diff is shown as replaced wholesale
/// (16 MB of table); bundle files are far below it once the common ends are trimmed.
constexpr std::size_t kMaxTableCells = 4'000'000;

/// Longest-common-subsequence edit script, with the common prefix and suffix trimmed first so
/// the quadratic table only covers the region that changed.
std::vector<Edit> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const std::size_t n = a.size() - prefix - suffix;
  const std::size_t m = b.size() - prefix - suffix;

  std::vector<Edit> script;
  script.reserve(a.size() + b.size());
  for (std::size_t i = 0; i < prefix; ++i) script.push_back({Op::keep, a[i]});
  if (n * m > kMaxTableCells) {
    for (std::size_t i = 0; i < n; ++i) script.push_back({Op::remove, a[prefix + i]});
    for (std::size_t j = 0; j < m; ++j) script.push_back({Op::add, b[prefix + j]});
  } else {
    // lcs[i][j]: length of the LCS of a[prefix+i..] and b[prefix+j..], in one flat table.
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    const auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = m; j-- > 0;) {
        at(i, j) = a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
        script.push_back({Op::keep, a[prefix + i]});
        ++i;
        ++j;
      } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
        script.push_back({Op::remove, a[prefix + i++]});  // removals first, as diff -u shows them
      } else {
        script.push_back({Op::add, b[prefix + j++]});
      }
    }
  }
  for (std::size_t k = a.size() - suffix; k < a.size(); ++k) script.push_back({Op::keep, a[k]});
  return script;
}

/// GNU diff's hunk range: "start,count", "start" alone when count is 1, "start-1,0" when empty.
std::string hunk_range(std::size_t first_line, std::size_t count) {
  if (count == 1) return fmt::format("{}", first_line);
  return fmt::format("{},{}", count == 0 ? first_line - 1 : first_line, count);
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

/// Lines without their '\n' (and without a trailing '\r').
std::vector<std::string_view> plain_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (auto line : lines_with_endings(text)) {
    if (line.ends_with('\n')) line.remove_suffix(1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back(line);
  }
  return lines;
}

std::size_t indentation(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

/// "key: value" or "key:" with a plain key (letters, digits, '.', '_', '-', '/'); nullopt otherwise.
struct KeyLine {
  std::string_view key;
  std::string_view value;  ///< trimmed; empty for "key:"
};

std::optional<KeyLine> split_key_line(std::string_view line) {
  const auto body = line.substr(indentation(line));
  const auto colon = body.find(':');
  if (colon == 0 || colon == std::string_view::npos) return std::nullopt;
  const auto key = body.substr(0, colon);
  const bool plain = std::ranges::all_of(key, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-' || c == '/';
  });
  if (!plain) return std::nullopt;
  const auto rest = body.substr(colon + 1);
  if (!rest.empty() && rest.front() != ' ' && rest.front() != '\t') return std::nullopt;
  return KeyLine{key, trim_spaces(rest)};
}

bool is_comment(std::string_view line) {
  return trim_spaces(line).starts_with('#');
}

/// The values under `data:`/`stringData:` of every document, by "document index/section/key".
std::map<std::string, std::string_view> secret_values(std::string_view text) {
  std::map<std::string, std::string_view> values;
  std::size_t document = 0;
  std::string_view section;
  for (auto line : plain_lines(text)) {
    if (line == "---" || line.starts_with("--- ")) {
      ++document;
      section = {};
      continue;
    }
    if (trim_spaces(line).empty() || is_comment(line)) continue;
    const auto parsed = split_key_line(line);
    if (indentation(line) == 0) {
      section = parsed ? parsed->key : std::string_view{};
      continue;
    }
    if ((section == "data" || section == "stringData") && parsed) {
      values.emplace(fmt::format("{}/{}/{}", document, section, parsed->key), parsed->value);
    }
  }
  return values;
}

constexpr std::string_view kRedacted = "<redacted>";

/// Secret entries that hold no secret: masking them would blank ordinary words all over a diff
/// (a user name such as "pulsar_manager" is also a key in values.yaml). Everything else is masked.
bool is_public_key_name(std::string_view key) {
  return key == "TYPE" || key == "PUBLICKEY" || key == "USER" || key.ends_with("_USER") || key.ends_with("USERNAME");
}

}  // namespace

std::string unified_diff(std::string_view before_name, std::string_view before, std::string_view after_name,
                         std::string_view after) {
  if (before == after) return {};
  if (before.find('\0') != std::string_view::npos || after.find('\0') != std::string_view::npos) {
    return fmt::format("Binary files {} and {} differ\n", before_name, after_name);
  }
  const auto a = lines_with_endings(before);
  const auto b = lines_with_endings(after);
  const auto script = edit_script(a, b);
  constexpr std::size_t kContext = 3;

  std::string out = fmt::format("--- {}\n+++ {}\n", before_name, after_name);
  std::size_t a_line = 1, b_line = 1;  // line numbers of script[k] in a and b
  std::size_t k = 0;
  while (k < script.size()) {
    if (script[k].op == Op::keep) {
      ++a_line;
      ++b_line;
      ++k;
      continue;
    }
    // A hunk runs from kContext lines before this change to kContext lines after the last change
    // that is at most 2*kContext unchanged lines away from the previous one.
    const std::size_t lead = std::min(k, kContext);
    const std::size_t start = k - lead;
    std::size_t end = k;
    while (true) {
      while (end < script.size() && script[end].op != Op::keep) ++end;
      std::size_t run = end;
      while (run < script.size() && script[run].op == Op::keep) ++run;
      if (run == script.size() || run - end > 2 * kContext) {
        end = std::min(end + kContext, script.size());
        break;
      }
      end = run;
    }
    const std::size_t hunk_a = a_line - lead;
    const std::size_t hunk_b = b_line - lead;
    std::size_t a_count = 0, b_count = 0;
    std::string body;
    for (std::size_t x = start; x < end; ++x) {
      const auto& edit = script[x];
      body += edit.op == Op::keep ? ' ' : edit.op == Op::add ? '+' : '-';
      body += edit.line;
      if (!edit.line.ends_with('\n')) body += "\n\\ No newline at end of file\n";
      if (edit.op != Op::add) ++a_count;
      if (edit.op != Op::remove) ++b_count;
    }
    out += fmt::format("@@ -{} +{} @@\n{}", hunk_range(hunk_a, a_count), hunk_range(hunk_b, b_count), body);
    // Advance the line counters over the part of the hunk at and after k.
    for (std::size_t x = k; x < end; ++x) {
      if (script[x].op != Op::add) ++a_line;
      if (script[x].op != Op::remove) ++b_line;
    }
    k = end;
  }
  return out;
}

std::string redact_secret_yaml(std::string_view text, std::string_view compared_with) {
  const auto reference =
      compared_with.empty() ? std::map<std::string, std::string_view>{} : secret_values(compared_with);
  std::string out;
  std::size_t document = 0;
  std::string_view section;         // the current top-level key
  std::string_view metadata_key;    // the current key directly under metadata
  std::size_t metadata_indent = 0;  // indentation of the keys directly under metadata
  const auto emit = [&out](std::string_view head, std::string_view tail) {
    out += head;
    out += tail;
    out += '\n';
  };
  const auto redacted_line = [&](std::string_view line) { emit(std::string(indentation(line), ' '), kRedacted); };

  for (auto line : plain_lines(text)) {
    if (line == "---") {
      ++document;
      section = {};
      emit(line, "");
      continue;
    }
    if (trim_spaces(line).empty()) {
      emit("", "");
      continue;
    }
    const auto parsed = split_key_line(line);
    const std::size_t indent = indentation(line);
    if (indent == 0) {
      metadata_key = {};
      metadata_indent = 0;
      if (is_comment(line)) {
        section = {};
        // The generated header is safe; any other comment could be a commented-out value.
        if (line.starts_with("# Generated by pulsarc")) {
          emit(line, "");
        } else {
          emit("# ", kRedacted);
        }
        continue;
      }
      section = parsed ? parsed->key : std::string_view{};
      if (!parsed) {
        redacted_line(line);
      } else if (section == "apiVersion" || section == "kind" || section == "type" || section == "immutable" ||
                 ((section == "metadata" || section == "data" || section == "stringData") && parsed->value.empty())) {
        emit(line, "");
      } else {
        emit(fmt::format("{}: ", parsed->key), kRedacted);  // e.g. `data: {KEY: value}` or an unknown key
      }
      continue;
    }
    if (is_comment(line)) {
      redacted_line(line);
      continue;
    }
    if (section == "metadata" && parsed) {
      if (metadata_indent == 0 || indent < metadata_indent) metadata_indent = indent;
      if (indent == metadata_indent) metadata_key = parsed->key;
      const bool shown = metadata_key == "name" || metadata_key == "namespace" || metadata_key == "labels";
      if (shown) {
        emit(line, "");
      } else if (parsed->value.empty()) {
        emit(line, "");  // `annotations:`: the key alone says nothing
      } else {
        emit(fmt::format("{}{}: ", std::string(indent, ' '), parsed->key), kRedacted);
      }
      continue;
    }
    if ((section == "data" || section == "stringData") && parsed) {
      const auto it = reference.find(fmt::format("{}/{}/{}", document, section, parsed->key));
      const bool changed = it != reference.end() && it->second != parsed->value;
      emit(fmt::format("{}{}: ", std::string(indent, ' '), parsed->key), changed ? "<redacted> (changed)" : kRedacted);
      continue;
    }
    redacted_line(line);  // continuation lines, sequences, anything not understood
  }
  return out;
}

bool looks_like_secret(std::string_view path, std::string_view text) {
  if (path == "secrets" || path.starts_with("secrets/")) return true;
  for (auto line : plain_lines(text)) {
    if (line.starts_with("kind:") && trim_spaces(line.substr(5)) == "Secret") return true;
  }
  return false;
}

void SecretMask::add(std::string_view secret) {
  if (secret.empty()) return;
  const auto insert = [this](std::string_view s) {
    if (s.empty() || std::ranges::find(secrets_, s) != secrets_.end()) return;
    secrets_.emplace_back(s);
    std::ranges::stable_sort(secrets_, [](const std::string& x, const std::string& y) { return x.size() > y.size(); });
  };
  // A password file's final newline is not part of the password (and masking it would join lines).
  auto text = secret;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  insert(text);
  insert(trim_spaces(text));
  // A PEM key or other multi-line secret never appears whole in a line-based diff; its lines do.
  constexpr std::size_t kMinFragment = 16;
  if (secret.find('\n') != std::string_view::npos) {
    for (auto line : plain_lines(secret)) {
      if (trim_spaces(line).size() >= kMinFragment) insert(trim_spaces(line));
    }
  }
}

void SecretMask::add_secret_manifest(std::string_view yaml) {
  for (const auto& [where, raw] : secret_values(yaml)) {
    if (is_public_key_name(where.substr(where.rfind('/') + 1))) continue;
    std::string_view value = raw;
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    add(value);
    if (where.find("/data/") != std::string::npos) {
      if (const auto decoded = crypto::base64_decode(value)) add(*decoded);
    }
  }
}

std::string SecretMask::apply(std::string text) const {
  for (const auto& secret : secrets_) {
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + kRedacted.size())) {
      text.replace(at, secret.size(), kRedacted);
    }
  }
  return text;
}

}  // namespace pulsarc::cli
