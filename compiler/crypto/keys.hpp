// Loading the key a cluster's tokens are signed with, and choosing the JWS algorithm the way
// jjwt (and so `pulsar tokens create`) does: from the key's size, never from user input.
#pragma once
#include "crypto/layer.hpp"

#include <openssl/types.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "pulsarc/pipeline.hpp"

namespace pulsarc::crypto {

namespace detail {
struct RsaKeyState;
}

/// Initialises OpenSSL without reading openssl.cnf (or $OPENSSL_CONF): nothing pulsarc does
/// depends on it, the same input must give the same bytes on any machine, and reading it costs
/// every run. Nor its error strings: pulsarc reports its own reasons, never OpenSSL's text.
/// Call before any other OpenSSL use; later calls do nothing.
void start_openssl() noexcept;

enum class Algorithm { rs256, rs384, rs512, hs256, hs384, hs512 };

/// The JWS "alg" value, e.g. "RS256".
[[nodiscard]] std::string_view algorithm_name(Algorithm algorithm);

/// Smallest sizes Pulsar (jjwt) accepts for signing and verifying.
inline constexpr int minimum_rsa_bits = 2048;
inline constexpr std::size_t minimum_secret_length = 32;

/// jjwt SignatureAlgorithm.forSigningKey: >= 4096 bits RS512, >= 3072 RS384, >= 2048 RS256, else none.
[[nodiscard]] std::optional<Algorithm> rsa_algorithm_for_modulus_bits(int modulus_bits);
/// jjwt SignatureAlgorithm.forSigningKey: >= 64 bytes HS512, >= 48 HS384, >= 32 HS256, else none.
[[nodiscard]] std::optional<Algorithm> hmac_algorithm_for_secret_length(std::size_t secret_length);

/// A validated signing key in the exact byte forms the cluster receives.
/// RSA: private_pkcs8_der, public_spki_der and rsa are set (rsa_bits too); HMAC: secret is set.
/// The same key read from any encoding yields byte-identical fields.
struct SigningKey {
  Algorithm algorithm = Algorithm::rs256;
  std::string private_pkcs8_der;  ///< PKCS#8 PrivateKeyInfo, as `pulsar tokens create-key-pair` writes
  std::string public_spki_der;    ///< X.509 SubjectPublicKeyInfo, what brokers read as tokenPublicKey
  std::string secret;             ///< raw HMAC key bytes, used verbatim like the broker's file: URL
  int rsa_bits = 0;
  /// The RSA key's numbers, and OpenSSL's form of the key, made on first use and then shared by
  /// every token: making it costs as much as the rest of a `check`, which never signs.
  std::shared_ptr<detail::RsaKeyState> rsa;
};

enum class KeyProblem {
  none,
  not_a_key,         ///< not a key OpenSSL can decode (also: encrypted, or internally inconsistent)
  not_rsa,           ///< a private key of another type, e.g. EC
  rsa_pss,           ///< an RSA-PSS (id-RSASSA-PSS) key; Pulsar's KeyFactory "RSA" wants rsaEncryption
  rsa_too_small,     ///< fewer than 2048 modulus bits; see KeyLoad::bits
  secret_too_short,  ///< fewer than 32 bytes; see KeyLoad::length
  public_key_only,   ///< a public key where the private key is needed
};

/// Either a key (problem none) or the reason there is none. `bits` is the RSA modulus size when
/// known, `length` the secret's size, so a diagnostic can say "1024 bits" or "31 bytes".
struct KeyLoad {
  std::optional<SigningKey> key;
  KeyProblem problem = KeyProblem::none;
  int bits = 0;
  std::size_t length = 0;
};

/// Reads an unencrypted RSA private key: PKCS#8 DER or PEM, PKCS#1 ("RSA PRIVATE KEY") PEM or DER.
/// Never prompts for a passphrase: an encrypted key is not_a_key. So is a file with anything but
/// whitespace after the key (a DER key with trailing bytes is corrupt; Java rejects it too), and a
/// key whose parts disagree (it would sign tokens no broker can verify).
[[nodiscard]] KeyLoad load_rsa_private_key(std::string_view file_bytes);

/// Takes the file's bytes verbatim as the HMAC key, exactly as a broker reading `file:` does
/// (no trimming, no base64 decoding).
[[nodiscard]] KeyLoad load_secret_key(std::string_view file_bytes);

/// The key `auth.jwt` signs with, from its file among `files`; null when JWT is off or the file
/// was not read (the check stage reports why).
[[nodiscard]] std::shared_ptr<const KeyLoad> load_signing_key(const Config& config, const ReferencedFiles& files);

}  // namespace pulsarc::crypto
