#include "diagnostics/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace pulsarc {
namespace {

struct Style {
  bool on;
  [[nodiscard]] std::string wrap(std::string_view code, std::string_view text) const {
    return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  }
};

std::vector<std::string_view> split_lines(std::string_view source) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= source.size()) {
    const auto end = source.find('\n', start);
    auto line = source.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

/// Control characters in a source line would corrupt the terminal; show them as '?'.
std::string printable(std::string_view line) {
  std::string out;
  for (char c : line) out += (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f ? '?' : c;
  return out;
}

void snippet(std::string& out, const std::vector<std::string_view>& lines, const Span& span, const Style& style,
             std::string_view caret_color) {
  if (!span.known() || span.line > lines.size()) return;
  const auto line = printable(lines[span.line - 1]);
  const auto number = fmt::format("{}", span.line);
  const std::string gutter(number.size(), ' ');
  out += style.wrap("1;34", fmt::format("{} |", gutter)) + "\n";
  out += style.wrap("1;34", fmt::format("{} |", number)) + " " + line + "\n";
  const std::size_t start = std::min<std::size_t>(span.column == 0 ? 0 : span.column - 1, line.size());
  std::size_t width = 1;
  if (span.end_line == span.line && span.end_column > span.column) width = span.end_column - span.column;
  width = std::max<std::size_t>(1, std::min(width, line.size() > start ? line.size() - start : 1));
  std::string pad;
  for (std::size_t i = 0; i < start; ++i) pad += line[i] == '\t' ? '\t' : ' ';
  out += style.wrap("1;34", fmt::format("{} |", gutter)) + " " + pad + style.wrap(caret_color, std::string(width, '^')) + "\n";
}

}  // namespace

std::string render_human(const Diagnostics& diagnostics, std::string_view source, const RenderOptions& options) {
  const Style style{options.color};
  const auto lines = split_lines(source);
  std::string out;
  for (const auto& d : diagnostics) {
    const bool error = d.severity == Severity::error;
    const auto severity = style.wrap(error ? "1;31" : "1;33", fmt::format("{}[{}]", error ? "error" : "warning", d.code));
    out += fmt::format("{}:{}:{}: {}: {}\n", options.display_path, d.span.line, d.span.column, severity,
                       style.wrap("1", d.message));
    snippet(out, lines, d.span, style, error ? "1;31" : "1;33");
    for (const auto& note : d.notes) {
      out += fmt::format("{}: {}:{}:{}: {}\n", style.wrap("1;36", "note"), options.display_path, note.span.line,
                         note.span.column, note.message);
      snippet(out, lines, note.span, style, "1;36");
    }
    if (!d.help.empty()) out += fmt::format("{}: {}\n", style.wrap("1;32", "help"), d.help);
  }
  const auto errors = std::ranges::count_if(diagnostics, [](const Diagnostic& d) { return d.severity == Severity::error; });
  const auto warnings = static_cast<std::ptrdiff_t>(diagnostics.size()) - errors;
  if (errors || warnings) {
    out += fmt::format("{}: {} error{}, {} warning{}\n", options.display_path, errors, errors == 1 ? "" : "s", warnings,
                       warnings == 1 ? "" : "s");
  }
  return out;
}

std::string json_quote(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string render_json(const Diagnostics& diagnostics, std::string_view display_path) {
  auto span_fields = [](const Span& s) {
    return fmt::format("\"line\":{},\"column\":{},\"end_line\":{},\"end_column\":{}", s.line, s.column, s.end_line,
                       s.end_column);
  };
  std::string out = "{\"diagnostics\":[";
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    const auto& d = diagnostics[i];
    if (i) out += ',';
    out += fmt::format("{{\"file\":{},{},\"severity\":\"{}\",\"code\":{},\"message\":{},\"notes\":[", json_quote(display_path),
                       span_fields(d.span), d.severity == Severity::error ? "error" : "warning", json_quote(d.code),
                       json_quote(d.message));
    for (std::size_t j = 0; j < d.notes.size(); ++j) {
      out += fmt::format("{}{{{},\"message\":{}}}", j ? "," : "", span_fields(d.notes[j].span), json_quote(d.notes[j].message));
    }
    out += fmt::format("],\"help\":{}}}", json_quote(d.help));
  }
  return out + "]}\n";
}

}  // namespace pulsarc
