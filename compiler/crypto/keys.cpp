#include "crypto/keys.hpp"

#include "crypto/openssl_handles.hpp"
#include "crypto/rsa_parts.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace pulsarc::crypto {
namespace {

KeyLoad problem(KeyProblem reason, int bits = 0, std::size_t length = 0) {
  return KeyLoad{.key = std::nullopt, .problem = reason, .bits = bits, .length = length};
}

}  // namespace

void start_openssl() noexcept {
  OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS, nullptr);
}

std::string_view algorithm_name(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::rs256: return "RS256";
    case Algorithm::rs384: return "RS384";
    case Algorithm::rs512: return "RS512";
    case Algorithm::hs256: return "HS256";
    case Algorithm::hs384: return "HS384";
    case Algorithm::hs512: return "HS512";
  }
  return "unknown";
}

std::optional<Algorithm> rsa_algorithm_for_modulus_bits(int modulus_bits) {
  if (modulus_bits >= 4096) return Algorithm::rs512;
  if (modulus_bits >= 3072) return Algorithm::rs384;
  if (modulus_bits >= minimum_rsa_bits) return Algorithm::rs256;
  return std::nullopt;
}

std::optional<Algorithm> hmac_algorithm_for_secret_length(std::size_t secret_length) {
  if (secret_length >= 64) return Algorithm::hs512;
  if (secret_length >= 48) return Algorithm::hs384;
  if (secret_length >= minimum_secret_length) return Algorithm::hs256;
  return std::nullopt;
}

KeyLoad load_rsa_private_key(std::string_view file_bytes) {
  const detail::ErrorQueueScope expected_failures_stay_here;
  // The common case (DER, as `pulsarc keygen` and `pulsar tokens create-key-pair` write it) is
  // read with the ASN.1 functions alone; the general decoder takes everything else.
  std::optional<detail::RsaParts> parts = detail::read_rsa_der(file_bytes);
  detail::PkeyHandle key;
  if (!parts) {
    key = detail::decode_key(file_bytes, detail::KeyParts::private_key);
    if (!key) {
      // Tell "you gave me the public half" apart from "this is not a key at all".
      if (detail::decode_key(file_bytes, detail::KeyParts::public_key_only)) {
        return problem(KeyProblem::public_key_only);
      }
      return problem(KeyProblem::not_a_key);
    }
    // RSA-PSS keys have their own key type in OpenSSL 3, so check before the generic RSA test.
    if (EVP_PKEY_is_a(key.get(), "RSA-PSS") == 1) {
      return problem(KeyProblem::rsa_pss, EVP_PKEY_get_bits(key.get()));
    }
    if (EVP_PKEY_is_a(key.get(), "RSA") != 1) {
      return problem(KeyProblem::not_rsa);
    }
    parts = detail::rsa_parts_of(*key);
    if (!parts) {
      return problem(KeyProblem::not_a_key, EVP_PKEY_get_bits(key.get()));  // multi-prime
    }
  }
  const int bits = BN_num_bits(parts->n());
  const std::optional<Algorithm> algorithm = rsa_algorithm_for_modulus_bits(bits);
  if (!algorithm) {
    return problem(KeyProblem::rsa_too_small, bits);
  }
  if (!detail::parts_agree(*parts)) {
    return problem(KeyProblem::not_a_key, bits);
  }
  std::optional<std::string> private_der = detail::private_key_pkcs8_der(*parts);
  std::optional<std::string> public_der = detail::public_key_spki_der(*parts);
  if (!private_der || !public_der) {
    return problem(KeyProblem::not_a_key, bits);
  }
  return KeyLoad{.key = SigningKey{.algorithm = *algorithm,
                                   .private_pkcs8_der = std::move(*private_der),
                                   .public_spki_der = std::move(*public_der),
                                   .secret = {},
                                   .rsa_bits = bits,
                                   .rsa = std::make_shared<detail::RsaKeyState>(
                                       detail::RsaKeyState{.parts = std::move(*parts), .rsa = nullptr})},
                 .problem = KeyProblem::none,
                 .bits = bits,
                 .length = 0};
}

KeyLoad load_secret_key(std::string_view file_bytes) {
  const std::optional<Algorithm> algorithm = hmac_algorithm_for_secret_length(file_bytes.size());
  if (!algorithm) {
    return problem(KeyProblem::secret_too_short, 0, file_bytes.size());
  }
  return KeyLoad{.key = SigningKey{.algorithm = *algorithm,
                                   .private_pkcs8_der = {},
                                   .public_spki_der = {},
                                   .secret = std::string(file_bytes),
                                   .rsa_bits = 0,
                                   .rsa = nullptr},
                 .problem = KeyProblem::none,
                 .bits = 0,
                 .length = file_bytes.size()};
}

std::shared_ptr<const KeyLoad> load_signing_key(const Config& config, const ReferencedFiles& files) {
  const auto& auth = config.auth;
  const bool asymmetric = auth.jwt.value == JwtMode::asymmetric;
  const auto& path = asymmetric ? auth.private_key : auth.secret_key;
  if (auth.jwt.value == JwtMode::off || !path) return nullptr;
  const auto it = files.find(path->value);
  if (it == files.end() || !it->second.bytes) return nullptr;
  return std::make_shared<const KeyLoad>(asymmetric ? load_rsa_private_key(*it->second.bytes)
                                                    : load_secret_key(*it->second.bytes));
}

}  // namespace pulsarc::crypto
