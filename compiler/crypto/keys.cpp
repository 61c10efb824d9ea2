#include "crypto/keys.hpp"

#include "crypto/openssl_handles.hpp"

#include <openssl/evp.h>

namespace pulsarc::crypto {
namespace {

KeyLoad problem(KeyProblem reason, int bits = 0, std::size_t length = 0) {
  return KeyLoad{.key = std::nullopt, .problem = reason, .bits = bits, .length = length};
}

// Rejects keys whose parts disagree (e.g. a hand-edited PKCS#1 file): they would sign tokens that
// no broker can verify. A probe signature checked against the key's own public half tests exactly
// that, and costs far less than EVP_PKEY_pairwise_check (which runs primality tests).
bool signs_verifiably(EVP_PKEY& key) {
  constexpr std::string_view probe = "pulsarc key consistency probe";
  const detail::DigestContextHandle sign_context{EVP_MD_CTX_new()};
  const detail::DigestContextHandle verify_context{EVP_MD_CTX_new()};
  if (!sign_context || !verify_context ||
      EVP_DigestSignInit_ex(sign_context.get(), nullptr, "SHA256", nullptr, nullptr, &key, nullptr) != 1 ||
      EVP_DigestVerifyInit_ex(verify_context.get(), nullptr, "SHA256", nullptr, nullptr, &key, nullptr) != 1) {
    return false;
  }
  std::string signature(static_cast<std::size_t>(EVP_PKEY_get_size(&key)), '\0');
  std::size_t signature_length = signature.size();
  return EVP_DigestSign(sign_context.get(), reinterpret_cast<unsigned char*>(signature.data()), &signature_length,
                        detail::as_bytes(probe), probe.size()) == 1 &&
         EVP_DigestVerify(verify_context.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature_length, detail::as_bytes(probe), probe.size()) == 1;
}

}  // namespace

std::string_view algorithm_name(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::RS256: return "RS256";
    case Algorithm::RS384: return "RS384";
    case Algorithm::RS512: return "RS512";
    case Algorithm::HS256: return "HS256";
    case Algorithm::HS384: return "HS384";
    case Algorithm::HS512: return "HS512";
  }
  return "unknown";
}

std::optional<Algorithm> rsa_algorithm_for_modulus_bits(int modulus_bits) {
  if (modulus_bits >= 4096) return Algorithm::RS512;
  if (modulus_bits >= 3072) return Algorithm::RS384;
  if (modulus_bits >= minimum_rsa_bits) return Algorithm::RS256;
  return std::nullopt;
}

std::optional<Algorithm> hmac_algorithm_for_secret_length(std::size_t secret_length) {
  if (secret_length >= 64) return Algorithm::HS512;
  if (secret_length >= 48) return Algorithm::HS384;
  if (secret_length >= minimum_secret_length) return Algorithm::HS256;
  return std::nullopt;
}

KeyLoad load_rsa_private_key(std::string_view file_bytes) {
  const detail::ErrorQueueScope expected_failures_stay_here;
  const detail::PkeyHandle key = detail::decode_key(file_bytes, detail::KeyParts::PrivateKey);
  if (!key) {
    // Tell "you gave me the public half" apart from "this is not a key at all".
    if (detail::decode_key(file_bytes, detail::KeyParts::PublicKeyOnly)) {
      return problem(KeyProblem::PublicKeyOnly);
    }
    return problem(KeyProblem::NotAKey);
  }
  // RSA-PSS keys have their own key type in OpenSSL 3, so check before the generic RSA test.
  if (EVP_PKEY_is_a(key.get(), "RSA-PSS") == 1) {
    return problem(KeyProblem::RsaPss, EVP_PKEY_get_bits(key.get()));
  }
  if (EVP_PKEY_is_a(key.get(), "RSA") != 1) {
    return problem(KeyProblem::NotRsa);
  }
  const int bits = EVP_PKEY_get_bits(key.get());
  const std::optional<Algorithm> algorithm = rsa_algorithm_for_modulus_bits(bits);
  if (!algorithm) {
    return problem(KeyProblem::RsaTooSmall, bits);
  }
  if (!signs_verifiably(*key)) {
    return problem(KeyProblem::NotAKey, bits);
  }
  std::optional<std::string> private_der = detail::encode_private_key_pkcs8_der(*key);
  std::optional<std::string> public_der = detail::encode_public_key_spki_der(*key);
  if (!private_der || !public_der) {
    return problem(KeyProblem::NotAKey, bits);
  }
  return KeyLoad{.key = SigningKey{.algorithm = *algorithm,
                                   .private_pkcs8_der = std::move(*private_der),
                                   .public_spki_der = std::move(*public_der),
                                   .secret = {},
                                   .rsa_bits = bits},
                 .problem = KeyProblem::None,
                 .bits = bits,
                 .length = 0};
}

KeyLoad load_secret_key(std::string_view file_bytes) {
  const std::optional<Algorithm> algorithm = hmac_algorithm_for_secret_length(file_bytes.size());
  if (!algorithm) {
    return problem(KeyProblem::SecretTooShort, 0, file_bytes.size());
  }
  return KeyLoad{.key = SigningKey{.algorithm = *algorithm,
                                   .private_pkcs8_der = {},
                                   .public_spki_der = {},
                                   .secret = std::string(file_bytes),
                                   .rsa_bits = 0},
                 .problem = KeyProblem::None,
                 .bits = 0,
                 .length = file_bytes.size()};
}

}  // namespace pulsarc::crypto
