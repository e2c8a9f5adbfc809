#include "practice/OrgDirectory.h"

#include "crypto/KeyLoader.h"
#include "practice/SalesforceId.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>

namespace jwtflow {

namespace {

const QString kAdminProfile = QStringLiteral("System Administrator");

QString idFor(const QString &prefix, int index)
{
    // 3-character key prefix, pod "J9", then a serial padded to 15 characters.
    const QString serial = QString::number(index + 1);
    return SalesforceId::to18(prefix + QStringLiteral("J9") + QString(10 - serial.size(), QLatin1Char('0')) + serial);
}

Error configError(const QString &what, const QString &detail = {})
{
    return makeError(QStringLiteral("practice.config.invalid"),
        QStringLiteral("The practice org config is not valid: %1.").arg(what),
        detail.isEmpty() ? QStringLiteral("See 'jwtflow-cli practice-org --help' for the file's format.") : detail);
}

QStringList stringList(const QJsonValue &value, const QStringList &fallback)
{
    if (!value.isArray())
        return fallback;
    QStringList out;
    for (const QJsonValue &item : value.toArray())
        out << item.toString();
    return out;
}

QString string(const QJsonObject &object, const char *key, const QString &fallback)
{
    const QJsonValue value = object.value(QLatin1String(key));
    return value.isString() ? value.toString() : fallback;
}

bool boolean(const QJsonObject &object, const char *key, bool fallback)
{
    const QJsonValue value = object.value(QLatin1String(key));
    return value.isBool() ? value.toBool() : fallback;
}

Result<QString> recordId(const QJsonObject &object, const QString &prefix, int index, const QString &what)
{
    const QString id = string(object, "id", {});
    if (id.isEmpty())
        return idFor(prefix, index);
    if (!SalesforceId::isValid(id) || !id.startsWith(prefix))
        return configError(QStringLiteral("%1 id \"%2\" is not a Salesforce id starting with %3").arg(what, id, prefix));
    return SalesforceId::to18(id);
}

Result<Certificate> certificateFrom(const QString &text, const QString &baseDirectory, const Certificate &demo)
{
    if (text.isEmpty() || text == QLatin1String("demo"))
        return demo;
    if (text.contains(QLatin1String("-----BEGIN"))) {
        const auto material = KeyLoader::loadData(text.toUtf8(), QStringLiteral("certificate in the practice org config"));
        if (!material)
            return material.error();
        if (material->certificate.isNull())
            return configError(QStringLiteral("an app's \"certificate\" text holds no certificate"));
        return material->certificate;
    }
    const QString path = QFileInfo(text).isAbsolute() ? text : QDir(baseDirectory).filePath(text);
    return KeyLoader::loadCertificate(path);
}

QString certificateText(const Certificate &certificate)
{
    return QString::fromLatin1(certificate.toPem());
}

} // namespace

OrgDirectory OrgDirectory::makeDefault(const Certificate &demoCertificate)
{
    OrgDirectory d;
    d.org.id = SalesforceId::to18(u"00DJ900000PRACT");
    d.org.name = QStringLiteral("jwtflow Practice Org");
    d.org.instanceName = QStringLiteral("JWTF1");
    d.org.organizationType = QStringLiteral("Developer Edition");
    d.org.apiVersion = QStringLiteral("66.0");

    App admin;
    admin.name = QStringLiteral("jwtflow Practice App");
    admin.consumerKey = QStringLiteral("3MVG9jwtflow.Practice.Org.Demo.Connected.App");
    admin.consumerSecret = QStringLiteral("6D1B7F0C9A3E4F2B8C5D7E9F1A3B5C7D9E1F3A5B7C9D1E3F5A7B9C1D3E5F7A9B");
    admin.setCertificate(demoCertificate);
    admin.policy = Policy::AdminApproved;
    admin.profiles = { kAdminProfile };
    admin.scopes = { QStringLiteral("api"), QStringLiteral("web"), QStringLiteral("refresh_token"), QStringLiteral("openid") };
    d.apps << admin;

    App self = admin;
    self.name = QStringLiteral("jwtflow Self-Authorize App");
    self.consumerKey = QStringLiteral("3MVG9jwtflow.Practice.Org.SelfAuthorize.App");
    self.consumerSecret = QStringLiteral("0F2E4D6C8B0A1F3E5D7C9B1A3F5E7D9C1B3A5F7E9D1C3B5A7F9E1D3C5B7A9F1E");
    self.policy = Policy::SelfAuthorize;
    self.profiles.clear();
    self.scopes = { QStringLiteral("api"), QStringLiteral("refresh_token") };
    d.apps << self;

    User demo;
    demo.id = idFor(QStringLiteral("005"), 0);
    demo.username = QStringLiteral("demo@practice.jwtflow.example");
    demo.firstName = QStringLiteral("Ada");
    demo.lastName = QStringLiteral("Demo");
    demo.email = QStringLiteral("demo@practice.jwtflow.example");
    demo.profile = kAdminProfile;
    demo.approvedApps = { self.consumerKey };
    d.users << demo;

    User standard;
    standard.id = idFor(QStringLiteral("005"), 1);
    standard.username = QStringLiteral("standard@practice.jwtflow.example");
    standard.firstName = QStringLiteral("Grace");
    standard.lastName = QStringLiteral("Standard");
    standard.email = standard.username;
    standard.profile = QStringLiteral("Standard User");
    d.users << standard;

    User inactive;
    inactive.id = idFor(QStringLiteral("005"), 2);
    inactive.username = QStringLiteral("inactive@practice.jwtflow.example");
    inactive.firstName = QStringLiteral("Ivan");
    inactive.lastName = QStringLiteral("Inactive");
    inactive.email = inactive.username;
    inactive.profile = kAdminProfile;
    inactive.active = false;
    d.users << inactive;

    // The records of a fresh Developer Edition org.
    const struct {
        const char *name, *industry, *type, *city;
    } seeds[] = {
        { "Edge Communications", "Electronics", "Customer - Direct", "Austin" },
        { "Burlington Textiles Corp of America", "Apparel", "Customer - Direct", "Burlington" },
        { "GenePoint", "Biotechnology", "Customer - Channel", "Mountain View" },
        { "United Oil & Gas Corp.", "Energy", "Customer - Direct", "New York" },
    };
    int i = 0;
    for (const auto &seed : seeds) {
        d.accounts << Account { idFor(QStringLiteral("001"), i++), QString::fromUtf8(seed.name), QString::fromUtf8(seed.industry),
            QString::fromUtf8(seed.type), QString::fromUtf8(seed.city), demo.id };
    }
    const struct {
        const char *first, *last, *email;
        int account; // index into the accounts above, -1 for none
    } contacts[] = {
        { "Rose", "Gonzalez", "rose@edge.example", 0 },
        { "Jack", "Rogers", "jrogers@burlington.example", 1 },
        { "Edna", "Frank", "efrank@genepoint.example", 2 },
        { "Lauren", "Boyle", "lboyle@uog.example", 3 },
        { "Avi", "Green", "agreen@uog.example", 3 },
        { "Sam", "Loner", "sam@nowhere.example", -1 },
    };
    i = 0;
    for (const auto &c : contacts) {
        d.contacts << Contact { idFor(QStringLiteral("003"), i++), QString::fromUtf8(c.first), QString::fromUtf8(c.last),
            QString::fromUtf8(c.email), c.account < 0 ? QString() : d.accounts.at(c.account).id };
    }
    return d;
}

Result<OrgDirectory> OrgDirectory::fromJson(
    const QJsonObject &json, const QString &baseDirectory, const Certificate &demoCertificate)
{
    const OrgDirectory defaults = makeDefault(demoCertificate);
    OrgDirectory d = defaults;

    const QJsonObject org = json.value(QStringLiteral("org")).toObject();
    if (org.contains(QStringLiteral("id"))) {
        auto id = recordId(org, QStringLiteral("00D"), 0, QStringLiteral("the org"));
        if (!id)
            return id.error();
        d.org.id = id.value();
    }
    d.org.name = string(org, "name", d.org.name);
    d.org.instanceName = string(org, "instanceName", d.org.instanceName);
    d.org.sandbox = boolean(org, "sandbox", d.org.sandbox);
    d.org.organizationType = string(org, "organizationType", d.org.organizationType);
    d.org.sessionSeconds = org.value(QStringLiteral("sessionSeconds")).toInteger(d.org.sessionSeconds);
    d.org.expSkewSeconds = org.value(QStringLiteral("expSkewSeconds")).toInteger(d.org.expSkewSeconds);
    d.org.acceptMyDomainAudience = boolean(org, "acceptMyDomainAudience", d.org.acceptMyDomainAudience);
    d.org.audiences = stringList(org.value(QStringLiteral("audiences")), d.org.audiences);
    d.org.apiVersion = string(org, "apiVersion", d.org.apiVersion);
    if (d.org.sessionSeconds <= 0)
        return configError(QStringLiteral("org.sessionSeconds must be positive"));
    bool versionOk = false;
    const double newest = d.org.apiVersion.toDouble(&versionOk);
    if (!versionOk || newest < 31 || newest > 999)
        return configError(QStringLiteral("org.apiVersion \"%1\" is not a REST API version such as 66.0").arg(d.org.apiVersion));

    if (json.contains(QStringLiteral("apps"))) {
        d.apps.clear();
        const QJsonArray apps = json.value(QStringLiteral("apps")).toArray();
        for (qsizetype i = 0; i < apps.size(); ++i) {
            const QJsonObject a = apps.at(i).toObject();
            App app = defaults.apps.constFirst();
            app.name = string(a, "name", QStringLiteral("App %1").arg(i + 1));
            app.consumerKey = string(a, "consumerKey", {});
            if (app.consumerKey.isEmpty())
                return configError(QStringLiteral("app %1 has no consumerKey").arg(i + 1));
            if (d.appByConsumerKey(app.consumerKey))
                return configError(QStringLiteral("two apps share the consumer key %1").arg(app.consumerKey));
            app.consumerSecret = string(a, "consumerSecret", app.consumerSecret);
            auto cert = certificateFrom(string(a, "certificate", {}), baseDirectory, demoCertificate);
            if (!cert)
                return cert.error();
            app.setCertificate(cert.value());
            const QString policy = string(a, "policy", policyName(Policy::AdminApproved));
            if (policy == policyName(Policy::AdminApproved))
                app.policy = Policy::AdminApproved;
            else if (policy == policyName(Policy::SelfAuthorize))
                app.policy = Policy::SelfAuthorize;
            else
                return configError(
                    QStringLiteral("app %1: policy \"%2\" is neither admin-approved nor self-authorize").arg(app.name, policy));
            app.profiles = stringList(
                a.value(QStringLiteral("profiles")), app.policy == Policy::AdminApproved ? app.profiles : QStringList());
            app.scopes = stringList(a.value(QStringLiteral("scopes")), app.scopes);
            const QString kind = string(a, "kind", QStringLiteral("connected-app"));
            if (kind != QLatin1String("connected-app") && kind != QLatin1String("external-client-app"))
                return configError(
                    QStringLiteral("app %1: kind \"%2\" is neither connected-app nor external-client-app").arg(app.name, kind));
            app.kind = kind == QLatin1String("external-client-app") ? AppKind::ExternalClientApp : AppKind::ConnectedApp;
            app.installed = boolean(a, "installed", true);
            app.issuedAtAndSignature = boolean(a, "issuedAtAndSignature", false);
            app.idTokenInJwtGrant = boolean(a, "idTokenInJwtGrant", false);
            app.jwtAccessTokens = boolean(a, "jwtAccessTokens", false);
            d.apps << app;
        }
    }

    if (json.contains(QStringLiteral("users"))) {
        d.users.clear();
        const QJsonArray users = json.value(QStringLiteral("users")).toArray();
        for (qsizetype i = 0; i < users.size(); ++i) {
            const QJsonObject u = users.at(i).toObject();
            User user;
            auto id = recordId(u, QStringLiteral("005"), int(i), QStringLiteral("user"));
            if (!id)
                return id.error();
            user.id = id.value();
            user.username = string(u, "username", {});
            if (user.username.isEmpty())
                return configError(QStringLiteral("user %1 has no username").arg(i + 1));
            if (d.userByUsername(user.username) || d.userById(user.id))
                return configError(QStringLiteral("two users share the username or id of %1").arg(user.username));
            user.firstName = string(u, "firstName", {});
            user.lastName = string(u, "lastName", user.username.section(QLatin1Char('@'), 0, 0));
            user.email = string(u, "email", user.username);
            user.profile = string(u, "profile", kAdminProfile);
            user.active = boolean(u, "active", true);
            user.locked = boolean(u, "locked", false);
            user.approvedApps = stringList(u.value(QStringLiteral("approvedApps")), {});
            user.loginIpRanges = stringList(u.value(QStringLiteral("loginIpRanges")), {});
            user.timezone = string(u, "timezone", user.timezone);
            user.locale = string(u, "locale", user.locale);
            for (const QString &range : std::as_const(user.loginIpRanges)) {
                if (QHostAddress::parseSubnet(range).first.isNull())
                    return configError(
                        QStringLiteral("user %1: \"%2\" is not an address range such as 10.0.0.0/8").arg(user.username, range));
            }
            d.users << user;
        }
    }

    if (json.contains(QStringLiteral("accounts"))) {
        d.accounts.clear();
        const QJsonArray accounts = json.value(QStringLiteral("accounts")).toArray();
        for (qsizetype i = 0; i < accounts.size(); ++i) {
            const QJsonObject a = accounts.at(i).toObject();
            auto id = recordId(a, QStringLiteral("001"), int(i), QStringLiteral("account"));
            if (!id)
                return id.error();
            const QString owner = string(a, "owner", {});
            const User *ownerUser
                = owner.isEmpty() ? (d.users.isEmpty() ? nullptr : &d.users.constFirst()) : d.userByUsername(owner);
            if (!owner.isEmpty() && !ownerUser)
                return configError(QStringLiteral("account %1: owner \"%2\" is not a user of the org").arg(i + 1).arg(owner));
            d.accounts << Account { id.value(), string(a, "name", QStringLiteral("Account %1").arg(i + 1)),
                string(a, "industry", {}), string(a, "type", {}), string(a, "billingCity", {}),
                ownerUser ? ownerUser->id : QString() };
        }
    } else if (json.contains(QStringLiteral("users"))) {
        // The default accounts keep an owner that exists.
        for (Account &account : d.accounts)
            account.ownerId = d.users.isEmpty() ? QString() : d.users.constFirst().id;
    }

    if (json.contains(QStringLiteral("contacts")) || json.contains(QStringLiteral("accounts"))) {
        d.contacts.clear();
        const QJsonArray contacts = json.value(QStringLiteral("contacts")).toArray();
        for (qsizetype i = 0; i < contacts.size(); ++i) {
            const QJsonObject c = contacts.at(i).toObject();
            auto id = recordId(c, QStringLiteral("003"), int(i), QStringLiteral("contact"));
            if (!id)
                return id.error();
            const QString accountName = string(c, "account", {});
            QString accountId;
            for (const Account &account : std::as_const(d.accounts)) {
                if (account.name == accountName)
                    accountId = account.id;
            }
            if (!accountName.isEmpty() && accountId.isEmpty())
                return configError(
                    QStringLiteral("contact %1: account \"%2\" is not an account of the org").arg(i + 1).arg(accountName));
            d.contacts << Contact { id.value(), string(c, "firstName", {}),
                string(c, "lastName", QStringLiteral("Contact %1").arg(i + 1)), string(c, "email", {}), accountId };
        }
    }
    return d;
}

Result<OrgDirectory> OrgDirectory::loadFile(const QString &path, const Certificate &demoCertificate)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            QStringLiteral("practice.config.unreadable"), QStringLiteral("%1 cannot be read: %2.").arg(path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.read(4 * 1024 * 1024), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return makeError(QStringLiteral("practice.config.invalid"),
            QStringLiteral("%1 is not a JSON object: %2 at offset %3.")
                .arg(path, parseError.errorString())
                .arg(parseError.offset),
            QStringLiteral("See 'jwtflow-cli practice-org --help' for the file's format."));
    auto directory = fromJson(document.object(), QFileInfo(path).absolutePath(), demoCertificate);
    if (!directory)
        return makeError(directory.error().code, path + QStringLiteral(": ") + directory.error().message, directory.error().hint);
    return directory;
}

QJsonObject OrgDirectory::toJson() const
{
    QJsonArray appsJson;
    for (const App &app : apps) {
        appsJson.append(QJsonObject { { QStringLiteral("name"), app.name }, { QStringLiteral("consumerKey"), app.consumerKey },
            { QStringLiteral("consumerSecret"), app.consumerSecret },
            { QStringLiteral("certificate"), certificateText(app.certificate) },
            { QStringLiteral("policy"), policyName(app.policy) },
            { QStringLiteral("profiles"), QJsonArray::fromStringList(app.profiles) },
            { QStringLiteral("scopes"), QJsonArray::fromStringList(app.scopes) },
            { QStringLiteral("kind"),
                app.kind == AppKind::ExternalClientApp ? QStringLiteral("external-client-app")
                                                       : QStringLiteral("connected-app") },
            { QStringLiteral("installed"), app.installed }, { QStringLiteral("issuedAtAndSignature"), app.issuedAtAndSignature },
            { QStringLiteral("idTokenInJwtGrant"), app.idTokenInJwtGrant },
            { QStringLiteral("jwtAccessTokens"), app.jwtAccessTokens } });
    }
    QJsonArray usersJson;
    for (const User &user : users) {
        usersJson.append(QJsonObject { { QStringLiteral("id"), user.id }, { QStringLiteral("username"), user.username },
            { QStringLiteral("firstName"), user.firstName }, { QStringLiteral("lastName"), user.lastName },
            { QStringLiteral("email"), user.email }, { QStringLiteral("profile"), user.profile },
            { QStringLiteral("active"), user.active }, { QStringLiteral("locked"), user.locked },
            { QStringLiteral("approvedApps"), QJsonArray::fromStringList(user.approvedApps) },
            { QStringLiteral("loginIpRanges"), QJsonArray::fromStringList(user.loginIpRanges) },
            { QStringLiteral("timezone"), user.timezone }, { QStringLiteral("locale"), user.locale } });
    }
    QJsonArray accountsJson;
    for (const Account &account : accounts) {
        accountsJson.append(QJsonObject { { QStringLiteral("id"), account.id }, { QStringLiteral("name"), account.name },
            { QStringLiteral("industry"), account.industry }, { QStringLiteral("type"), account.type },
            { QStringLiteral("billingCity"), account.billingCity },
            { QStringLiteral("owner"), userById(account.ownerId) ? userById(account.ownerId)->username : QString() } });
    }
    QJsonArray contactsJson;
    for (const Contact &contact : contacts) {
        QString accountName;
        for (const Account &account : accounts) {
            if (account.id == contact.accountId)
                accountName = account.name;
        }
        contactsJson.append(QJsonObject { { QStringLiteral("id"), contact.id },
            { QStringLiteral("firstName"), contact.firstName }, { QStringLiteral("lastName"), contact.lastName },
            { QStringLiteral("email"), contact.email }, { QStringLiteral("account"), accountName } });
    }
    const QJsonObject orgJson { { QStringLiteral("id"), org.id }, { QStringLiteral("name"), org.name },
        { QStringLiteral("instanceName"), org.instanceName }, { QStringLiteral("sandbox"), org.sandbox },
        { QStringLiteral("organizationType"), org.organizationType }, { QStringLiteral("sessionSeconds"), org.sessionSeconds },
        { QStringLiteral("expSkewSeconds"), org.expSkewSeconds },
        { QStringLiteral("acceptMyDomainAudience"), org.acceptMyDomainAudience },
        { QStringLiteral("audiences"), QJsonArray::fromStringList(org.audiences) },
        { QStringLiteral("apiVersion"), org.apiVersion } };
    return QJsonObject { { QStringLiteral("org"), orgJson }, { QStringLiteral("apps"), appsJson },
        { QStringLiteral("users"), usersJson }, { QStringLiteral("accounts"), accountsJson },
        { QStringLiteral("contacts"), contactsJson } };
}

QString OrgDirectory::formatHelp()
{
    return QStringLiteral(
        "Config file (JSON; every member optional, missing ones keep the default org's values):\n"
        "  {\"org\": {\"id\": \"00D...\", \"name\": \"...\", \"instanceName\": \"...\", \"sandbox\": false,\n"
        "           \"organizationType\": \"Developer Edition\", \"sessionSeconds\": 7200, \"expSkewSeconds\": 0,\n"
        "           \"acceptMyDomainAudience\": true, \"audiences\": [\"https://acme.my.site.com/customers\"], \"apiVersion\": "
        "\"66.0\"},\n"
        "   \"apps\": [{\"name\": \"...\", \"consumerKey\": \"3MVG9...\", \"consumerSecret\": \"...\",\n"
        "             \"certificate\": \"demo\" | \"FILE\" (relative to the config file) | \"-----BEGIN CERTIFICATE-----...\",\n"
        "             \"policy\": \"admin-approved\" | \"self-authorize\", \"profiles\": [\"System Administrator\"],\n"
        "             \"scopes\": [\"api\", \"web\", \"refresh_token\", \"openid\"],\n"
        "             \"kind\": \"connected-app\" | \"external-client-app\", \"installed\": true, \"issuedAtAndSignature\": "
        "false,\n"
        "             \"idTokenInJwtGrant\": false, \"jwtAccessTokens\": false}],\n"
        "   \"users\": [{\"username\": \"...\", \"id\": \"005...\", \"firstName\": \"...\", \"lastName\": \"...\", \"email\": "
        "\"...\",\n"
        "              \"profile\": \"System Administrator\", \"active\": true, \"locked\": false,\n"
        "              \"approvedApps\": [\"3MVG9...\"], \"loginIpRanges\": [\"10.0.0.0/8\"]}],\n"
        "   \"accounts\": [{\"name\": \"...\", \"industry\": \"...\", \"type\": \"...\", \"billingCity\": \"...\", \"owner\": "
        "\"username\"}],\n"
        "   \"contacts\": [{\"firstName\": \"...\", \"lastName\": \"...\", \"email\": \"...\", \"account\": \"account name\"}]}\n"
        "A list given replaces the default list. \"approvedApps\" is the self-authorize approval (with a refresh token);\n"
        "\"profiles\" pre-authorizes users of an admin-approved app. \"issuedAtAndSignature\" adds issued_at and\n"
        "signature (HMAC-SHA256 of id + issued_at with the consumer secret) to token answers, which Salesforce's\n"
        "JWT grant does not send; \"idTokenInJwtGrant\" adds an id_token when the app also has the openid scope (off by\n"
        "default: Salesforce's documented JWT bearer answer is access_token, scope, instance_url, id, token_type);\n"
        "\"jwtAccessTokens\" issues JWT-based access tokens (RS256, signed with the org's key published at /id/keys)\n"
        "instead of opaque ones, as the app setting \"Issue JSON Web Token (JWT)-based access tokens for named users\" does.");
}

const OrgDirectory::App *OrgDirectory::appByConsumerKey(const QString &consumerKey) const
{
    for (const App &app : apps) {
        if (app.consumerKey == consumerKey)
            return &app;
    }
    return nullptr;
}

// The non-const lookups iterate non-const so that QList detaches: a const_cast pointer into a
// list still shared with a copy would edit both.
OrgDirectory::App *OrgDirectory::appByConsumerKey(const QString &consumerKey)
{
    for (App &app : apps) {
        if (app.consumerKey == consumerKey)
            return &app;
    }
    return nullptr;
}

const OrgDirectory::User *OrgDirectory::userByUsername(const QString &username) const
{
    for (const User &user : users) {
        if (user.username.compare(username, Qt::CaseInsensitive) == 0)
            return &user;
    }
    return nullptr;
}

OrgDirectory::User *OrgDirectory::userByUsername(const QString &username)
{
    for (User &user : users) {
        if (user.username.compare(username, Qt::CaseInsensitive) == 0)
            return &user;
    }
    return nullptr;
}

const OrgDirectory::User *OrgDirectory::userById(const QString &id) const
{
    for (const User &user : users) {
        if (SalesforceId::same(user.id, id))
            return &user;
    }
    return nullptr;
}

QString OrgDirectory::orgId15() const
{
    return SalesforceId::to15(org.id);
}

QString OrgDirectory::policyName(Policy policy)
{
    return policy == Policy::AdminApproved ? QStringLiteral("admin-approved") : QStringLiteral("self-authorize");
}

} // namespace jwtflow
