#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& m = context.config.manager;
  if (!m.enabled.value || !m.database) return;
  const auto& port = m.database->port;
  if (port.value >= 1 && port.value <= 65535) return;
  out.push_back(kManagerPortRule.diagnose(port.span, fmt::format("port {} is out of range", port.value),
                                          "use a TCP port from 1 to 65535 (PostgreSQL's default is 5432)"));
}

}  // namespace

const Rule kManagerPortRule{
    {"PLS0805", Severity::error, "the database port must be a TCP port",
     "manager.database.port must be between 1 and 65535; PostgreSQL listens on 5432 by default."},
    run};

}  // namespace pulsarc::checker
