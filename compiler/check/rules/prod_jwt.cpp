#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  if (!context.production() || context.config.auth.jwt.value != JwtMode::off) return;
  out.push_back(kProdJwtRule.diagnose(
      context.config.auth.jwt.span, "production requires JWT authentication",
      context.production_help("set auth.jwt = \"asymmetric\" and create a key with `pulsarc keygen`")));
}

}  // namespace

const Rule kProdJwtRule{
    {"PLS0604", Severity::error, "production: JWT authentication on",
     "Without authentication any pod in the cluster can produce, consume and administer every topic.\n"
     "The production profile requires auth.jwt = \"asymmetric\" or \"symmetric\"."},
    run};

}  // namespace pulsarc::checker
