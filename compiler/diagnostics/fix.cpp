#include "diagnostics/fix.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "diagnostics/render.hpp"

namespace pulsarc {

std::optional<std::size_t> byte_offset(std::string_view source, std::uint32_t line, std::uint32_t column) {
  if (line == 0 || column == 0) return std::nullopt;
  std::size_t pos = 0;
  for (std::uint32_t l = 1; l < line; ++l) {
    const auto newline = source.find('\n', pos);
    if (newline == std::string_view::npos) return std::nullopt;
    pos = newline + 1;
  }
  // Columns count code points: skip UTF-8 continuation bytes.
  for (std::uint32_t c = 1; c < column; ++c) {
    if (pos >= source.size() || source[pos] == '\n') return std::nullopt;
    ++pos;
    while (pos < source.size() && (static_cast<unsigned char>(source[pos]) & 0xc0) == 0x80) ++pos;
  }
  return pos;
}

std::string describe_edit(const Edit& edit) {
  std::string text;  // one line: a newline in the replacement shows as \n
  for (char c : edit.replacement) text += c == '\n' ? std::string("\\n") : std::string(1, c);
  const auto& s = edit.span;
  if (s.line == s.end_line && s.column == s.end_column)
    return fmt::format("insert `{}` at {}:{}", text, s.line, s.column);
  return fmt::format("replace {}:{}-{}:{} with `{}`", s.line, s.column, s.end_line, s.end_column, text);
}

namespace {

struct Located_edit {
  std::size_t begin = 0;
  std::size_t end = 0;
  const Edit* edit = nullptr;
  std::size_t diagnostic = 0;
};

}  // namespace

FixResult apply_fixes(std::string_view source, const Diagnostics& diagnostics) {
  FixResult result;
  std::vector<Located_edit> edits;
  std::vector<bool> dropped(diagnostics.size(), false);
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    for (const auto& edit : diagnostics[i].fixes) {
      const auto begin = byte_offset(source, edit.span.line, edit.span.column);
      const auto end = byte_offset(source, edit.span.end_line, edit.span.end_column);
      if (!begin || !end || *end < *begin) {
        dropped[i] = true;
        continue;
      }
      edits.push_back({*begin, *end, &edit, i});
    }
  }
  std::ranges::sort(edits, [](const Located_edit& a, const Located_edit& b) {
    return std::tie(a.begin, a.end, a.diagnostic) < std::tie(b.begin, b.end, b.diagnostic);
  });
  // Two edits of different diagnostics conflict when they overlap or insert at the same place;
  // the same edit from two diagnostics is applied once.
  for (std::size_t i = 0; i + 1 < edits.size(); ++i) {
    for (std::size_t j = i + 1; j < edits.size() && edits[j].begin <= edits[i].end; ++j) {
      const auto& a = edits[i];
      const auto& b = edits[j];
      if (a.diagnostic == b.diagnostic) continue;
      if (*a.edit == *b.edit) continue;
      const bool touching = a.end == b.begin && a.begin != a.end && b.begin != b.end;
      if (!touching) dropped[a.diagnostic] = dropped[b.diagnostic] = true;
    }
  }
  std::vector<Located_edit> kept;
  for (const auto& e : edits) {
    if (dropped[e.diagnostic]) continue;
    if (!kept.empty() && kept.back().begin == e.begin && *kept.back().edit == *e.edit) continue;
    kept.push_back(e);
  }
  std::string text(source);
  for (auto it = kept.rbegin(); it != kept.rend(); ++it)
    text.replace(it->begin, it->end - it->begin, it->edit->replacement);
  result.text = std::move(text);
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    const auto& d = diagnostics[i];
    if (d.fixes.empty()) continue;
    std::string what;
    for (const auto& edit : d.fixes) what += (what.empty() ? "" : "; ") + describe_edit(edit);
    (dropped[i] ? result.conflicts : result.applied)
        .push_back(fmt::format("{}:{}: {} ({})", d.span.line, d.span.column, d.code, what));
  }
  return result;
}

}  // namespace pulsarc
