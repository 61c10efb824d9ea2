#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& auth = context.config.auth;
  const auto* path = auth.jwt.value == JwtMode::asymmetric  ? (auth.private_key ? &*auth.private_key : nullptr)
                     : auth.jwt.value == JwtMode::symmetric ? (auth.secret_key ? &*auth.secret_key : nullptr)
                                                            : nullptr;
  if (!path) return;
  const auto it = context.files.find(path->value);
  if (it != context.files.end() && it->second.bytes) return;
  if (context.options.allow_missing_secret_files) return;
  const std::string problem = it == context.files.end() ? std::string("not read") : it->second.problem;
  out.push_back(kKeyFileRule.diagnose(
      path->span, fmt::format("cannot read the key file \"{}\": {}", path->value, problem),
      auth.jwt.value == JwtMode::asymmetric
          ? "create it with `pulsarc keygen -o keys` (paths are relative to pulsar.toml), or fix the path"
          : "create it with `pulsarc keygen --symmetric -o keys` (paths are relative to pulsar.toml), or fix the "
            "path"));
}

}  // namespace

const Rule kKeyFileRule{
    {"PLS0701", Severity::error, "the JWT key file must exist and be readable",
     "pulsarc never invents key material: tokens and the key Secret are made from the file named by\n"
     "auth.private_key (asymmetric) or auth.secret_key (symmetric), relative to pulsar.toml. Create\n"
     "one with `pulsarc keygen` (RSA-2048, PKCS#8 DER) or `pulsarc keygen --symmetric` (32 bytes) and\n"
     "keep it out of git."},
    run};

}  // namespace pulsarc::checker
