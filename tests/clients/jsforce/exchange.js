// The token exchange as a small node tool does it (the benchmark's reference): sign the assertion
// with jsonwebtoken, POST it with fetch, print the token's start. Exit 0 on HTTP 200.
//   node exchange.js URL CONSUMER_KEY USERNAME KEY_FILE
'use strict';
const fs = require('fs');
const jwt = require('jsonwebtoken');

async function main() {
  const [url, clientId, username, keyFile] = process.argv.slice(2);
  const assertion = jwt.sign({ iss: clientId, sub: username, aud: url, exp: Math.floor(Date.now() / 1000) + 180 },
                             fs.readFileSync(keyFile, 'utf8'), { algorithm: 'RS256' });
  const response = await fetch(`${url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
  });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`${body.error}: ${body.error_description}`);
  console.log(`${body.access_token.slice(0, 20)}…`);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
