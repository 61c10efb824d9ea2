#include <fmt/format.h>

#include "check/rules/rules.hpp"
#include "check/syntax.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& m = context.config.manager;
  if (!m.enabled.value || !m.database) return;
  const auto& host = m.database->host;
  if (is_host(host.value)) return;
  out.push_back(kManagerHostRule.diagnose(host.span, fmt::format("\"{}\" is not a host name or IP address", host.value),
                                          "write the database server's name or address only, e.g. "
                                          "\"postgres.example.com\" or \"10.0.0.5\"; the port goes into `port`"));
}

}  // namespace

const Rule kManagerHostRule{
    {"PLS0808", Severity::error, "manager.database.host must be a host name or IP address",
     "The host becomes part of the manager's JDBC URL (jdbc:postgresql://HOST:PORT/NAME) and of the\n"
     "psql command in manager/init.sql. Anything but a host name, an IPv4 address or an IPv6 address\n"
     "would change the URL's meaning: a '/' or '?' could add connection properties the driver obeys."},
    run};

}  // namespace pulsarc::checker
