#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& c = context.config;
  const auto& auth = c.auth;
  if (auth.jwt.value == JwtMode::asymmetric && !auth.private_key) {
    out.push_back(
        kConditionalKeysRule.diagnose(auth.jwt.span, "auth.jwt = \"asymmetric\" needs auth.private_key",
                                      "add private_key = \"keys/private.der\" (create it with `pulsarc keygen`)"));
  }
  if (auth.jwt.value == JwtMode::symmetric && !auth.secret_key) {
    out.push_back(kConditionalKeysRule.diagnose(
        auth.jwt.span, "auth.jwt = \"symmetric\" needs auth.secret_key",
        "add secret_key = \"keys/secret.key\" (create it with `pulsarc keygen --symmetric`)"));
  }
  if (auth.jwt.value != JwtMode::asymmetric && auth.private_key) {
    out.push_back(kConditionalKeysRule.diagnose(auth.private_key->span,
                                                "auth.private_key is set but auth.jwt is not \"asymmetric\"",
                                                "remove private_key, or set jwt = \"asymmetric\""));
  }
  if (auth.jwt.value != JwtMode::symmetric && auth.secret_key) {
    out.push_back(kConditionalKeysRule.diagnose(auth.secret_key->span,
                                                "auth.secret_key is set but auth.jwt is not \"symmetric\"",
                                                "remove secret_key, or set jwt = \"symmetric\""));
  }
  if (auth.jwt.value == JwtMode::off && !auth.tokens.empty()) {
    out.push_back(
        kConditionalKeysRule.diagnose(auth.tokens.front().span, "[[auth.tokens]] needs auth.jwt to be on",
                                      "set auth.jwt = \"asymmetric\" or \"symmetric\", or remove the tokens"));
  }
  if (c.manager.enabled.value && !c.manager.database) {
    out.push_back(kConditionalKeysRule.diagnose(c.manager.enabled.span,
                                                "manager.enabled = true needs [manager.database]",
                                                "add [manager.database] with host, name, user and password_file: the "
                                                "manager's embedded database loses its data on every restart"));
  }
}

}  // namespace

const Rule kConditionalKeysRule{
    {"PLS0113", Severity::error, "keys required (or unused) because of another setting",
     "Some keys depend on others: auth.jwt = \"asymmetric\" needs auth.private_key, \"symmetric\" needs\n"
     "auth.secret_key, [[auth.tokens]] need JWT on, and manager.enabled needs [manager.database].\n"
     "A key file that the chosen mode never reads is an error too: it is most likely a mistake."},
    run};

}  // namespace pulsarc::checker
