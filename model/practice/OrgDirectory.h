#pragma once

#include "core/Result.h"
#include "crypto/Certificate.h"
#include "crypto/PublicKey.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace jwtflow {

// What the practice org knows: the org itself, its connected apps (consumer key, uploaded
// certificate, permitted-users policy, scopes), its users and a few Account records. Plain data
// with lookups; the token endpoint decides with it and the scenarios edit a copy of it.
//
// The JSON config file (`jwtflow-cli practice-org --config FILE`) has this shape; every member is
// optional and falls back to the default org's value (formatHelp() prints the same):
//   {
//     "org":   {"id": "00DJ900000PRACT", "name": "...", "instanceName": "JWTF1", "sandbox": false,
//               "organizationType": "Developer Edition", "sessionSeconds": 7200, "expSkewSeconds": 0,
//               "acceptMyDomainAudience": true, "audiences": ["https://acme.my.site.com/customers"],
//               "apiVersion": "66.0"},
//     "apps":  [{"name": "...", "consumerKey": "3MVG9...", "consumerSecret": "...",
//               "certificate": "demo" | "FILE (relative to the config file)" | "-----BEGIN CERTIFICATE-----...",
//               "policy": "admin-approved" | "self-authorize", "profiles": ["System Administrator"],
//               "scopes": ["api", "web", "refresh_token", "openid"],
//               "kind": "connected-app" | "external-client-app", "installed": true,
//               "issuedAtAndSignature": false, "idTokenInJwtGrant": false, "jwtAccessTokens": false}],
//     "users": [{"username": "...", "id": "005...", "firstName": "...", "lastName": "...", "email": "...",
//               "profile": "System Administrator", "active": true, "locked": false,
//               "approvedApps": ["3MVG9..."], "loginIpRanges": ["10.0.0.0/8"]}],
//     "accounts": [{"name": "...", "industry": "...", "type": "...", "billingCity": "...", "owner": "username"}],
//     "contacts": [{"firstName": "...", "lastName": "...", "email": "...", "account": "account name"}]
//   }
// Ids may be 15 or 18 characters; missing ids are made up from the record's position.
class OrgDirectory {
public:
    enum class Policy { AdminApproved, SelfAuthorize };
    enum class AppKind { ConnectedApp, ExternalClientApp };

    struct Org {
        QString id; // 18 characters
        QString name;
        QString instanceName;
        bool sandbox = false;
        QString organizationType;
        qint64 sessionSeconds = 7200; // access token lifetime (Salesforce's default session timeout)
        qint64 expSkewSeconds = 0; // how long after exp an assertion is still taken
        bool acceptMyDomainAudience = true;
        QStringList audiences; // further accepted aud values (Experience Cloud sites)
        QString apiVersion; // the newest REST version served, e.g. "66.0"
    };

    struct App {
        QString name;
        QString consumerKey;
        QString consumerSecret;
        Certificate certificate;
        PublicKey publicKey; // the certificate's, extracted once (every exchange verifies with it)
        Policy policy = Policy::AdminApproved;
        QStringList profiles; // pre-authorized profiles (admin-approved policy)
        QStringList scopes;
        AppKind kind = AppKind::ConnectedApp;
        bool installed = true; // external client apps only
        bool issuedAtAndSignature = false;
        // Salesforce's documented JWT bearer answer has five members and no id_token, even with
        // the openid scope (Salesforce Help, "OAuth 2.0 JWT Bearer Flow for Server-to-Server
        // Integration"); this adds one when the app also has openid, for practising ID tokens.
        bool idTokenInJwtGrant = false;
        // "Issue JSON Web Token (JWT)-based access tokens for named users" (Salesforce Help,
        // "Configure a Connected App to Issue JWT-Based Access Tokens"; an External Client App has
        // the same in its OAuth settings): the access token is a signed JWT instead of an opaque
        // session id. Off by default, as in Salesforce.
        bool jwtAccessTokens = false;

        bool hasScope(const QString &scope) const { return scopes.contains(scope); }
        void setCertificate(const Certificate &cert)
        {
            certificate = cert;
            publicKey = cert.isNull() ? PublicKey() : cert.publicKey();
        }
    };

    struct User {
        QString id; // 18 characters
        QString username;
        QString firstName;
        QString lastName;
        QString email;
        QString profile;
        bool active = true;
        bool locked = false;
        QStringList approvedApps; // consumer keys this user approved (with a refresh token)
        QStringList loginIpRanges; // CIDR; empty: from anywhere
        QString timezone = QStringLiteral("America/Los_Angeles");
        QString locale = QStringLiteral("en_US");

        QString name() const { return (firstName + QLatin1Char(' ') + lastName).trimmed(); }
    };

    struct Account {
        QString id;
        QString name;
        QString industry;
        QString type;
        QString billingCity;
        QString ownerId; // a user's id: SOQL's Owner.Name
    };

    struct Contact {
        QString id;
        QString firstName;
        QString lastName;
        QString email;
        QString accountId; // empty: a contact without account (Account.Name is null)

        QString name() const { return (firstName + QLatin1Char(' ') + lastName).trimmed(); }
    };

    Org org;
    QList<App> apps;
    QList<User> users;
    QList<Account> accounts;
    QList<Contact> contacts;

    // The org every first run gets: one admin-approved app and one self-authorize app, both with
    // the demo certificate; an admin, a user without pre-authorization, an inactive user.
    static OrgDirectory makeDefault(const Certificate &demoCertificate);

    // Error codes "practice.config.*"; `baseDirectory` resolves relative certificate paths.
    static Result<OrgDirectory> fromJson(
        const QJsonObject &json, const QString &baseDirectory, const Certificate &demoCertificate);
    static Result<OrgDirectory> loadFile(const QString &path, const Certificate &demoCertificate);
    QJsonObject toJson() const; // certificates as PEM text
    static QString formatHelp();

    const App *appByConsumerKey(const QString &consumerKey) const;
    App *appByConsumerKey(const QString &consumerKey);
    // Salesforce usernames are matched without regard to case.
    const User *userByUsername(const QString &username) const;
    User *userByUsername(const QString &username);
    const User *userById(const QString &id) const; // 15 or 18 characters

    QString orgId15() const;
    static QString policyName(Policy policy); // "admin-approved", "self-authorize"
};

} // namespace jwtflow
