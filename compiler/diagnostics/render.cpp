#include "diagnostics/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "diagnostics/fix.hpp"

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
  out += style.wrap("1;34", fmt::format("{} |", gutter)) + " " + pad +
         style.wrap(caret_color, std::string(width, '^')) + "\n";
}

}  // namespace

std::string render_human(const Diagnostics& diagnostics, std::string_view source, const RenderOptions& options) {
  const Style style{options.color};
  const auto lines = split_lines(source);
  std::string out;
  for (const auto& d : diagnostics) {
    const bool error = d.severity == Severity::error;
    const auto severity =
        style.wrap(error ? "1;31" : "1;33", fmt::format("{}[{}]", error ? "error" : "warning", d.code));
    out += fmt::format("{}:{}:{}: {}: {}\n", options.display_path, d.span.line, d.span.column, severity,
                       style.wrap("1", printable_text(d.message)));
    snippet(out, lines, d.span, style, error ? "1;31" : "1;33");
    for (const auto& note : d.notes) {
      out += fmt::format("{}: {}:{}:{}: {}\n", style.wrap("1;36", "note"), options.display_path, note.span.line,
                         note.span.column, printable_text(note.message));
      snippet(out, lines, note.span, style, "1;36");
    }
    if (!d.help.empty()) out += fmt::format("{}: {}\n", style.wrap("1;32", "help"), printable_text(d.help));
    for (const auto& edit : d.fixes) {
      out += fmt::format("{}: `pulsarc check --fix` would {}\n", style.wrap("1;32", "help"),
                         printable_text(describe_edit(edit)));
    }
  }
  const auto errors =
      std::ranges::count_if(diagnostics, [](const Diagnostic& d) { return d.severity == Severity::error; });
  const auto warnings = static_cast<std::ptrdiff_t>(diagnostics.size()) - errors;
  if (errors || warnings) {
    out += fmt::format("{}: {} error{}, {} warning{}\n", options.display_path, errors, errors == 1 ? "" : "s", warnings,
                       warnings == 1 ? "" : "s");
  }
  return out;
}

namespace {

/// Length of the valid UTF-8 sequence at the start of `text`, or 0 when it is not one.
std::size_t utf8_sequence_length(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const auto continuation = [&](std::size_t i) { return i < text.size() && (byte(i) & 0xc0) == 0x80; };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return continuation(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    if (!continuation(1) || !continuation(2)) return 0;
    if (lead == 0xe0 && byte(1) < 0xa0) return 0;  // overlong
    if (lead == 0xed && byte(1) > 0x9f) return 0;  // UTF-16 surrogate
    return 3;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    if (!continuation(1) || !continuation(2) || !continuation(3)) return 0;
    if (lead == 0xf0 && byte(1) < 0x90) return 0;  // overlong
    if (lead == 0xf4 && byte(1) > 0x8f) return 0;  // beyond U+10FFFF
    return 4;
  }
  return 0;
}

std::string json_position(const Span& span) {
  if (!span.known()) return R"("line":null,"column":null,"end_line":null,"end_column":null)";
  return fmt::format(R"("line":{},"column":{},"end_line":{},"end_column":{})", span.line, span.column, span.end_line,
                     span.end_column);
}

}  // namespace

std::string json_quote(std::string_view text) {
  std::string out = "\"";
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\u{:04x}", c);
        } else if (c >= 0x80) {
          const auto length = utf8_sequence_length(text.substr(i));
          if (length == 0) {
            out += "\\ufffd";  // not UTF-8: the JSON must stay valid
            ++i;
          } else {
            out += text.substr(i, length);
            i += length;
          }
          continue;
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  return out + "\"";
}

std::string printable_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t') || c == 0x7f) {
      out += fmt::format("\\u{{{:02x}}}", c);
    } else {
      out += ch;
    }
  }
  return out;
}

std::string_view severity_name(Severity severity) {
  return severity == Severity::error ? "error" : "warning";
}

std::string render_json(const Diagnostics& diagnostics, std::string_view display_path) {
  const auto errors =
      std::ranges::count_if(diagnostics, [](const Diagnostic& d) { return d.severity == Severity::error; });
  const auto warnings = static_cast<std::ptrdiff_t>(diagnostics.size()) - errors;
  const auto file = json_quote(display_path);
  std::string out = fmt::format(R"({{"version":{},"file":{},"errors":{},"warnings":{},"diagnostics":[)",
                                kJsonDiagnosticsVersion, file, errors, warnings);
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    const auto& d = diagnostics[i];
    if (i) out += ',';
    out += fmt::format(R"({{"file":{},{},"severity":"{}","code":{},"message":{},"notes":[)", file,
                       json_position(d.span), severity_name(d.severity), json_quote(d.code), json_quote(d.message));
    for (std::size_t j = 0; j < d.notes.size(); ++j) {
      out += fmt::format(R"({}{{{},"message":{}}})", j ? "," : "", json_position(d.notes[j].span),
                         json_quote(d.notes[j].message));
    }
    out += fmt::format(R"(],"help":{},"fixes":[)", d.help.empty() ? "null" : json_quote(d.help));
    for (std::size_t j = 0; j < d.fixes.size(); ++j) {
      out += fmt::format(R"({}{{{},"replacement":{}}})", j ? "," : "", json_position(d.fixes[j].span),
                         json_quote(d.fixes[j].replacement));
    }
    out += "]}";
  }
  return out + "]}\n";
}

std::string render_code_explanation(const CodeInfo& info) {
  std::string explanation(info.explanation);
  if (!explanation.empty() && explanation.back() != '\n') explanation += '\n';
  return fmt::format("{} ({}): {}\n\n{}", info.code, severity_name(info.severity), info.title, explanation);
}

namespace {

/// Text for a Markdown table cell: no line breaks, '|' escaped.
std::string table_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

}  // namespace

std::string render_codes_markdown(std::span<const CodeInfo> unsorted) {
  // By code, whatever order the registry lists them in.
  std::vector<CodeInfo> codes(unsorted.begin(), unsorted.end());
  std::ranges::stable_sort(codes, {}, &CodeInfo::code);
  std::string out =
      "# Diagnostic codes\n\n"
      "<!-- Generated by `pulsarc explain --all --markdown`; do not edit. A test fails when this file is out of "
      "date. -->\n\n"
      "Every diagnostic pulsarc reports carries a stable code. `pulsarc explain CODE` prints the\n"
      "explanation below; `pulsarc explain --all` lists the codes.\n\n"
      "| code | severity | rule |\n"
      "|---|---|---|\n";
  for (const auto& info : codes) {
    out += fmt::format("| [{}](#{}) | {} | {} |\n", info.code, lowercase(info.code), severity_name(info.severity),
                       table_cell(info.title));
  }
  for (const auto& info : codes) {
    std::string explanation(info.explanation);
    while (!explanation.empty() && explanation.back() == '\n') explanation.pop_back();
    out +=
        fmt::format("\n## {}\n\n**{}**: {}\n\n{}\n", info.code, severity_name(info.severity), info.title, explanation);
  }
  return out;
}

}  // namespace pulsarc
