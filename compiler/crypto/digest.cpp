// SHA-2 through OpenSSL's low-level functions, deprecated in OpenSSL 3 in favour of EVP: the
// first EVP fetch builds OpenSSL's map of every algorithm name, a third of an up-to-date build's
// instructions, to reach the same assembly these call.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "crypto/digest.hpp"

#include <openssl/sha.h>

#include <array>
#include <cstdint>
#include <stdexcept>

namespace pulsarc::crypto {
namespace {

constexpr std::string_view standard_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view url_safe_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr int invalid_sextet = -1;

/// Reverse lookup for the standard alphabet; built at compile time.
constexpr std::array<int, 256> standard_sextet_values = [] {
  std::array<int, 256> values{};
  values.fill(invalid_sextet);
  for (std::size_t index = 0; index < standard_alphabet.size(); ++index) {
    values[static_cast<unsigned char>(standard_alphabet[index])] = static_cast<int>(index);
  }
  return values;
}();

std::string encode_base64(std::string_view bytes, std::string_view alphabet, bool pad) {
  std::string text;
  text.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t index = 0;
  const auto byte_at = [&](std::size_t position) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[position]));
  };
  for (; index + 3 <= bytes.size(); index += 3) {
    const std::uint32_t group = byte_at(index) << 16 | byte_at(index + 1) << 8 | byte_at(index + 2);
    text += alphabet[group >> 18 & 0x3F];
    text += alphabet[group >> 12 & 0x3F];
    text += alphabet[group >> 6 & 0x3F];
    text += alphabet[group & 0x3F];
  }
  const std::size_t tail_length = bytes.size() - index;
  if (tail_length == 0) {
    return text;
  }
  const std::uint32_t tail = byte_at(index) << 16 | (tail_length == 2 ? byte_at(index + 1) << 8 : 0U);
  text += alphabet[tail >> 18 & 0x3F];
  text += alphabet[tail >> 12 & 0x3F];
  if (tail_length == 2) {
    text += alphabet[tail >> 6 & 0x3F];
  }
  if (pad) {
    text.append(3 - tail_length, '=');
  }
  return text;
}

}  // namespace

std::string sha2(int bits, std::string_view bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  std::string digest(static_cast<std::size_t>(bits / 8), '\0');
  auto* out = reinterpret_cast<unsigned char*>(digest.data());
  // Not the one-shot SHA256(): in OpenSSL 3 it goes through EVP.
  switch (bits) {
    case 256: {
      SHA256_CTX context;
      SHA256_Init(&context);
      SHA256_Update(&context, data, bytes.size());
      SHA256_Final(out, &context);
      break;
    }
    case 384: {
      SHA512_CTX context;
      SHA384_Init(&context);
      SHA384_Update(&context, data, bytes.size());
      SHA384_Final(out, &context);
      break;
    }
    case 512: {
      SHA512_CTX context;
      SHA512_Init(&context);
      SHA512_Update(&context, data, bytes.size());
      SHA512_Final(out, &context);
      break;
    }
    default: throw std::logic_error("sha2: no such digest size");
  }
  return digest;
}

std::string sha256_hex(std::string_view bytes) {
  const std::string digest = sha2(256, bytes);
  constexpr std::string_view hex_digits = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * digest.size());
  for (const char byte : digest) {
    hex += hex_digits[static_cast<unsigned char>(byte) >> 4];
    hex += hex_digits[static_cast<unsigned char>(byte) & 0x0F];
  }
  return hex;
}

std::string base64(std::string_view bytes) {
  return encode_base64(bytes, standard_alphabet, /*pad=*/true);
}

std::string base64url(std::string_view bytes) {
  return encode_base64(bytes, url_safe_alphabet, /*pad=*/false);
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) {
    return std::nullopt;
  }
  std::size_t padding = 0;
  while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') {
    ++padding;
  }
  const std::string_view symbols = text.substr(0, text.size() - padding);
  std::string bytes;
  bytes.reserve(symbols.size() / 4 * 3 + 2);
  std::uint32_t accumulator = 0;
  int accumulated_bits = 0;
  for (const char symbol : symbols) {
    const int value = standard_sextet_values[static_cast<unsigned char>(symbol)];
    if (value == invalid_sextet) {
      return std::nullopt;  // includes '=' before the end, whitespace and URL-safe symbols
    }
    accumulator = (accumulator << 6 | static_cast<std::uint32_t>(value)) & 0xFFFFFF;
    accumulated_bits += 6;
    if (accumulated_bits >= 8) {
      accumulated_bits -= 8;
      bytes += static_cast<char>(accumulator >> accumulated_bits & 0xFF);
    }
  }
  // Leftover bits must be zero padding bits; otherwise a second text would decode to the same bytes.
  const std::uint32_t leftover_mask = (1U << accumulated_bits) - 1U;
  if ((accumulator & leftover_mask) != 0) {
    return std::nullopt;
  }
  return bytes;
}

}  // namespace pulsarc::crypto
