#!/usr/bin/env bash
# Independent verification of pulsarc's key files and tokens, with the JDK's crypto (as a Pulsar
# broker reads keys: X509EncodedKeySpec / PKCS8EncodedKeySpec, KeyFactory "RSA") and the openssl
# CLI, through the real `pulsarc keygen`, `pulsarc token` and `pulsarc build` commands.
#
# Needs: PULSARC (the binary), PULSARC_SOURCE_DIR; java 11+ (JwtVerify.java, compiled once with javac
# if present, else run from source) and openssl. Without java or openssl the test is skipped (77), except when CI is set: then it fails.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
skip_or_fail() {
  if [[ -n ${CI:-} ]]; then fail "$* (CI is set, so a missing tool is a failure, not a skip)"; fi
  echo "SKIP: $*" >&2
  exit 77
}
step() { echo "--- $*"; }

[[ -n ${PULSARC:-} && -x ${PULSARC} ]] || fail "PULSARC must name the built pulsarc binary (got '${PULSARC:-}')"
[[ -n ${PULSARC_SOURCE_DIR:-} && -d ${PULSARC_SOURCE_DIR} ]] || fail "PULSARC_SOURCE_DIR must name the source tree"
command -v java >/dev/null 2>&1 || skip_or_fail "java not found (install a JDK, e.g. openjdk-17-jdk-headless)"
command -v openssl >/dev/null 2>&1 || skip_or_fail "openssl not found"

work=$(mktemp -d "${TMPDIR:-/tmp}/pulsarc-jwt-java.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Compile the verifier once when a JDK is there; a JRE alone runs it from source (slower per call).
JWT_VERIFY=(java "$PULSARC_SOURCE_DIR/tests/external/JwtVerify.java")
if command -v javac >/dev/null 2>&1; then
  javac -d "$work/classes" "$PULSARC_SOURCE_DIR/tests/external/JwtVerify.java" || fail "javac cannot compile JwtVerify.java"
  JWT_VERIFY=(java -cp "$work/classes" JwtVerify)
fi
umask 022  # key file modes must be 0600 anyway

# --- helpers -------------------------------------------------------------------------------------

mode_of() { stat -c %a "$1"; }
size_of() { stat -c %s "$1"; }

base64url_decode() {  # TEXT -> bytes on stdout
  local text
  text=$(printf '%s' "$1" | tr '_-' '/+')
  while (( ${#text} % 4 )); do text+='='; done
  printf '%s' "$text" | openssl base64 -d -A
}
base64url_encode() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }  # stdin bytes -> text

# `pulsarc token` must print the token and nothing else: one line, no spaces.
read_token_output() {  # FILE -> token
  local lines
  lines=$(wc -l <"$1")
  [[ $lines -le 1 ]] || fail "pulsarc token printed $lines lines, expected one token"
  local token
  token=$(tr -d '\n' <"$1")
  [[ $token =~ ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$ ]] || fail "pulsarc token printed something that is not a compact JWS"
  printf '%s' "$token"
}

# RS* check with the openssl CLI: signature = base64url-decoded third part over "part1.part2".
openssl_verify_rsa() {  # TOKEN PUBLIC_KEY_PEM DIGEST
  printf '%s' "${1%.*}" >"$work/signing-input"
  base64url_decode "${1##*.}" >"$work/signature"
  openssl dgst "-$3" -verify "$2" -signature "$work/signature" "$work/signing-input" >/dev/null ||
    fail "openssl dgst -$3 -verify rejects the token's signature"
}

# HS* check with the openssl CLI: recompute the MAC from the raw key file.
openssl_verify_hmac() {  # TOKEN KEY_FILE DIGEST
  local hexkey mac
  hexkey=$(od -An -v -tx1 "$2" | tr -d ' \n')
  mac=$(printf '%s' "${1%.*}" | openssl dgst "-$3" -mac HMAC -macopt "hexkey:$hexkey" -binary | base64url_encode)
  [[ $mac == "${1##*.}" ]] || fail "openssl HMAC-$3 of the token differs from its signature"
}

# A Secret's `data:` value (base64), from pulsarc's block-style YAML: `  KEY: value` or `  KEY: "value"`.
secret_data() {  # FILE KEY
  sed -n -E "s/^[[:space:]]+$2:[[:space:]]*\"?([A-Za-z0-9+\/=]+)\"?[[:space:]]*\$/\\1/p" "$1" | head -n 1
}
secret_name() {  # FILE -> metadata.name (the first `name:` in the document)
  sed -n -E 's/^[[:space:]]+name:[[:space:]]*"?([^"[:space:]]+)"?[[:space:]]*$/\1/p' "$1" | head -n 1
}

# No secret may appear in a stream meant for humans (spec §6): the key as base64, as PEM lines,
# as hex, and every token and token signature.
assert_no_secrets_in() {  # FILE DESCRIPTION NEEDLE...
  local file=$1 description=$2 needle
  shift 2
  for needle in "$@"; do
    [[ -n $needle ]] || continue
    if grep -qF -- "$needle" "$file"; then
      fail "$description contains secret material (${#needle} characters of it)"
    fi
  done
}
secret_needles_of_file() {  # FILE -> lines: whole base64, a PEM-style 64-char line, 32 bytes as hex
  local hex
  openssl base64 -A -in "$1"; echo
  openssl base64 -in "$1" | sed -n 3p
  hex=$(od -An -v -tx1 "$1" | tr -d ' \n')
  if (( ${#hex} > 264 )); then echo "${hex:200:64}"; else echo "$hex"; fi
}

write_config() {  # DIR JWT_MODE KEY_LINE -> DIR/pulsar.toml, adapted from the seed (manager off)
  cat >"$1/pulsar.toml" <<EOF
[cluster]
release = "pulsar"
namespace = "pulsar"
profile = "test"
kubernetes = "1.22"

[chart]
version = "2.7.7"

[images]
pulsar = "apachepulsar/pulsar-all:2.7.4"

[[nodes]]
name = "node1"
labels = { "node-role.kubernetes.io/pulsar" = "pulsar" }

[[nodes]]
name = "node2"
labels = { "node-role.kubernetes.io/pulsar" = "pulsar" }

[[nodes]]
name = "node3"
labels = { "node-role.kubernetes.io/pulsar" = "pulsar" }

[scheduling]
node_selector = { "node-role.kubernetes.io/pulsar" = "pulsar" }

[zookeeper]
nodes = ["node1", "node2", "node3"]
data = { path = "/data/pulsar/zookeeper", size = "20Gi" }

[bookkeeper]
nodes = ["node1", "node2", "node3"]
journal = { path = "/data/pulsar/bookie/journal", size = "50Gi" }
ledgers = { path = "/data/pulsar/bookie/ledgers", size = "50Gi" }

[auth]
jwt = "$2"
$3
superusers = { broker = "broker-admin", proxy = "proxy-admin", client = "admin" }

[[auth.tokens]]
subject = "app"
expires = 2030-01-01T00:00:00Z

[output]
dir = "deploy"
secrets = "separate"
EOF
}

# --- 1. keygen: PKCS#8 + SPKI DER, mode 0600, never overwrites ------------------------------------

step "pulsarc keygen"
cluster=$work/cluster
mkdir -p "$cluster"
"$PULSARC" keygen -o "$cluster/keys" >"$work/keygen.out" 2>"$work/keygen.err" ||
  fail "pulsarc keygen exited $? ($(cat "$work/keygen.err"))"
private=$cluster/keys/private.der
public=$cluster/keys/public.der
[[ -f $private && -f $public ]] || fail "keygen did not write private.der and public.der"
[[ $(mode_of "$private") == 600 ]] || fail "private.der has mode $(mode_of "$private"), expected 600"
[[ $(mode_of "$public") == 600 ]] || fail "public.der has mode $(mode_of "$public"), expected 600"
[[ $(size_of "$public") == 294 ]] || fail "public.der is $(size_of "$public") bytes; RSA-2048 SPKI DER is 294"
mapfile -t private_needles < <(secret_needles_of_file "$private")
assert_no_secrets_in "$work/keygen.out" "keygen stdout" "${private_needles[@]}"
assert_no_secrets_in "$work/keygen.err" "keygen stderr" "${private_needles[@]}"

step "a second keygen refuses to overwrite"
before=$(sha256sum "$private" "$public")
if "$PULSARC" keygen -o "$cluster/keys" >/dev/null 2>"$work/keygen2.err"; then
  fail "a second pulsarc keygen into the same directory succeeded; it must refuse to overwrite keys"
fi
[[ $(sha256sum "$private" "$public") == "$before" ]] || fail "a refused keygen changed the existing key files"

step "openssl: private.der is PKCS#8 rsaEncryption, public.der is SPKI"
openssl asn1parse -inform DER -in "$private" >"$work/asn1" || fail "openssl asn1parse cannot read private.der"
# PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, AlgorithmIdentifier SEQUENCE { rsaEncryption, NULL }, OCTET STRING }
# (PKCS#1 would be SEQUENCE { INTEGER 0, INTEGER n, ... }.)
sed -n 2p "$work/asn1" | grep -Eq 'd=1 .*prim: INTEGER +:00$' || fail "private.der: second element is not version INTEGER 0"
sed -n 3p "$work/asn1" | grep -Eq 'd=1 .*cons: SEQUENCE' || fail "private.der: no AlgorithmIdentifier SEQUENCE (PKCS#1, not PKCS#8?)"
sed -n 4p "$work/asn1" | grep -Eq 'd=2 .*prim: OBJECT +:rsaEncryption' || fail "private.der: algorithm is not rsaEncryption"
sed -n 6p "$work/asn1" | grep -Eq 'd=1 .*prim: OCTET STRING' || fail "private.der: no privateKey OCTET STRING"
openssl pkey -inform DER -pubin -in "$public" -out "$work/public.pem" || fail "openssl pkey cannot read public.der as SPKI DER"
openssl pkey -inform DER -in "$private" -pubout -outform DER -out "$work/derived-public.der" ||
  fail "openssl pkey cannot read private.der"
cmp -s "$work/derived-public.der" "$public" || fail "public.der is not the public half of private.der"

step "java: keys load as a broker and pulsar tokens create load them"
"${JWT_VERIFY[@]}" --public-key "$public" --private-key "$private"

# --- 2. token: RS256 --------------------------------------------------------------------------------

write_config "$cluster" asymmetric 'private_key = "keys/private.der"'

step "pulsarc token --subject admin (run from another directory)"
(cd / && "$PULSARC" token --subject admin "$cluster/pulsar.toml") >"$work/token.out" 2>"$work/token.err" ||
  fail "pulsarc token exited non-zero: $(cat "$work/token.err")"
admin_token=$(read_token_output "$work/token.out")
assert_no_secrets_in "$work/token.err" "token stderr" "$admin_token" "${admin_token##*.}" "${private_needles[@]}"
"${JWT_VERIFY[@]}" --public-key "$public" --private-key "$private" --expect-alg RS256 \
  --expect-payload '{"sub":"admin"}' "$admin_token"
openssl_verify_rsa "$admin_token" "$work/public.pem" sha256
[[ ${admin_token%%.*} == "eyJhbGciOiJSUzI1NiJ9" ]] || fail "header is not base64url of {\"alg\":\"RS256\"}"

step "pulsarc token is deterministic and --expires gives exp in seconds"
(cd "$cluster" && "$PULSARC" token --subject admin) >"$work/token2.out" 2>/dev/null || fail "pulsarc token (default CONFIG) failed"
[[ $(read_token_output "$work/token2.out") == "$admin_token" ]] || fail "the same key and subject gave a different token"
"$PULSARC" token --subject admin --expires 2030-01-01T00:00:00Z "$cluster/pulsar.toml" >"$work/token3.out" 2>"$work/token3.err" ||
  fail "pulsarc token --expires failed: $(cat "$work/token3.err")"
"${JWT_VERIFY[@]}" --public-key "$public" --expect-payload '{"sub":"admin","exp":1893456000}' \
  "$(read_token_output "$work/token3.out")"

# --- 3. build: every token Secret verifies against the key Secret --------------------------------

step "pulsarc build: Secrets"
"$PULSARC" build "$cluster/pulsar.toml" -o "$work/bundle" >"$work/build.out" 2>"$work/build.err" ||
  fail "pulsarc build exited non-zero: $(cat "$work/build.err")"
secrets_dir=$work/bundle/secrets
[[ -d $secrets_dir ]] || fail "the bundle has no secrets/ directory"
key_secret=""
token_secrets=()
for file in "$secrets_dir"/*.yaml; do
  [[ -e $file ]] || break
  name=$(secret_name "$file")
  case $name in
    pulsar-token-asymmetric-key) key_secret=$file ;;
    pulsar-token-symmetric-key) fail "an asymmetric cluster got a symmetric key Secret ($file)" ;;
    pulsar-token-*) token_secrets+=("$file") ;;
  esac
  [[ $(mode_of "$file") == 600 ]] || fail "$file has mode $(mode_of "$file"), expected 600"
done
[[ -n $key_secret ]] || fail "no Secret pulsar-token-asymmetric-key in $secrets_dir"
secret_data "$key_secret" PRIVATEKEY | openssl base64 -d -A >"$work/secret-private.der"
secret_data "$key_secret" PUBLICKEY | openssl base64 -d -A >"$work/secret-public.der"
cmp -s "$work/secret-private.der" "$private" || fail "PRIVATEKEY in $key_secret is not private.der's bytes (raw PKCS#8 DER)"
cmp -s "$work/secret-public.der" "$public" || fail "PUBLICKEY in $key_secret is not public.der's bytes (raw SPKI DER)"

declare -A seen_roles=()
for file in "${token_secrets[@]}"; do
  name=$(secret_name "$file")
  role=${name#pulsar-token-}
  seen_roles[$role]=1
  type=$(secret_data "$file" TYPE | openssl base64 -d -A)
  [[ $type == asymmetric ]] || fail "$name: TYPE is '$type', expected 'asymmetric'"
  secret_data "$file" TOKEN | openssl base64 -d -A >"$work/token-$role"
  token=$(cat "$work/token-$role")
  expected=(--expect-subject "$role")
  if [[ $role == app ]]; then expected+=(--expect-exp 1893456000); fi
  echo "$name:"
  "${JWT_VERIFY[@]}" --public-key "$work/secret-public.der" --private-key "$work/secret-private.der" \
    --expect-alg RS256 "${expected[@]}" "@$work/token-$role"
  openssl_verify_rsa "$token" "$work/public.pem" sha256
  if [[ $role == admin && $token != "$admin_token" ]]; then
    fail "the admin token in the bundle differs from the one pulsarc token printed"
  fi
  assert_no_secrets_in "$work/build.out" "build stdout" "$token" "${token##*.}"
  assert_no_secrets_in "$work/build.err" "build stderr" "$token" "${token##*.}"
done
for role in broker-admin proxy-admin admin app; do
  [[ -n ${seen_roles[$role]:-} ]] || fail "no token Secret pulsar-token-$role in the bundle"
done
assert_no_secrets_in "$work/build.out" "build stdout" "${private_needles[@]}"
assert_no_secrets_in "$work/build.err" "build stderr" "${private_needles[@]}"

# --- 4. symmetric: keygen --symmetric and HS256 ----------------------------------------------------

step "pulsarc keygen --symmetric"
sym=$work/symmetric
mkdir -p "$sym"
"$PULSARC" keygen --symmetric -o "$sym/keys" >"$work/keygen-sym.out" 2>"$work/keygen-sym.err" ||
  fail "pulsarc keygen --symmetric exited non-zero: $(cat "$work/keygen-sym.err")"
secret=$sym/keys/secret.key
[[ -f $secret ]] || fail "keygen --symmetric did not write secret.key"
[[ $(size_of "$secret") == 32 ]] || fail "secret.key is $(size_of "$secret") bytes, expected 32 raw bytes"
[[ $(mode_of "$secret") == 600 ]] || fail "secret.key has mode $(mode_of "$secret"), expected 600"
mapfile -t secret_needles < <(secret_needles_of_file "$secret")
assert_no_secrets_in "$work/keygen-sym.out" "keygen --symmetric stdout" "${secret_needles[@]}"
assert_no_secrets_in "$work/keygen-sym.err" "keygen --symmetric stderr" "${secret_needles[@]}"
before=$(sha256sum "$secret")
if "$PULSARC" keygen --symmetric -o "$sym/keys" >/dev/null 2>&1; then
  fail "a second pulsarc keygen --symmetric succeeded; it must refuse to overwrite secret.key"
fi
[[ $(sha256sum "$secret") == "$before" ]] || fail "a refused keygen --symmetric changed secret.key"

write_config "$sym" symmetric 'secret_key = "keys/secret.key"'
"$PULSARC" token --subject admin "$sym/pulsar.toml" >"$work/sym-token.out" 2>"$work/sym-token.err" ||
  fail "pulsarc token (symmetric) failed: $(cat "$work/sym-token.err")"
sym_token=$(read_token_output "$work/sym-token.out")
"${JWT_VERIFY[@]}" --secret-key "$secret" --expect-alg HS256 --expect-payload '{"sub":"admin"}' "$sym_token"
openssl_verify_hmac "$sym_token" "$secret" sha256

# --- 5. the apache/pulsar#6761 vector through the CLI ---------------------------------------------

step "HS256 vector from apache/pulsar#6761"
vector=$work/vector
mkdir -p "$vector/keys"
printf '%s' 'qcsXyb5eo8c09YXIMJaA97RYPCmIuyTlrN2KcI0zzxM=' | openssl base64 -d -A >"$vector/keys/secret.key"
[[ $(size_of "$vector/keys/secret.key") == 32 ]] || fail "could not decode the #6761 key"
write_config "$vector" symmetric 'secret_key = "keys/secret.key"'
"$PULSARC" token --subject admin "$vector/pulsar.toml" >"$work/vector.out" 2>"$work/vector.err" ||
  fail "pulsarc token (vector) failed: $(cat "$work/vector.err")"
vector_token=$(read_token_output "$work/vector.out")
[[ $vector_token == "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.L869nKrziQIPkgqIawIh-RxxDelfGIiol1DBhoBl26Y" ]] ||
  fail "pulsarc token does not reproduce the apache/pulsar#6761 HS256 token"
"${JWT_VERIFY[@]}" --secret-key "$vector/keys/secret.key" --expect-payload '{"sub":"admin"}' "$vector_token"

step "pulsarc build (symmetric): SECRETKEY and every token Secret"
"$PULSARC" build "$vector/pulsar.toml" -o "$work/vector-bundle" >"$work/vector-build.out" 2>"$work/vector-build.err" ||
  fail "pulsarc build (symmetric) exited non-zero: $(cat "$work/vector-build.err")"
mapfile -t vector_needles < <(secret_needles_of_file "$vector/keys/secret.key")
found_key=""
token_count=0
for file in "$work/vector-bundle/secrets"/*.yaml; do
  [[ -e $file ]] || break
  name=$(secret_name "$file")
  case $name in
    pulsar-token-symmetric-key)
      found_key=1
      secret_data "$file" SECRETKEY | openssl base64 -d -A >"$work/vector-secret.key"
      cmp -s "$work/vector-secret.key" "$vector/keys/secret.key" || fail "SECRETKEY is not the key file's raw bytes"
      ;;
    pulsar-token-asymmetric-key) fail "a symmetric cluster got an asymmetric key Secret" ;;
    pulsar-token-*)
      role=${name#pulsar-token-}
      token_count=$((token_count + 1))
      [[ $(secret_data "$file" TYPE | openssl base64 -d -A) == symmetric ]] || fail "$name: TYPE is not 'symmetric'"
      secret_data "$file" TOKEN | openssl base64 -d -A >"$work/vector-token-$role"
      token=$(cat "$work/vector-token-$role")
      echo "$name:"
      "${JWT_VERIFY[@]}" --secret-key "$vector/keys/secret.key" --expect-alg HS256 --expect-subject "$role" \
        "@$work/vector-token-$role"
      if [[ $role == admin && $token != "$vector_token" ]]; then
        fail "the admin token in the bundle is not the #6761 token"
      fi
      assert_no_secrets_in "$work/vector-build.out" "build stdout" "$token" "${token##*.}"
      assert_no_secrets_in "$work/vector-build.err" "build stderr" "$token" "${token##*.}"
      ;;
  esac
done
[[ -n $found_key ]] || fail "no Secret pulsar-token-symmetric-key in the symmetric bundle"
[[ $token_count -eq 4 ]] || fail "expected 4 token Secrets (broker-admin, proxy-admin, admin, app), found $token_count"
assert_no_secrets_in "$work/vector-build.out" "build stdout" "${vector_needles[@]}"
assert_no_secrets_in "$work/vector-build.err" "build stderr" "${vector_needles[@]}"

echo "PASS: keys and tokens verified with java and openssl"
