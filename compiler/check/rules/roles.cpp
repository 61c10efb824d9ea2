#include <fmt/format.h>

#include "chart/names.hpp"
#include "check/rules/rules.hpp"
#include "check/syntax.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& auth = context.config.auth;
  if (auth.jwt.value == JwtMode::off) return;
  std::vector<const Located<std::string>*> roles = {&auth.broker_role, &auth.proxy_role, &auth.client_role};
  for (const auto& token : auth.tokens) roles.push_back(&token.subject);
  // The manager may share another superuser's role (and so its token): only its spelling counts.
  const std::size_t distinct = roles.size();
  if (!auth.manager_role.value.empty()) roles.push_back(&auth.manager_role);
  const auto& release = context.config.cluster.release.value;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const auto& role = *roles[i];
    const auto secret = names::token_secret(release, role.value);
    if (!is_dns1123_label(role.value) || !is_dns1123_subdomain(secret)) {
      out.push_back(kRolesRule.diagnose(role.span,
                                        fmt::format("role \"{}\" cannot name the Secret \"{}\"", role.value, secret),
                                        "roles name the token Secrets <release>-token-<role>: use lowercase letters, "
                                        "digits and '-'"));
      continue;
    }
    for (std::size_t j = 0; j < i && i < distinct; ++j) {
      if (roles[j]->value != role.value) continue;
      auto d = kRolesRule.diagnose(role.span, fmt::format("role \"{}\" is used twice", role.value),
                                   "give every superuser and token its own role: each role is one Secret");
      d.notes.push_back({roles[j]->span, "first used here"});
      out.push_back(std::move(d));
      break;
    }
  }
}

}  // namespace

const Rule kRolesRule{{"PLS0704", Severity::error, "token roles must be distinct and valid Secret-name suffixes",
                       "pulsarc mints one token per superuser role and per [[auth.tokens]] entry and stores it in the\n"
                       "Secret <release>-token-<role>, the name the chart mounts. A role must therefore be a DNS-1123\n"
                       "label, and two entries with the same role would write the same Secret."},
                      run};

}  // namespace pulsarc::checker
