#include "review/render.hpp"

#include <fmt/format.h>

#include "diagnostics/render.hpp"

namespace pulsarc::review {
namespace {

/// The text of line `number` (1-based) of `source`, trimmed, printable; empty when out of range.
std::string source_line(std::string_view source, std::uint32_t number) {
  for (std::uint32_t i = 1; i < number; ++i) {
    const auto end = source.find('\n');
    if (end == std::string_view::npos) return "";
    source.remove_prefix(end + 1);
  }
  auto line = source.substr(0, source.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  return printable_text(line);
}

struct Counts {
  std::size_t danger = 0, caution = 0, info = 0;
};

Counts count(const Review& review) {
  Counts c;
  for (const auto& risk : review.risks) {
    (risk.severity == RiskSeverity::danger    ? c.danger
     : risk.severity == RiskSeverity::caution ? c.caution
                                              : c.info) += 1;
  }
  return c;
}

std::string counts_text(const Review& review) {
  const auto c = count(review);
  std::vector<std::string> parts;
  if (c.danger) parts.push_back(fmt::format("{} danger", c.danger));
  if (c.caution) parts.push_back(fmt::format("{} caution", c.caution));
  if (c.info) parts.push_back(fmt::format("{} info", c.info));
  return fmt::format("{} risk{} ({})", review.risks.size(), review.risks.size() == 1 ? "" : "s",
                     fmt::join(parts, ", "));
}

std::string markdown_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string markdown_code(std::string_view text) {
  // A code span that holds backticks needs a longer fence; pulsarc's own texts have none.
  return text.find('`') == std::string_view::npos ? fmt::format("`{}`", text) : fmt::format("`` {} ``", text);
}

}  // namespace

std::string render_review_human(const Review& review, const ReportContext& context) {
  std::string out;
  const auto base = printable_text(context.base);
  if (review.risks.empty()) {
    out += fmt::format("risks of replacing {}: no risks\n", base);
  } else {
    out += fmt::format("risks of replacing {}: {}\n", base, counts_text(review));
  }
  for (const auto& risk : review.risks) {
    out += fmt::format("\n{}[{}]: {}\n", risk_severity_name(risk.severity), risk.id, printable_text(risk.summary));
    if (!risk.objects.empty())
      out += fmt::format("  objects: {}\n", printable_text(fmt::format("{}", fmt::join(risk.objects, ", "))));
    for (const auto& line : risk.lines) {
      if (!line.span.known()) {
        out += fmt::format("  {}: {} (default)\n", printable_text(context.config_path), line.setting);
        continue;
      }
      out += fmt::format("  {}:{}:{}: {} | {}\n", printable_text(context.config_path), line.span.line, line.span.column,
                         line.setting, source_line(context.source, line.span.line));
    }
    if (risk.lines.empty())
      out += fmt::format("  {}: no line ({})\n", printable_text(context.config_path), risk.no_line);
    out += fmt::format("  what happens: {}\n", printable_text(risk.happens));
    out += fmt::format("  what to do: {}\n", printable_text(risk.todo));
    for (std::size_t i = 0; i < risk.steps.size(); ++i) {
      out += fmt::format("    {}. {}\n", i + 1, printable_text(risk.steps[i]));
    }
  }
  if (!review.unknowns.empty()) out += '\n';
  for (const auto& unknown : review.unknowns) {
    out += fmt::format("cannot know: {}: {}\n", unknown.topic, printable_text(unknown.reason));
  }
  return out;
}

std::string render_review_json(const Review& review, const ReportContext& context) {
  const auto c = count(review);
  std::string out = fmt::format(
      R"({{"version":{},"base":{},"config":{},"summary":{{"danger":{},"caution":{},"info":{}}},"risks":[)",
      kJsonReviewVersion, json_quote(context.base), json_quote(context.config_path), c.danger, c.caution, c.info);
  for (std::size_t i = 0; i < review.risks.size(); ++i) {
    const auto& risk = review.risks[i];
    if (i) out += ',';
    out += fmt::format(R"({{"id":{},"severity":{},"summary":{},"objects":[)", json_quote(risk.id),
                       json_quote(risk_severity_name(risk.severity)), json_quote(risk.summary));
    for (std::size_t j = 0; j < risk.objects.size(); ++j) out += (j ? "," : "") + json_quote(risk.objects[j]);
    out += R"(],"lines":[)";
    for (std::size_t j = 0; j < risk.lines.size(); ++j) {
      const auto& line = risk.lines[j];
      if (j) out += ',';
      if (line.span.known()) {
        out += fmt::format(R"({{"line":{},"column":{},"end_line":{},"end_column":{},"setting":{},"text":{}}})",
                           line.span.line, line.span.column, line.span.end_line, line.span.end_column,
                           json_quote(line.setting), json_quote(source_line(context.source, line.span.line)));
      } else {
        out +=
            fmt::format(R"({{"line":null,"column":null,"end_line":null,"end_column":null,"setting":{},"text":null}})",
                        json_quote(line.setting));
      }
    }
    out += fmt::format(R"(],"no_line":{},"what_happens":{},"what_to_do":{},"steps":[)",
                       risk.lines.empty() ? json_quote(risk.no_line) : "null", json_quote(risk.happens),
                       json_quote(risk.todo));
    for (std::size_t j = 0; j < risk.steps.size(); ++j) out += (j ? "," : "") + json_quote(risk.steps[j]);
    out += "]}";
  }
  out += R"(],"unknown":[)";
  for (std::size_t i = 0; i < review.unknowns.size(); ++i) {
    out += fmt::format(R"({}{{"topic":{},"reason":{}}})", i ? "," : "", json_quote(review.unknowns[i].topic),
                       json_quote(review.unknowns[i].reason));
  }
  out += "]}\n";
  return out;
}

std::string render_review_markdown(const Review& review, const ReportContext& context) {
  // The marker lets a CI job find and update its earlier comment instead of adding another.
  std::string out = fmt::format("<!-- pulsarc-review -->\n## pulsarc review: {}\n\n",
                                review.risks.empty() ? "no risks" : counts_text(review));
  out += fmt::format(
      "What replacing the bundle in {} with the one {} makes does to the running cluster "
      "(`pulsarc diff`; `pulsarc explain RISK` for the long form).\n",
      markdown_code(context.base), markdown_code(context.config_path));
  if (!review.risks.empty()) {
    out += "\n| severity | risk | what changes |\n|---|---|---|\n";
    for (const auto& risk : review.risks) {
      out += fmt::format("| **{}** | {} | {} |\n", risk_severity_name(risk.severity), markdown_code(risk.id),
                         markdown_cell(risk.summary));
    }
  }
  for (const auto& risk : review.risks) {
    out += fmt::format("\n### {}: {}\n\n{}\n\n", risk_severity_name(risk.severity), markdown_code(risk.id),
                       markdown_cell(risk.summary));
    if (!risk.objects.empty())
      out += fmt::format("- **objects**: {}\n", markdown_cell(fmt::format("{}", fmt::join(risk.objects, ", "))));
    for (const auto& line : risk.lines) {
      if (line.span.known()) {
        out += fmt::format("- **{}** line {} ({}): {}\n", markdown_cell(context.config_path), line.span.line,
                           markdown_code(line.setting), markdown_code(source_line(context.source, line.span.line)));
      } else {
        out += fmt::format("- **{}**: {} (default)\n", markdown_cell(context.config_path), markdown_code(line.setting));
      }
    }
    if (risk.lines.empty())
      out += fmt::format("- **{}**: no line ({})\n", markdown_cell(context.config_path), markdown_cell(risk.no_line));
    out += fmt::format("- **what happens**: {}\n- **what to do**: {}\n", markdown_cell(risk.happens),
                       markdown_cell(risk.todo));
    if (!risk.steps.empty()) out += '\n';
    for (std::size_t i = 0; i < risk.steps.size(); ++i)
      out += fmt::format("{}. {}\n", i + 1, markdown_cell(risk.steps[i]));
  }
  if (!review.unknowns.empty()) {
    out += "\n### Cannot know\n\n";
    for (const auto& unknown : review.unknowns) {
      out += fmt::format("- **{}**: {}\n", markdown_cell(unknown.topic), markdown_cell(unknown.reason));
    }
  }
  return out;
}

std::string render_risk_explanation(const RiskInfo& info) {
  return fmt::format("{} (up to {}): {}\n\n{}\n", info.id, risk_severity_name(info.severity), info.title,
                     info.explanation);
}

std::string render_risks_markdown() {
  std::string out =
      "# Risks\n\n"
      "<!-- Generated by `pulsarc explain --risks --markdown`; a test checks that it is current. -->\n\n"
      "What `pulsarc diff`, `pulsarc build` and `pulsarc build --check` report about replacing a bundle "
      "(docs/review.md). The severity is the worst the risk is reported with: `danger` (data loss, an outage or "
      "a failed upgrade unless the operator acts), `caution` (clients or pods are disturbed), `info`.\n\n"
      "| risk | up to | when |\n|---|---|---|\n";
  for (const auto& info : all_risks()) {
    out += fmt::format("| [`{0}`](#{0}) | {1} | {2} |\n", info.id, risk_severity_name(info.severity), info.title);
  }
  for (const auto& info : all_risks()) {
    out += fmt::format("\n## {}\n\n**{}** (up to {})\n\n{}\n", info.id, info.title, risk_severity_name(info.severity),
                       info.explanation);
  }
  return out;
}

}  // namespace pulsarc::review
