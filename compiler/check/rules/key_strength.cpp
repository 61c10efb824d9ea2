#include <fmt/format.h>

#include "check/rules/rules.hpp"
#include "crypto/keys.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& auth = context.config.auth;
  const bool asymmetric = auth.jwt.value == JwtMode::asymmetric;
  const auto& path = asymmetric ? auth.private_key : auth.secret_key;
  if (auth.jwt.value == JwtMode::off || !path) return;
  const crypto::KeyLoad* key = context.signing_key();
  if (!key) return;  // PLS0701
  const auto& load = *key;
  if (load.problem == crypto::KeyProblem::rsa_too_small) {
    out.push_back(kKeyStrengthRule.diagnose(
        path->span, fmt::format("the RSA key has {} bits; Pulsar needs at least 2048", load.bits),
        "create a 2048-bit key with `pulsarc keygen`"));
  } else if (load.problem == crypto::KeyProblem::secret_too_short) {
    out.push_back(kKeyStrengthRule.diagnose(
        path->span, fmt::format("the secret key has {} bytes; Pulsar needs at least 32", load.length),
        "create a 32-byte key with `pulsarc keygen --symmetric`"));
  }
}

}  // namespace

const Rule kKeyStrengthRule{
    {"PLS0703", Severity::error, "keys must be strong enough for Pulsar",
     "Pulsar's token library (jjwt) refuses RSA keys under 2048 bits and HMAC secrets under 32 bytes,\n"
     "for signing and for verifying: the broker would fail to start. The key size also picks the\n"
     "algorithm exactly as Pulsar does: RSA 2048/3072/4096 bits give RS256/RS384/RS512, secrets of\n"
     "32/48/64 bytes give HS256/HS384/HS512."},
    run};

}  // namespace pulsarc::checker
