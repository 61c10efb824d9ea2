#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  if (!context.production()) return;
  const auto& bk = context.config.bookkeeper;
  if (bk.nodes.size() < 3) {
    out.push_back(kProdBookiesRule.diagnose(
        bk.nodes_span, fmt::format("production needs at least 3 bookies, found {}", bk.nodes.size()),
        context.production_help("add bookies so that one can fail while writes continue")));
  }
  if (bk.ack_quorum.value < 2) {
    out.push_back(kProdBookiesRule.diagnose(
        bk.ack_quorum.span, "production needs ack_quorum of at least 2",
        context.production_help("set ack_quorum = 2 so that an acknowledged write survives one bookie")));
  }
}

}  // namespace

const Rule kProdBookiesRule{
    {"PLS0603", Severity::error, "production: at least 3 bookies and ack_quorum >= 2",
     "With ack_quorum 1 an acknowledged message lives on one disk until it is replicated; with fewer\n"
     "than three bookies the loss of one leaves no room to re-replicate. Production requires both."},
    run};

}  // namespace pulsarc::checker
