#include <fmt/format.h>

#include "check/paths.hpp"
#include "check/rules/rules.hpp"
#include "check/syntax.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& bk = context.config.bookkeeper;
  const auto& journal = bk.journal.path;
  const auto& ledgers = bk.ledgers.path;
  // A malformed path (PLS0106) would overlap everything, e.g. "" or "/": no cascade of errors.
  if (!is_normalised_absolute_path(journal.value) || !is_normalised_absolute_path(ledgers.value)) return;
  if (!paths_overlap(journal.value, ledgers.value)) return;
  auto d = kBookieVolumesRule.diagnose(ledgers.span,
                                       journal.value == ledgers.value
                                           ? std::string("bookie journal and ledgers use the same path")
                                           : std::string("bookie journal and ledgers paths are nested"),
                                       "give the journal and the ledgers two separate directories (ideally two disks)");
  d.notes.push_back({journal.span, "journal path declared here"});
  out.push_back(std::move(d));
}

}  // namespace

const Rule kBookieVolumesRule{
    {"PLS0302", Severity::error, "bookie journal and ledgers need separate paths",
     "Every bookie has two volumes, journal and ledgers, mounted at different places in the pod. If\n"
     "their host paths are equal or one contains the other, both volumes write into one directory\n"
     "tree and the bookie corrupts its own data."},
    run};

}  // namespace pulsarc::checker
