#include "crypto/keys.hpp"

#include "crypto/openssl_handles.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>

namespace pulsarc::crypto {
namespace {

KeyLoad problem(KeyProblem reason, int bits = 0, std::size_t length = 0) {
  return KeyLoad{.key = std::nullopt, .problem = reason, .bits = bits, .length = length};
}

/// Rejects keys whose parts disagree (e.g. a hand-edited PKCS#1 file): they would sign tokens that
/// no broker can verify. Checks the identities CRT signing rests on (n = pq, ed = 1 mod p-1 and
/// mod q-1, the CRT exponents, q's inverse) with a few multiplications, where a probe signature
/// costs modular exponentiations and blinding set-up on every run. p and q are not tested for
/// primality, which no edit of a key file gets wrong by accident; EVP_PKEY_pairwise_check spends
/// its time there.
bool parts_agree(const EVP_PKEY& key) {
  constexpr std::array names{OSSL_PKEY_PARAM_RSA_N,         OSSL_PKEY_PARAM_RSA_E,
                             OSSL_PKEY_PARAM_RSA_D,         OSSL_PKEY_PARAM_RSA_FACTOR1,
                             OSSL_PKEY_PARAM_RSA_FACTOR2,   OSSL_PKEY_PARAM_RSA_EXPONENT1,
                             OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1};
  std::array<detail::BignumHandle, names.size()> parts;
  for (std::size_t i = 0; i < names.size(); ++i) {
    BIGNUM* part = nullptr;
    if (EVP_PKEY_get_bn_param(&key, names[i], &part) != 1) return false;
    parts[i].reset(part);
  }
  // A multi-prime key has more factors than these identities cover.
  BIGNUM* third = nullptr;
  if (EVP_PKEY_get_bn_param(&key, OSSL_PKEY_PARAM_RSA_FACTOR3, &third) == 1) {
    BN_clear_free(third);
    return false;
  }
  const auto& [n, e, d, p, q, dp, dq, qinv] = parts;
  const detail::BignumContextHandle context{BN_CTX_new()};
  const detail::BignumHandle product{BN_new()};
  const detail::BignumHandle ed{BN_new()};
  const detail::BignumHandle p1{BN_dup(p.get())};
  const detail::BignumHandle q1{BN_dup(q.get())};
  const detail::BignumHandle rest{BN_new()};
  if (!context || !product || !ed || !p1 || !q1 || !rest || BN_sub_word(p1.get(), 1) != 1 ||
      BN_sub_word(q1.get(), 1) != 1 || BN_is_zero(p1.get()) || BN_is_zero(q1.get())) {
    return false;
  }
  const auto mod_is = [&](const BIGNUM* value, const BIGNUM* modulus, const BIGNUM* expected) {
    return BN_mod(rest.get(), value, modulus, context.get()) == 1 && BN_cmp(rest.get(), expected) == 0;
  };
  return BN_mul(product.get(), p.get(), q.get(), context.get()) == 1 && BN_cmp(product.get(), n.get()) == 0 &&
         BN_mul(ed.get(), e.get(), d.get(), context.get()) == 1 && mod_is(ed.get(), p1.get(), BN_value_one()) &&
         mod_is(ed.get(), q1.get(), BN_value_one()) && mod_is(d.get(), p1.get(), dp.get()) &&
         mod_is(d.get(), q1.get(), dq.get()) &&
         BN_mod_mul(product.get(), qinv.get(), q.get(), p.get(), context.get()) == 1 && BN_is_one(product.get());
}

}  // namespace

void start_openssl() noexcept {
  OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr);
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
  detail::PkeyHandle key = detail::decode_key(file_bytes, detail::KeyParts::private_key);
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
  const int bits = EVP_PKEY_get_bits(key.get());
  const std::optional<Algorithm> algorithm = rsa_algorithm_for_modulus_bits(bits);
  if (!algorithm) {
    return problem(KeyProblem::rsa_too_small, bits);
  }
  if (!parts_agree(*key)) {
    return problem(KeyProblem::not_a_key, bits);
  }
  std::optional<std::string> private_der = detail::encode_private_key_pkcs8_der(*key);
  std::optional<std::string> public_der = detail::encode_public_key_spki_der(*key);
  if (!private_der || !public_der) {
    return problem(KeyProblem::not_a_key, bits);
  }
  return KeyLoad{.key = SigningKey{.algorithm = *algorithm,
                                   .private_pkcs8_der = std::move(*private_der),
                                   .public_spki_der = std::move(*public_der),
                                   .secret = {},
                                   .rsa_bits = bits,
                                   .rsa_key = std::shared_ptr<EVP_PKEY>(key.release(), &EVP_PKEY_free)},
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
                                   .rsa_key = nullptr},
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
