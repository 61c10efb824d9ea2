#include <fmt/format.h>

#include <algorithm>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

bool is_plain_identifier(std::string_view name) {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; };
  return !name.empty() && name.size() <= 63 && letter(name.front()) &&
         std::ranges::all_of(name, [&](char c) { return letter(c) || (c >= '0' && c <= '9'); });
}

void run(const RuleContext& context, Diagnostics& out) {
  const auto& m = context.config.manager;
  if (!m.enabled.value || !m.database) return;
  for (const auto* field : {&m.database->name, &m.database->user}) {
    if (is_plain_identifier(field->value) && !field->value.starts_with("pg_") && field->value != "postgres") continue;
    out.push_back(kManagerIdentifierRule.diagnose(
        field->span, fmt::format("\"{}\" is not a plain PostgreSQL identifier", field->value),
        "use at most 63 lowercase letters, digits and '_', starting with a letter or '_'; not postgres or pg_*"));
  }
}

}  // namespace

const Rule kManagerIdentifierRule{
    {"PLS0804", Severity::error, "database and role names must be plain PostgreSQL identifiers",
     "manager.database.name and .user become identifiers in manager/init.sql and in the JDBC URL.\n"
     "pulsarc accepts lowercase letters, digits and '_' (at most 63, not starting with a digit), the\n"
     "names PostgreSQL never needs to quote or case-fold. `pg_` names are reserved, and the role must not\n"
     "be `postgres`: init.sql sets the role's password and would reset the superuser's."},
    run};

}  // namespace pulsarc::checker
