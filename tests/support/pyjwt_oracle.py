#!/usr/bin/env python3
"""PyJWT's verdict on each token of the hostile catalogue (tests/unit/HostileTokenTest.cpp).

Reads JSON lines {"name", "token", "key": "hmac"|"rsa"} on standard input and prints one JSON
object {name: "ok" | "<ExceptionClass>: <message>"}. Only the signature and the token's form are
judged: every claim check (exp, nbf, iat, aud, iss, sub, jti) is off, as `jwtflow-cli verify`
checks the signature, not the claims.
"""
import json
import sys

import jwt

SECRET = b"hostile-test-secret-of-32-bytes!"
OPTIONS = {
    "verify_signature": True,
    "verify_exp": False,
    "verify_nbf": False,
    "verify_iat": False,
    "verify_aud": False,
    "verify_iss": False,
    "verify_sub": False,
    "verify_jti": False,
    "require": [],
}


def main():
    public_pem = open(sys.argv[1], "rb").read()
    verdicts = {}
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        key = SECRET if case["key"] == "hmac" else public_pem
        algorithms = ["HS256", "HS384", "HS512"] if case["key"] == "hmac" else ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"]
        try:
            jwt.decode(case["token"], key, algorithms=algorithms, options=OPTIONS)
            verdicts[case["name"]] = "ok"
        except Exception as error:  # every refusal, whatever its class, is a refusal
            verdicts[case["name"]] = "%s: %s" % (type(error).__name__, error)
    json.dump(verdicts, sys.stdout)


if __name__ == "__main__":
    main()
