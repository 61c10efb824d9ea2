// Internal to compiler/crypto: owning handles for OpenSSL objects and the general key decoder.
#pragma once
#include "crypto/layer.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace pulsarc::crypto::detail {

template <auto FreeFunction>
struct OpenSslDeleter {
  template <typename T>
  void operator()(T* handle) const noexcept {
    FreeFunction(handle);
  }
};

using PkeyHandle = std::unique_ptr<EVP_PKEY, OpenSslDeleter<&EVP_PKEY_free>>;
using PkeyContextHandle = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<&EVP_PKEY_CTX_free>>;
using DigestContextHandle = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<&EVP_MD_CTX_free>>;
using BignumHandle = std::unique_ptr<BIGNUM, OpenSslDeleter<&BN_clear_free>>;
using BignumContextHandle = std::unique_ptr<BN_CTX, OpenSslDeleter<&BN_CTX_free>>;
using BioHandle = std::unique_ptr<BIO, OpenSslDeleter<&BIO_free_all>>;
using DecoderContextHandle = std::unique_ptr<OSSL_DECODER_CTX, OpenSslDeleter<&OSSL_DECODER_CTX_free>>;

/// Discards the OpenSSL errors raised in its scope: failures we report as return values must not
/// linger on the thread's error queue and confuse a later, unrelated ERR_get_error().
class ErrorQueueScope {
 public:
  ErrorQueueScope() noexcept { ERR_set_mark(); }
  ErrorQueueScope(const ErrorQueueScope&) = delete;
  ErrorQueueScope& operator=(const ErrorQueueScope&) = delete;
  ~ErrorQueueScope() { ERR_pop_to_mark(); }
};

/// OpenSSL APIs take unsigned char pointers; our byte strings are std::string.
inline const unsigned char* as_bytes(std::string_view bytes) noexcept {
  return reinterpret_cast<const unsigned char*>(bytes.data());
}

/// Whether only whitespace (as after a PEM block) is left: one file holds one key.
inline bool is_blank(std::string_view rest) noexcept {
  return rest.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

/// Which parts of a key a decoder should look for.
enum class KeyParts { private_key, public_key_only };

/// Decodes a key in any encoding OpenSSL knows (DER or PEM; PKCS#8, PKCS#1, SPKI, ...).
/// Encrypted keys fail instead of prompting: the passphrase callback always refuses.
/// Anything but whitespace after the key makes the input "not a key".
PkeyHandle decode_key(std::string_view encoded, KeyParts parts);

}  // namespace pulsarc::crypto::detail
