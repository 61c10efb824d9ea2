#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& bk = context.config.bookkeeper;
  const auto bookies = static_cast<std::int64_t>(bk.nodes.size());
  if (bk.ack_quorum.value < 1) {
    out.push_back(kBookieQuorumRule.diagnose(bk.ack_quorum.span, "bookkeeper.ack_quorum must be at least 1",
                                             "set ack_quorum = 2"));
  } else if (bk.ack_quorum.value > bk.write_quorum.value) {
    auto d = kBookieQuorumRule.diagnose(
        bk.ack_quorum.span,
        fmt::format("ack_quorum ({}) is larger than write_quorum ({})", bk.ack_quorum.value, bk.write_quorum.value),
        "a write can be acknowledged by at most the bookies it is written to");
    d.notes.push_back({bk.write_quorum.span, "write_quorum set here"});
    out.push_back(std::move(d));
  }
  if (bk.write_quorum.value > bk.ensemble.value) {
    auto d = kBookieQuorumRule.diagnose(
        bk.write_quorum.span,
        fmt::format("write_quorum ({}) is larger than ensemble ({})", bk.write_quorum.value, bk.ensemble.value),
        "each entry is written to write_quorum bookies out of the ensemble");
    d.notes.push_back({bk.ensemble.span, "ensemble set here"});
    out.push_back(std::move(d));
  }
  if (bk.ensemble.value > bookies && bookies > 0) {
    auto d = kBookieQuorumRule.diagnose(
        bk.ensemble.span,
        fmt::format("ensemble ({}) is larger than the number of bookies ({})", bk.ensemble.value, bookies),
        "add bookies to bookkeeper.nodes or lower the ensemble; brokers could not create ledgers");
    d.notes.push_back({bk.nodes_span, "bookies listed here"});
    out.push_back(std::move(d));
  }
}

}  // namespace

const Rule kBookieQuorumRule{
    {"PLS0303", Severity::error, "quorums must satisfy 1 <= ack <= write <= ensemble <= bookies",
     "The broker writes each ledger across `ensemble` bookies, each entry to `write_quorum` of them,\n"
     "and waits for `ack_quorum` acknowledgements. Any other order is refused by BookKeeper, and an\n"
     "ensemble larger than the number of bookies leaves every topic unable to create a ledger."},
    run};

}  // namespace pulsarc::checker
