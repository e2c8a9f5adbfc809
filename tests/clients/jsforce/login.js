// jsforce against the jwtflow practice org: sign an assertion with the demo key (jsonwebtoken, as
// sfdx-core does), log in with jsforce's JWT bearer authorize, then use the connection the way
// an integration would: identity, SOQL. jsforce 3 has no jwtAuthorize(): its JWT bearer login is
// conn.authorize({grant_type, assertion}), i.e. OAuth2.requestToken(). Exit 0 only if all worked.
//   node login.js URL CONSUMER_KEY USERNAME KEY_FILE
'use strict';
const fs = require('fs');
const jwt = require('jsonwebtoken');
const jsforce = require('jsforce');

async function main() {
  const [url, clientId, username, keyFile] = process.argv.slice(2);
  if (!keyFile) throw new Error('usage: node login.js URL CONSUMER_KEY USERNAME KEY_FILE');
  const privateKey = fs.readFileSync(keyFile, 'utf8');
  const assertion = jwt.sign({ iss: clientId, sub: username, aud: url, exp: Math.floor(Date.now() / 1000) + 180 },
                             privateKey, { algorithm: 'RS256' });

  const grant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
  const oauth2 = new jsforce.OAuth2({ clientId, loginUrl: url });
  const token = await oauth2.requestToken({ grant_type: grant, assertion });
  console.log(`token: ${token.access_token.slice(0, 20)}… instance_url ${token.instance_url}`);

  const conn = new jsforce.Connection({ oauth2, version: '62.0' });
  const userInfo = await conn.authorize({ grant_type: grant, assertion });
  console.log(`authorize: user ${userInfo.id} org ${userInfo.organizationId} instance ${conn.instanceUrl}`);

  const identity = await conn.identity();
  console.log(`identity: ${identity.username} (${identity.display_name})`);
  const result = await conn.query('SELECT Id, Name FROM Account LIMIT 3');
  console.log(`query: ${result.totalSize} accounts: ${result.records.map((r) => r.Name).join(', ')}`);
  if (result.totalSize !== 3) throw new Error('expected 3 accounts');
  const org = await conn.query('SELECT Name, IsSandbox FROM Organization');
  console.log(`organization: ${org.records[0].Name}`);

  // A refusal comes back as jsforce's error with Salesforce's error and description.
  const bad = jwt.sign({ iss: clientId, sub: 'nobody@example.com', aud: url, exp: Math.floor(Date.now() / 1000) + 180 },
                       privateKey, { algorithm: 'RS256' });
  try {
    await oauth2.requestToken({ grant_type: grant, assertion: bad });
    throw new Error('an unknown user was let in');
  } catch (e) {
    if (e.name !== 'invalid_grant' || e.message !== "user hasn't approved this consumer") throw e;
    console.log(`refusal: ${e.name}: ${e.message}`);
  }
  console.log('jsforce: OK');
}

main().catch((e) => {
  console.error(`jsforce: FAILED: ${e.name}: ${e.message}`);
  process.exit(1);
});
