#include "crypto/openssl_handles.hpp"

#include <openssl/crypto.h>

namespace pulsarc::crypto::detail {
namespace {

/// Never ask for a passphrase: without this callback OpenSSL may prompt on the terminal.
int refuse_passphrase(char* /*buffer*/, int /*size*/, int /*rwflag*/, void* /*user_data*/) {
  return -1;
}

/// Owns a buffer OpenSSL allocated for private key bytes; wipes it before freeing.
struct SecureBufferDeleter {
  std::size_t length = 0;
  void operator()(unsigned char* buffer) const noexcept { OPENSSL_clear_free(buffer, length); }
};

/// Owns a buffer OpenSSL allocated for public bytes (OPENSSL_free is a macro, so it needs a wrapper).
struct OpenSslBufferDeleter {
  void operator()(unsigned char* buffer) const noexcept { OPENSSL_free(buffer); }
};

}  // namespace

namespace {

PkeyHandle decode_key_as(std::string_view encoded, KeyParts parts, const char* input_type, const char* key_type) {
  const int selection = parts == KeyParts::private_key ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY;
  EVP_PKEY* decoded = nullptr;
  DecoderContextHandle decoder{OSSL_DECODER_CTX_new_for_pkey(&decoded, input_type,
                                                             /*input_structure=*/nullptr, key_type, selection,
                                                             /*libctx=*/nullptr, /*propquery=*/nullptr)};
  if (!decoder || OSSL_DECODER_CTX_set_pem_password_cb(decoder.get(), &refuse_passphrase, nullptr) != 1) {
    return nullptr;
  }
  const unsigned char* cursor = as_bytes(encoded);
  std::size_t remaining = encoded.size();
  if (OSSL_DECODER_from_data(decoder.get(), &cursor, &remaining) != 1) {
    EVP_PKEY_free(decoded);  // normally null on failure; freeing null is harmless
    return nullptr;
  }
  PkeyHandle key{decoded};
  // One file, one key: bytes after it mean a corrupt or concatenated file (Java's key specs
  // reject trailing DER data too). Only trailing whitespace, as after a PEM block, is fine.
  const std::string_view trailing(reinterpret_cast<const char*>(cursor), remaining);
  if (trailing.find_first_not_of(" \t\r\n") != std::string_view::npos) {
    return nullptr;
  }
  return key;
}

}  // namespace

PkeyHandle decode_key(std::string_view encoded, KeyParts parts) {
  // The common case first: an RSA key in DER, as `pulsar tokens create-key-pair` writes it. A
  // narrow decoder set is many times faster than letting OpenSSL try every decoder it has.
  if (!encoded.empty() && static_cast<unsigned char>(encoded.front()) == 0x30) {
    if (auto key = decode_key_as(encoded, parts, "DER", "RSA")) return key;
  }
  // Anything else (PEM, RSA-PSS, EC, ...): input type, structure and key type left open.
  return decode_key_as(encoded, parts, nullptr, nullptr);
}

std::optional<std::string> encode_private_key_pkcs8_der(const EVP_PKEY& key) {
  EncoderContextHandle encoder{OSSL_ENCODER_CTX_new_for_pkey(&key, EVP_PKEY_KEYPAIR, "DER", "PrivateKeyInfo",
                                                             /*propquery=*/nullptr)};
  if (!encoder || OSSL_ENCODER_CTX_get_num_encoders(encoder.get()) == 0) {
    return std::nullopt;
  }
  unsigned char* buffer = nullptr;
  std::size_t length = 0;
  if (OSSL_ENCODER_to_data(encoder.get(), &buffer, &length) != 1) {
    return std::nullopt;
  }
  const std::unique_ptr<unsigned char, SecureBufferDeleter> owned{buffer, SecureBufferDeleter{length}};
  return std::string(reinterpret_cast<const char*>(buffer), length);
}

std::optional<std::string> encode_public_key_spki_der(const EVP_PKEY& key) {
  unsigned char* buffer = nullptr;
  const int length = i2d_PUBKEY(&key, &buffer);
  if (length <= 0) {
    return std::nullopt;
  }
  const std::unique_ptr<unsigned char, OpenSslBufferDeleter> owned{buffer};
  return std::string(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

}  // namespace pulsarc::crypto::detail
