// RSA_sign: see crypto/rsa_parts.cpp for why the deprecated RSA functions.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "crypto/jwt.hpp"

#include "crypto/digest.hpp"
#include "crypto/openssl_handles.hpp"
#include "crypto/rsa_parts.hpp"

#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/rsa.h>

#include <array>
#include <stdexcept>

namespace pulsarc::crypto {
namespace {

/// The OpenSSL digest behind each JWS algorithm.
const char* digest_name(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::rs256:
    case Algorithm::hs256: return "SHA256";
    case Algorithm::rs384:
    case Algorithm::hs384: return "SHA384";
    case Algorithm::rs512:
    case Algorithm::hs512: return "SHA512";
  }
  return "SHA256";
}

bool is_hmac(Algorithm algorithm) {
  return algorithm == Algorithm::hs256 || algorithm == Algorithm::hs384 || algorithm == Algorithm::hs512;
}

/// SHA-2 size of each JWS algorithm.
int hash_bits(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::rs256:
    case Algorithm::hs256: return 256;
    case Algorithm::rs384:
    case Algorithm::hs384: return 384;
    case Algorithm::rs512:
    case Algorithm::hs512: return 512;
  }
  return 256;
}

/// The OpenSSL object id of each JWS algorithm's digest, which RSA_sign encodes.
int digest_nid(Algorithm algorithm) {
  switch (hash_bits(algorithm)) {
    case 384: return NID_sha384;
    case 512: return NID_sha512;
    default: return NID_sha256;
  }
}

/// The DER DigestInfo that precedes the hash in a PKCS#1 v1.5 signature (RFC 8017 9.2, note 1).
std::string_view digest_info_prefix(Algorithm algorithm) {
  using namespace std::string_view_literals;
  switch (hash_bits(algorithm)) {
    case 384: return "\x30\x41\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x02\x05\x00\x04\x30"sv;
    case 512: return "\x30\x51\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x03\x05\x00\x04\x40"sv;
    default: return "\x30\x31\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x00\x04\x20"sv;
  }
}

/// RSASSA-PKCS1-v1_5 (the RSA default padding): deterministic, unlike PSS. RSA_sign pads the
/// DigestInfo and signs with OpenSSL's constant-time, blinded private operation.
std::string sign_rsa(const SigningKey& key, std::string_view signing_input) {
  RSA* const rsa = key.rsa ? detail::openssl_rsa(*key.rsa) : nullptr;
  if (rsa == nullptr) throw std::runtime_error("OpenSSL could not set up RSA signing with the token key");
  const std::string digest = sha2(hash_bits(key.algorithm), signing_input);
  std::string signature(static_cast<std::size_t>(RSA_size(rsa)), '\0');
  unsigned int signature_length = 0;
  if (RSA_sign(digest_nid(key.algorithm), detail::as_bytes(digest), static_cast<unsigned int>(digest.size()),
               reinterpret_cast<unsigned char*>(signature.data()), &signature_length, rsa) != 1) {
    throw std::runtime_error("OpenSSL could not compute the RSA signature");
  }
  signature.resize(signature_length);
  return signature;
}

/// Whether `signature` is the RSASSA-PKCS1-v1_5 signature of `signing_input`: signature^e mod n
/// must be exactly the padded DigestInfo (EMSA-PKCS1-v1_5). The encoding is deterministic, so this
/// holds for one signature only, the one signing would make. Done with OpenSSL's bignum functions
/// because EVP verification first builds OpenSSL's map of every algorithm name, which costs more
/// than the rest of an up-to-date build.
bool rsa_signature_verifies(const SigningKey& key, std::string_view signing_input, std::string_view signature) {
  if (!key.rsa) return false;
  const detail::RsaParts& parts = key.rsa->parts;
  const auto size = static_cast<std::size_t>(BN_num_bytes(parts.n()));
  const std::string digest_info =
      std::string(digest_info_prefix(key.algorithm)) + sha2(hash_bits(key.algorithm), signing_input);
  if (signature.size() != size || size < digest_info.size() + 11) return false;
  const detail::BignumContextHandle context{BN_CTX_new()};
  const detail::BignumHandle value{BN_bin2bn(detail::as_bytes(signature), static_cast<int>(signature.size()), nullptr)};
  const detail::BignumHandle encoded{BN_new()};
  if (!context || !value || !encoded || BN_cmp(value.get(), parts.n()) >= 0 ||
      BN_mod_exp(encoded.get(), value.get(), parts.e(), parts.n(), context.get()) != 1) {
    return false;
  }
  std::string message(size, '\0');
  if (BN_bn2binpad(encoded.get(), reinterpret_cast<unsigned char*>(message.data()), static_cast<int>(size)) < 0) {
    return false;
  }
  std::string expected("\x00\x01", 2);
  expected.append(size - 3 - digest_info.size(), '\xff');
  expected += '\0';
  expected += digest_info;
  return message == expected;
}

/// Standard base64 with padding from JWS's URL-safe unpadded form; nullopt unless it is the one
/// text base64url() gives for the decoded bytes.
std::optional<std::string> base64url_decode(std::string_view text) {
  std::string standard(text);
  for (char& c : standard) {
    if (c == '-')
      c = '+';
    else if (c == '_')
      c = '/';
    else if (c == '+' || c == '/' || c == '=')
      return std::nullopt;
  }
  standard.append((4 - standard.size() % 4) % 4, '=');
  auto bytes = base64_decode(standard);
  if (!bytes || base64url(*bytes) != text) return std::nullopt;
  return bytes;
}

std::string signing_input(const SigningKey& key, std::string_view subject,
                          std::optional<std::int64_t> expires_epoch_seconds) {
  // Field order is jjwt's: the header holds only "alg"; claims keep insertion order, sub first.
  const std::string header = std::string(R"({"alg":")") + std::string(algorithm_name(key.algorithm)) + R"("})";
  std::string payload = R"({"sub":)" + jackson_json_string(subject);
  if (expires_epoch_seconds) {
    payload += R"(,"exp":)" + std::to_string(*expires_epoch_seconds);
  }
  payload += '}';
  return base64url(header) + '.' + base64url(payload);
}

std::string sign_hmac(const SigningKey& key, std::string_view signing_input) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  std::size_t mac_length = 0;
  if (EVP_Q_mac(nullptr, "HMAC", nullptr, digest_name(key.algorithm), nullptr, key.secret.data(), key.secret.size(),
                detail::as_bytes(signing_input), signing_input.size(), mac.data(), mac.size(),
                &mac_length) == nullptr) {
    throw std::runtime_error("OpenSSL could not compute the HMAC");
  }
  return std::string(reinterpret_cast<const char*>(mac.data()), mac_length);
}

}  // namespace

std::string jackson_json_string(std::string_view text) {
  constexpr std::string_view uppercase_hex = "0123456789ABCDEF";
  std::string literal;
  literal.reserve(text.size() + 2);
  literal += '"';
  for (const char character : text) {
    const auto byte = static_cast<unsigned char>(character);
    switch (character) {
      case '"': literal += "\\\""; break;
      case '\\': literal += "\\\\"; break;
      case '\b': literal += "\\b"; break;
      case '\t': literal += "\\t"; break;
      case '\n': literal += "\\n"; break;
      case '\f': literal += "\\f"; break;
      case '\r': literal += "\\r"; break;
      default:
        if (byte < 0x20) {
          literal += "\\u00";
          literal += uppercase_hex[byte >> 4];
          literal += uppercase_hex[byte & 0x0F];
        } else {
          literal += character;  // '/', DEL and UTF-8 bytes are not escaped by Jackson
        }
    }
  }
  literal += '"';
  return literal;
}

std::string mint_token(const SigningKey& key, std::string_view subject,
                       std::optional<std::int64_t> expires_epoch_seconds) {
  const std::string input = signing_input(key, subject, expires_epoch_seconds);
  const std::string signature = is_hmac(key.algorithm) ? sign_hmac(key, input) : sign_rsa(key, input);
  return input + '.' + base64url(signature);
}

bool is_minted_token(const SigningKey& key, std::string_view subject, std::optional<std::int64_t> expires_epoch_seconds,
                     std::string_view token) {
  const std::string input = signing_input(key, subject, expires_epoch_seconds);
  if (token.size() <= input.size() || !token.starts_with(input) || token[input.size()] != '.') return false;
  const std::string_view encoded = token.substr(input.size() + 1);
  if (is_hmac(key.algorithm)) return base64url(sign_hmac(key, input)) == encoded;
  const auto signature = base64url_decode(encoded);
  return signature && rsa_signature_verifies(key, input, *signature);
}

}  // namespace pulsarc::crypto
