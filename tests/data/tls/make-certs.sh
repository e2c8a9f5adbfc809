#!/bin/sh
# Test-only TLS fixtures for tests/integration/NetworkFaultTest.cpp (never trusted outside it):
# a private CA, one server key, and certificates that fail in one way each. Dates are fixed so the
# expired one stays expired and the others stay valid for a century. Regenerate with:
#   packaging/dev shell -c 'cd tests/data/tls && sh make-certs.sh'
set -eu
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -subj "/CN=jwtflow test CA" \
  -not_before 20260101000000Z -not_after 21260101000000Z \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out server.key 2>/dev/null
issue() { # NAME CN SAN NOT_BEFORE NOT_AFTER
  openssl req -new -key server.key -subj "/CN=$2" -out "$1.csr"
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$3" >"$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -set_serial "0x$(openssl rand -hex 8)" \
    -not_before "$4" -not_after "$5" -extfile "$1.ext" -out "$1.crt" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}
issue localhost 127.0.0.1 "IP:127.0.0.1,DNS:localhost" 20260101000000Z 21260101000000Z
issue wrong-host wrong.example "DNS:wrong.example" 20260101000000Z 21260101000000Z
issue expired 127.0.0.1 "IP:127.0.0.1,DNS:localhost" 20000101000000Z 20010101000000Z
rm -f ca.srl ca.key # nothing else is ever signed with it
