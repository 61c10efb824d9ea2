#include "check/rule.hpp"
#include "parse/parse_codes.hpp"

namespace pulsarc {

Diagnostics check(const Config& config, const ReferencedFiles& files, const CheckOptions& options) {
  const checker::RuleContext context(config, files, options);
  Diagnostics out;
  for (const checker::Rule* rule : checker::all_rules()) rule->run(context, out);
  // A value defaulted from an absent table has no position: point at the top of the file, and
  // drop notes that would point nowhere.
  for (auto& d : out) {
    if (!d.span.known()) d.span = Span{1, 1, 1, 1};
    std::erase_if(d.notes, [](const Label& note) { return !note.span.known(); });
  }
  sort_diagnostics(out);
  return out;
}

}  // namespace pulsarc

namespace pulsarc::checker {

std::vector<CodeInfo> all_codes() {
  std::vector<CodeInfo> codes(parser::parse_codes().begin(), parser::parse_codes().end());
  for (const Rule* rule : all_rules()) codes.push_back(rule->info);
  return codes;
}

}  // namespace pulsarc::checker
