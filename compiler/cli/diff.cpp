#include "cli/diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace pulsarc::cli {
namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

enum class Op { keep, remove, add };

/// Longest-common-subsequence edit script; bundle files are small, so O(n*m) is fine up to a cap.
std::vector<std::pair<Op, std::string_view>> edit_script(const std::vector<std::string_view>& a,
                                                         const std::vector<std::string_view>& b) {
  std::vector<std::pair<Op, std::string_view>> script;
  if (a.size() * b.size() > 4'000'000) {
    for (auto l : a) script.emplace_back(Op::remove, l);
    for (auto l : b) script.emplace_back(Op::add, l);
    return script;
  }
  std::vector<std::vector<unsigned>> lcs(a.size() + 1, std::vector<unsigned>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      script.emplace_back(Op::keep, a[i++]);
      ++j;
    } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      script.emplace_back(Op::add, b[j++]);
    } else {
      script.emplace_back(Op::remove, a[i++]);
    }
  }
  return script;
}

}  // namespace

std::string unified_diff(std::string_view path, std::string_view before, std::string_view after) {
  if (before == after) return {};
  const auto a = lines_of(before);
  const auto b = lines_of(after);
  const auto script = edit_script(a, b);
  constexpr std::size_t kContext = 3;
  std::string out = fmt::format("--- a/{}\n+++ b/{}\n", path, path);
  std::size_t k = 0;
  while (k < script.size()) {
    if (script[k].first == Op::keep) {
      ++k;
      continue;
    }
    // A hunk: from kContext lines before this change to kContext lines after the last nearby one.
    std::size_t start = k >= kContext ? k - kContext : 0;
    std::size_t end = k;
    while (end < script.size()) {
      if (script[end].first != Op::keep) {
        ++end;
        continue;
      }
      std::size_t run = end;
      while (run < script.size() && script[run].first == Op::keep) ++run;
      if (run == script.size() || run - end > 2 * kContext) {
        end = std::min(script.size(), end + kContext);
        break;
      }
      end = run;
    }
    std::size_t a_line = 1, b_line = 1;
    for (std::size_t x = 0; x < start; ++x) {
      if (script[x].first != Op::add) ++a_line;
      if (script[x].first != Op::remove) ++b_line;
    }
    std::size_t a_count = 0, b_count = 0;
    std::string body;
    for (std::size_t x = start; x < end; ++x) {
      const char mark = script[x].first == Op::keep ? ' ' : script[x].first == Op::add ? '+' : '-';
      if (script[x].first != Op::add) ++a_count;
      if (script[x].first != Op::remove) ++b_count;
      body += fmt::format("{}{}\n", mark, script[x].second);
    }
    out += fmt::format("@@ -{},{} +{},{} @@\n{}", a_count ? a_line : a_line - 1, a_count, b_count ? b_line : b_line - 1,
                       b_count, body);
    k = end;
  }
  return out;
}

std::string redact_secret_yaml(std::string_view text) {
  std::string out;
  bool in_data = false;
  for (auto line : lines_of(text)) {
    if (!line.empty() && line.front() != ' ') in_data = line == "data:" || line == "stringData:";
    const auto colon = line.find(": ");
    if (in_data && line.starts_with("  ") && colon != std::string_view::npos) {
      out += fmt::format("{}: <redacted>\n", line.substr(0, colon));
    } else {
      out += fmt::format("{}\n", line);
    }
  }
  return out;
}

}  // namespace pulsarc::cli
