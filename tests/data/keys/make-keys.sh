#!/usr/bin/env bash
# Regenerates the key and certificate fixtures of the crypto tests (OpenSSL 3, as in the build
# root: packaging/dev shell -c 'tests/data/keys/make-keys.sh'). The files are committed; running
# this again makes new keys, so the recorded facts (*.txt) are rewritten with them.
set -euo pipefail
cd "$(dirname "$0")"
pass='correct horse'
dates=(-not_before 20250101000000Z -not_after 20350101000000Z)

# The main RSA 2048 key in every container jwtflow reads.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2048-pkcs8.pem
openssl pkey -in rsa2048-pkcs8.pem -traditional -out rsa2048-pkcs1.pem
openssl pkcs8 -topk8 -nocrypt -in rsa2048-pkcs8.pem -outform DER -out rsa2048-pkcs8.der
openssl rsa -in rsa2048-pkcs8.pem -traditional -outform DER -out rsa2048-pkcs1.der
openssl pkcs8 -topk8 -in rsa2048-pkcs8.pem -v2 aes-256-cbc -passout pass:"$pass" -out rsa2048-encrypted.pem
openssl pkcs8 -topk8 -in rsa2048-pkcs8.pem -v2 aes-256-cbc -passout pass:"$pass" -outform DER -out rsa2048-encrypted.der
openssl rsa -in rsa2048-pkcs8.pem -traditional -aes256 -passout pass:"$pass" -out rsa2048-legacy-encrypted.pem
openssl pkey -in rsa2048-pkcs8.pem -pubout -out rsa2048-public.pem
openssl rsa -in rsa2048-pkcs8.pem -RSAPublicKey_out -out rsa2048-rsapublic.pem
openssl req -x509 -new -key rsa2048-pkcs8.pem -subj "/CN=jwtflow test/O=jwtflow" -sha256 "${dates[@]}" -out rsa2048.crt
openssl x509 -in rsa2048.crt -outform DER -out rsa2048.cer
openssl pkcs12 -export -inkey rsa2048-pkcs8.pem -in rsa2048.crt -passout pass:"$pass" -out rsa2048.p12
openssl pkcs12 -export -legacy -inkey rsa2048-pkcs8.pem -in rsa2048.crt -passout pass:"$pass" -out rsa2048-legacy.p12
cat rsa2048-pkcs8.pem rsa2048.crt >rsa2048-key-and-cert.pem
# PKCS#12 variants: certificates only; no MAC and nothing encrypted (reached by fuzz_pkcs12's
# mutations); and a chain holding the damaged certificate on which qca-ossl's PKCS#12 import crashed.
openssl pkcs12 -export -nokeys -in rsa2048.crt -passout pass:"$pass" -out rsa2048-cert-only.p12
openssl pkcs12 -export -inkey rsa2048-pkcs8.pem -in rsa2048.crt -keypbe NONE -certpbe NONE -nomac -passout pass:"$pass" -out rsa2048-unencrypted.p12
openssl x509 -inform DER -in fuzz-damaged-aki.cer -out damaged-aki.tmp.pem
openssl pkcs12 -export -inkey rsa2048-pkcs8.pem -in rsa2048.crt -certfile damaged-aki.tmp.pem -passout pass:"$pass" -out rsa2048-damaged-chain.p12
rm damaged-aki.tmp.pem

# Text variations: CRLF line ends, a UTF-8 BOM, the base64 on one line.
sed 's/$/\r/' rsa2048-pkcs8.pem >rsa2048-crlf.pem
printf '\xef\xbb\xbf' | cat - rsa2048-pkcs8.pem >rsa2048-bom.pem
{ echo '-----BEGIN PRIVATE KEY-----'; grep -v -- ----- rsa2048-pkcs8.pem | tr -d '\n'; echo; echo '-----END PRIVATE KEY-----'; } >rsa2048-oneline.pem

# Damaged files: cut in the middle (no END line), a body cut short (END line kept), garbage.
head -n 12 rsa2048-pkcs8.pem >truncated-no-end.pem
{ head -n 12 rsa2048-pkcs8.pem; echo '-----END PRIVATE KEY-----'; } >truncated-body.pem
printf '\x8f\x01\x7fGIF89a binary garbage \x00\x01\x02\x03\xff\xfe\xfd' >garbage.bin

# Wrong kinds of key.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec-p256-pkcs8.pem
openssl ec -in ec-p256-pkcs8.pem -out ec-p256-sec1.pem
openssl pkey -in ec-p256-pkcs8.pem -pubout -out ec-p256-public.pem
openssl genpkey -algorithm ED25519 -out ed25519.pem
# ES384/ES512/EdDSA-Ed448 keys, EC and Ed25519 certificates, encrypted EC keys.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out ec-p384.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out ec-p521.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 -out ec-secp256k1.pem
openssl genpkey -algorithm ED448 -out ed448.pem
openssl pkey -in ed25519.pem -pubout -out ed25519-public.pem
openssl req -x509 -new -key ec-p256-pkcs8.pem -subj "/CN=ec" -sha256 "${dates[@]}" -out ec-p256.crt
openssl req -x509 -new -key ed25519.pem -subj "/CN=ed25519" "${dates[@]}" -out ed25519.crt
openssl pkcs8 -topk8 -in ec-p256-pkcs8.pem -passout pass:"$pass" -out ec-p256-encrypted.pem
openssl ec -in ec-p256-pkcs8.pem -aes128 -passout pass:"$pass" -out ec-p256-legacy-encrypted.pem
openssl pkcs12 -export -inkey ec-p256-pkcs8.pem -in ec-p256.crt -passout pass:"$pass" -out ec-p256.p12
openssl pkcs12 -export -inkey ed25519.pem -in ed25519.crt -passout pass:"$pass" -out ed25519.p12
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa1024.pem
openssl req -x509 -new -key rsa1024.pem -subj "/CN=weak" -sha256 "${dates[@]}" -out rsa1024.crt

# Another RSA key and its certificate: the "certificate does not match the key" case.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out other2048.pem
openssl req -x509 -new -key other2048.pem -subj "/CN=other" -sha256 "${dates[@]}" -out other2048.crt

# JWK and JWKS of the public keys (python3-cryptography computes n and e).
python3 - <<'PY'
import base64, json
from cryptography.hazmat.primitives import serialization

def b64u(n):
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

def jwk(path, kid):
    key = serialization.load_pem_private_key(open(path, "rb").read(), None).public_key()
    numbers = key.public_numbers()
    return {"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256", "n": b64u(numbers.n), "e": b64u(numbers.e)}

main = jwk("rsa2048-pkcs8.pem", "alpha")
json.dump(main, open("rsa2048.jwk.json", "w"), indent=2)
ec = {"kty": "EC", "kid": "gamma", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
      "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}
json.dump(ec, open("ec.jwk.json", "w"), indent=2)
json.dump({"keys": [main, jwk("other2048.pem", "beta"), ec]}, open("jwks.json", "w"), indent=2)
PY

# What OpenSSL says about the certificate, for the tests to compare with.
{
  openssl x509 -in rsa2048.crt -noout -fingerprint -sha1 | sed 's/^.*=/sha1=/'
  openssl x509 -in rsa2048.crt -noout -fingerprint -sha256 | sed 's/^.*=/sha256=/'
  openssl x509 -in rsa2048.crt -noout -serial
  echo "x5t=$(openssl x509 -in rsa2048.crt -outform DER | openssl dgst -sha1 -binary | base64 | tr '+/' '-_' | tr -d '=')"
  echo "x5t#S256=$(openssl x509 -in rsa2048.crt -outform DER | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=')"
  echo "spki-sha256=$(openssl pkey -in rsa2048-pkcs8.pem -pubout -outform DER | openssl dgst -sha256 -c | sed 's/^.*= //' | tr 'a-f' 'A-F')"
} >rsa2048.crt.txt
