// Auth rules (PLS07xx): key files, key kinds and strengths, roles. The key files are the test-only
// keys of tests/keys (see its README), held in memory as ReferencedFiles.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "rule_test_support.hpp"

using namespace ruletest;

namespace {

std::string test_key(std::string_view name) {
  const std::string path = std::string(PULSARC_SOURCE_DIR) + "/tests/keys/" + std::string(name);
  std::ifstream in(path, std::ios::binary);
  INFO(path);
  REQUIRE(in.good());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

ReferencedFiles one_file(std::string_view path, std::string bytes) {
  ReferencedFiles files;
  files[std::string(path)] = pulsarc::FileContent{std::move(bytes), {}};
  return files;
}

// kBase with JWT on; the key file itself comes with each test.
constexpr std::string_view kJwtOff = R"(jwt = "off")";
const std::string kAsymmetric = replace_all(kBase, kJwtOff, "jwt = \"asymmetric\"\nprivate_key = \"keys/private.der\"");
const std::string kSymmetric = replace_all(kBase, kJwtOff, "jwt = \"symmetric\"\nsecret_key = \"keys/secret.key\"");

Diagnostics run_asymmetric(std::string_view key_file) {
  return run(kAsymmetric, one_file("keys/private.der", test_key(key_file)));
}

Diagnostics run_symmetric(std::string bytes) {
  return run(kSymmetric, one_file("keys/secret.key", std::move(bytes)));
}

}  // namespace

// ---- PLS0701: the key file ---------------------------------------------------------------------

TEST_CASE("PLS0701 accepts readable key files of every supported format", "[rules][PLS0701]") {
  for (const auto* name : {"rsa2048.pkcs8.der", "rsa2048.pkcs8.pem", "rsa2048.pkcs1.pem", "rsa2048.pkcs1.der",
                           "rsa3072.pkcs8.der", "rsa4096.pkcs8.der"}) {
    INFO(name);
    CHECK(summary(run_asymmetric(name)) == "");
  }
  CHECK(summary(run_symmetric(test_key("secret32.key"))) == "");
}

TEST_CASE("PLS0701 rejects a key file that could not be read", "[rules][PLS0701]") {
  ReferencedFiles missing;
  missing["keys/private.der"] = pulsarc::FileContent{std::nullopt, "No such file or directory"};
  const auto diagnostics = run(kAsymmetric, missing);
  CHECK(summary(diagnostics) == error("PLS0701", at(kAsymmetric, "\"keys/private.der\""),
                                      "cannot read the key file \"keys/private.der\": No such file or directory"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help ==
        "create it with `pulsarc keygen -o keys` (paths are relative to pulsar.toml), or fix the path");
}

TEST_CASE("PLS0701 rejects a symmetric key file that was not read at all", "[rules][PLS0701]") {
  const auto diagnostics = run(kSymmetric);
  CHECK(summary(diagnostics) == error("PLS0701", at(kSymmetric, "\"keys/secret.key\""),
                                      "cannot read the key file \"keys/secret.key\": not read"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help ==
        "create it with `pulsarc keygen --symmetric -o keys` (paths are relative to pulsar.toml), or fix the path");
}

// ---- PLS0702: the key kind matches auth.jwt ----------------------------------------------------

TEST_CASE("PLS0702 rejects key files that are not unencrypted RSA private keys", "[rules][PLS0702]") {
  const auto key = at(kAsymmetric, "\"keys/private.der\"");
  CHECK(summary(run_asymmetric("ec-p256.pkcs8.pem")) ==
        error("PLS0702", key, "\"keys/private.der\" holds a non-RSA key; Pulsar's tokenPublicKey here must be RSA"));
  CHECK(summary(run_asymmetric("rsa-pss2048.pkcs8.der")) ==
        error("PLS0702", key,
              "\"keys/private.der\" holds an RSA-PSS key; Pulsar's KeyFactory \"RSA\" needs rsaEncryption"));
  CHECK(summary(run_asymmetric("rsa2048.public.der")) ==
        error("PLS0702", key, "\"keys/private.der\" holds a public key; auth.private_key needs the private key"));
  const std::string not_a_key =
      "\"keys/private.der\" is not an unencrypted RSA private key (PKCS#8 DER/PEM or PKCS#1 PEM)";
  CHECK(summary(run_asymmetric("rsa2048.encrypted.pem")) == error("PLS0702", key, not_a_key));
  CHECK(summary(run_asymmetric("secret32.key")) == error("PLS0702", key, not_a_key));
  CHECK(summary(run(kAsymmetric, one_file("keys/private.der", ""))) == error("PLS0702", key, not_a_key));
}

TEST_CASE("PLS0702 rejects an RSA key used as a symmetric secret", "[rules][PLS0702]") {
  const auto key = at(kSymmetric, "\"keys/secret.key\"");
  CHECK(summary(run_symmetric(test_key("rsa2048.pkcs8.pem"))) ==
        error("PLS0702", key, "\"keys/secret.key\" is an RSA key, not raw secret bytes"));
  CHECK(summary(run_symmetric(test_key("rsa2048.pkcs8.der"))) ==
        error("PLS0702", key, "\"keys/secret.key\" is an RSA key, not raw secret bytes"));
}

// ---- PLS0703: key strength ---------------------------------------------------------------------

TEST_CASE("PLS0703 rejects RSA keys under 2048 bits and secrets under 32 bytes", "[rules][PLS0703]") {
  const auto rsa = run_asymmetric("rsa1024.pkcs8.der");
  CHECK(summary(rsa) == error("PLS0703", at(kAsymmetric, "\"keys/private.der\""),
                              "the RSA key has 1024 bits; Pulsar needs at least 2048"));
  REQUIRE(rsa.size() == 1);
  CHECK(rsa[0].help == "create a 2048-bit key with `pulsarc keygen`");
  const auto secret = run_symmetric(test_key("secret31.key"));
  CHECK(summary(secret) == error("PLS0703", at(kSymmetric, "\"keys/secret.key\""),
                                 "the secret key has 31 bytes; Pulsar needs at least 32"));
  REQUIRE(secret.size() == 1);
  CHECK(secret[0].help == "create a 32-byte key with `pulsarc keygen --symmetric`");
}

TEST_CASE("PLS0703 accepts 32 bytes and more", "[rules][PLS0703]") {
  CHECK(summary(run_symmetric(std::string(32, '\x01'))) == "");
  CHECK(summary(run_symmetric(std::string(64, '\x02'))) == "");
}

// ---- PLS0704: roles ----------------------------------------------------------------------------

TEST_CASE("PLS0704 accepts distinct DNS-1123 roles", "[rules][PLS0704]") {
  const auto toml =
      edit(kSymmetric, "secret_key = \"keys/secret.key\"",
           "secret_key = \"keys/secret.key\"\nsuperusers = { broker = \"b\", proxy = \"p\", client = \"c\" }\n\n"
           "[[auth.tokens]]\nsubject = \"app-1\"\n\n[[auth.tokens]]\nsubject = \"app-2\"\n"
           "expires = 2030-01-01T00:00:00Z");
  CHECK(summary(run(toml, one_file("keys/secret.key", test_key("secret32.key")))) == "");
}

TEST_CASE("PLS0704 rejects roles that cannot name a Secret", "[rules][PLS0704]") {
  const auto toml = edit(kSymmetric, "secret_key = \"keys/secret.key\"",
                         "secret_key = \"keys/secret.key\"\nsuperusers = { client = \"Admin\" }\n\n"
                         "[[auth.tokens]]\nsubject = \"app_1\"");
  const auto diagnostics = run(toml, one_file("keys/secret.key", test_key("secret32.key")));
  CHECK(summary(diagnostics) ==
        error("PLS0704", at(toml, "\"Admin\""), "role \"Admin\" cannot name the Secret \"pulsar-token-Admin\"") +
            error("PLS0704", at(toml, "\"app_1\""), "role \"app_1\" cannot name the Secret \"pulsar-token-app_1\""));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].help ==
        "roles name the token Secrets <release>-token-<role>: use lowercase letters, digits and '-'");
}

TEST_CASE("PLS0704 rejects a role used twice, pointing at the first use", "[rules][PLS0704]") {
  const auto toml = edit(
      kSymmetric, "secret_key = \"keys/secret.key\"",
      "secret_key = \"keys/secret.key\"\nsuperusers = { broker = \"root\", proxy = \"proxy\", client = \"root\" }");
  const auto diagnostics = run(toml, one_file("keys/secret.key", test_key("secret32.key")));
  // Roles are checked broker, proxy, client, then tokens: the client's "root" is the repeat.
  CHECK(summary(diagnostics) == error("PLS0704", at(toml, "\"root\"", 2), "role \"root\" is used twice"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(notes(diagnostics[0]) == note(at(toml, "\"root\"", 1), "first used here"));
}

TEST_CASE("PLS0704 rejects a token subject equal to a superuser role", "[rules][PLS0704]") {
  const auto toml = edit(kSymmetric, "secret_key = \"keys/secret.key\"",
                         "secret_key = \"keys/secret.key\"\n\n[[auth.tokens]]\nsubject = \"admin\"");
  const auto diagnostics = run(toml, one_file("keys/secret.key", test_key("secret32.key")));
  // The default client role "admin" has no line of its own: the note points at [auth].
  CHECK(summary(diagnostics) == error("PLS0704", at(toml, "\"admin\""), "role \"admin\" is used twice"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(notes(diagnostics[0]) == note(at(toml, "[auth]"), "first used here"));
}

TEST_CASE("PLS0704 does not apply when JWT is off", "[rules][PLS0704]") {
  const auto toml = edit(kBase, R"(jwt = "off")", "jwt = \"off\"\nsuperusers = { client = \"Admin\" }");
  CHECK(summary(run(toml)) == "");
}

// ---- PLS0705: secret keys that look like text ------------------------------------------------------

TEST_CASE("PLS0705 warns about a base64-encoded secret key", "[rules][PLS0705]") {
  const auto diagnostics = run_symmetric("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0xMjM0NTY3OA==\n");
  CHECK(summary(diagnostics) ==
        warning("PLS0705", at(kSymmetric, "\"keys/secret.key\""),
                "\"keys/secret.key\" looks like base64 text; its ASCII characters will be the key"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help ==
        "decode it to raw bytes (base64 -d), as `pulsar tokens create-secret-key` writes without --base64");
  CHECK_FALSE(pulsarc::has_errors(diagnostics));
}

TEST_CASE("PLS0705 warns about a secret key that ends with a newline", "[rules][PLS0705]") {
  const auto diagnostics = run_symmetric(std::string(32, '\x07') + "\n");
  CHECK(summary(diagnostics) == warning("PLS0705", at(kSymmetric, "\"keys/secret.key\""),
                                        "\"keys/secret.key\" ends with a newline, which becomes part of the key"));
}

TEST_CASE("PLS0705 accepts raw random bytes", "[rules][PLS0705]") {
  CHECK(summary(run_symmetric(test_key("secret32.key"))) == "");
}
