#include <fmt/format.h>

#include "check/rules/rules.hpp"
#include "crypto/keys.hpp"

namespace pulsarc::checker {
namespace {

const std::string* key_bytes(const RuleContext& context, const std::optional<Located<std::string>>& path) {
  if (!path) return nullptr;
  const auto it = context.files.find(path->value);
  return it != context.files.end() && it->second.bytes ? &*it->second.bytes : nullptr;
}

void run(const RuleContext& context, Diagnostics& out) {
  const auto& auth = context.config.auth;
  if (auth.jwt.value == JwtMode::asymmetric) {
    const auto* bytes = key_bytes(context, auth.private_key);
    if (!bytes) return;  // PLS0701
    const auto& load = *context.signing_key();
    std::string problem;
    switch (load.problem) {
      case crypto::KeyProblem::not_a_key:
        problem = "is not an unencrypted RSA private key (PKCS#8 DER/PEM or PKCS#1 PEM)";
        break;
      case crypto::KeyProblem::not_rsa:
        problem = "holds a non-RSA key; Pulsar's tokenPublicKey here must be RSA";
        break;
      case crypto::KeyProblem::rsa_pss:
        problem = "holds an RSA-PSS key; Pulsar's KeyFactory \"RSA\" needs rsaEncryption";
        break;
      case crypto::KeyProblem::public_key_only:
        problem = "holds a public key; auth.private_key needs the private key";
        break;
      default: return;  // fine, or too weak (PLS0703)
    }
    out.push_back(kKeyKindRule.diagnose(auth.private_key->span,
                                        fmt::format("\"{}\" {}", auth.private_key->value, problem),
                                        "point auth.private_key at the private key `pulsarc keygen` or "
                                        "`pulsar tokens create-key-pair` wrote"));
  } else if (auth.jwt.value == JwtMode::symmetric) {
    const auto* bytes = key_bytes(context, auth.secret_key);
    if (!bytes) return;
    if (bytes->starts_with("-----BEGIN") ||
        (bytes->size() > 2 && (*bytes)[0] == 0x30 && static_cast<unsigned char>((*bytes)[1]) == 0x82 &&
         crypto::load_rsa_private_key(*bytes).key)) {
      out.push_back(kKeyKindRule.diagnose(
          auth.secret_key->span, fmt::format("\"{}\" is an RSA key, not raw secret bytes", auth.secret_key->value),
          "use auth.jwt = \"asymmetric\" with auth.private_key, or create a secret with "
          "`pulsarc keygen --symmetric`"));
    }
  }
}

}  // namespace

const Rule kKeyKindRule{
    {"PLS0702", Severity::error, "the key file must match auth.jwt",
     "auth.jwt = \"asymmetric\" needs an unencrypted RSA private key with the rsaEncryption algorithm\n"
     "(PKCS#8 DER as `pulsar tokens create-key-pair` writes it, or PEM); pulsarc derives the public\n"
     "key. \"symmetric\" needs raw secret bytes. A public key, an EC or RSA-PSS key, an encrypted\n"
     "PEM, or an RSA key used as a secret would make the broker reject every token."},
    run};

}  // namespace pulsarc::checker
