// Internal to compiler/crypto: an RSA private key as its eight numbers (RFC 8017 A.1.2), read
// from and written to DER with OpenSSL's ASN.1 functions. OpenSSL 3's decoder and encoder
// frameworks set up every provider's codecs on first use, which cost more than the rest of
// `pulsarc check` together; keys in the form `pulsarc keygen` writes never need them.
#pragma once
#include "crypto/layer.hpp"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/openssl_handles.hpp"

namespace pulsarc::crypto::detail {

/// n, e, d, p, q, d mod (p-1), d mod (q-1), q^-1 mod p: a two-prime RSA private key.
struct RsaParts {
  std::array<BignumHandle, 8> numbers;

  [[nodiscard]] const BIGNUM* n() const noexcept { return numbers[0].get(); }
  [[nodiscard]] const BIGNUM* e() const noexcept { return numbers[1].get(); }
};

/// The parts of a DER key: PKCS#8 PrivateKeyInfo with rsaEncryption, or PKCS#1 RSAPrivateKey
/// (two primes), followed by nothing but whitespace. nullopt for anything else, which the
/// caller hands to OpenSSL's general decoder (PEM, other key types, multi-prime keys, garbage).
[[nodiscard]] std::optional<RsaParts> read_rsa_der(std::string_view der);

/// The parts of a decoded key; nullopt when it is not a two-prime RSA key.
[[nodiscard]] std::optional<RsaParts> rsa_parts_of(const EVP_PKEY& key);

/// Whether the parts make one key (n = pq, ed = 1 mod p-1 and mod q-1, the CRT exponents, q's
/// inverse): a key whose parts disagree signs tokens that no broker can verify. Checked with a few
/// multiplications, where a probe signature costs modular exponentiations on every run. p and q
/// are not tested for primality, which no edit of a key file gets wrong by accident.
[[nodiscard]] bool parts_agree(const RsaParts& parts);

/// Frees OpenSSL's RSA structure (declared here without the deprecated RSA functions).
struct RsaDeleter {
  void operator()(RSA* rsa) const noexcept;
};
using RsaHandle = std::unique_ptr<RSA, RsaDeleter>;

/// A loaded RSA key: its numbers, and OpenSSL's form of it once made.
struct RsaKeyState {
  RsaParts parts;
  RsaHandle rsa;
};

/// The key OpenSSL signs with, made from the parts on first use; null only when OpenSSL fails
/// (out of memory).
[[nodiscard]] RSA* openssl_rsa(RsaKeyState& state);

/// PKCS#8 PrivateKeyInfo DER (rsaEncryption, NULL parameters), the form Java's
/// PKCS8EncodedKeySpec and `pulsar tokens create-key-pair` use.
[[nodiscard]] std::optional<std::string> private_key_pkcs8_der(const RsaParts& parts);

/// X.509 SubjectPublicKeyInfo DER, the form X509EncodedKeySpec (the broker's tokenPublicKey) reads.
[[nodiscard]] std::optional<std::string> public_key_spki_der(const RsaParts& parts);

}  // namespace pulsarc::crypto::detail
