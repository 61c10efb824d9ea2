#include <fmt/format.h>

#include "chart/manager.hpp"
#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& m = context.config.manager;
  if (!m.enabled.value || !m.database) return;
  const auto& db = *m.database;
  if (manager::manager_jdbc_url(db.host.value, db.port.value, db.name.value) ==
      "jdbc:postgresql://127.0.0.1:5432/pulsar_manager") {
    out.push_back(kManagerEmbeddedUrlRule.diagnose(
        db.host.span, "this database URL makes Pulsar Manager start its embedded database instead",
        "use the external server's address; 127.0.0.1 inside the pod is the pod itself"));
  } else if (db.host.value == "localhost" || db.host.value.starts_with("127.") || db.host.value == "::1") {
    out.push_back(kManagerEmbeddedUrlRule.diagnose(db.host.span,
                                                   fmt::format("\"{}\" is the manager pod itself", db.host.value),
                                                   "use the external PostgreSQL server's service name or address"));
  }
}

}  // namespace

const Rule kManagerEmbeddedUrlRule{
    {"PLS0803", Severity::error, "the manager database must be external",
     "Pulsar Manager v0.2.0 and later start their embedded PostgreSQL when the URL is exactly\n"
     "jdbc:postgresql://127.0.0.1:5432/pulsar_manager, silently, and lose its data with the pod. Any\n"
     "loopback host points at the pod itself. Name the external server instead."},
    run};

}  // namespace pulsarc::checker
