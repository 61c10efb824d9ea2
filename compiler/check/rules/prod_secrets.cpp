#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  if (!context.production() || context.config.output.secrets.value != SecretsMode::inline_) return;
  out.push_back(kProdSecretsRule.diagnose(
      context.config.output.secrets.span, "production forbids Secrets inline in the committed bundle",
      context.production_help("use secrets = \"separate\" (git-ignored secrets/) or \"none\" (External Secrets)")));
}

}  // namespace

const Rule kProdSecretsRule{
    {"PLS0605", Severity::error, "production: no inline Secrets",
     "output.secrets = \"inline\" puts private keys and tokens into the bundle that is committed and\n"
     "reviewed; it is meant for pipelines that encrypt the bundle. Production requires \"separate\" or\n"
     "\"none\"."},
    run};

}  // namespace pulsarc::checker
