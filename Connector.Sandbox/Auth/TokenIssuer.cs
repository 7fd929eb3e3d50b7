using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Auth;

/// <summary>Who a request's credentials belong to.</summary>
public sealed record Caller(string Scheme, int AssociateId);

/// <summary>
/// Issues and checks access tokens (Bearer) and system-user tickets (SOTicket), signs JWTs with an RSA key made at
/// start-up (RS256, built by hand: base64url header.payload.signature). The key can be rotated: a new key id, and the
/// old key is no longer published. <see cref="Faults"/> can make the JWTs untrustworthy.
/// </summary>
public sealed class TokenIssuer(SandboxOptions options, TimeProvider time)
{
    public const string ClaimPrefix = "http://schemes.superoffice.net/identity/";

    private sealed record SigningKey(RSA Rsa, string Id);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _accessTokens = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tickets = new();
    private volatile SigningKey _key = NewKey();

    public TokenFaults Faults { get; } = new();

    /// <summary>The key id and public key now published (read together, so a rotation cannot mix them).</summary>
    public (string KeyId, RSAParameters PublicKey) PublishedKey
    {
        get
        {
            var key = _key;
            return (key.Id, key.Rsa.ExportParameters(false));
        }
    }

    private static SigningKey NewKey() =>
        new(RSA.Create(2048), "sandbox-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant());

    /// <summary>Signs with a new key from now on; the old one is no longer published. Returns the new key id.</summary>
    public string RotateKey()
    {
        // The old key is not disposed: a token being signed with it right now may still need it.
        _key = NewKey();
        return _key.Id;
    }

    public string IssueAccessToken()
    {
        // Shape like the samples ("8A:Cust12020.AR2s..."); clients must not parse it.
        var token = $"8A:{options.ContextIdentifier}.{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}";
        _accessTokens[token] = time.GetUtcNow().AddSeconds(options.AccessTokenLifetimeSeconds);
        return token;
    }

    public string IssueTicket()
    {
        var ticket = $"7T:{Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))}";
        _tickets[ticket] = time.GetUtcNow().AddMinutes(options.TicketLifetimeMinutes);
        return ticket;
    }

    /// <summary>Every issued access token and ticket expires now.</summary>
    public void ExpireAll()
    {
        var past = time.GetUtcNow().AddSeconds(-1);
        foreach (var key in _accessTokens.Keys)
        {
            _accessTokens[key] = past;
        }
        foreach (var key in _tickets.Keys)
        {
            _tickets[key] = past;
        }
    }

    /// <summary>The caller of a REST request, or null with the reason when the credentials are missing, unknown or expired.</summary>
    public (Caller? Caller, string Scheme, string Problem) Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ');
        var scheme = space > 0 ? header[..space] : header;
        var value = space > 0 ? header[(space + 1)..].Trim() : "";
        var now = time.GetUtcNow();
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return _accessTokens.TryGetValue(value, out var expires)
                ? expires > now ? (new Caller("Bearer", options.ApiAssociateId), "Bearer", "") : (null, "Bearer", "The access token has expired.")
                : (null, "Bearer", "The access token is not known.");
        }
        if (scheme.Equals("SOTicket", StringComparison.OrdinalIgnoreCase))
        {
            if (request.Headers["SO-AppToken"].ToString() != options.ClientSecret)
            {
                return (null, "SOTicket", "The SO-AppToken header must carry the application's client secret.");
            }
            if (!_tickets.TryGetValue(value, out var expires))
            {
                return (null, "SOTicket", "The ticket is not known.");
            }
            if (expires <= now)
            {
                return (null, "SOTicket", "The ticket has expired.");
            }
            // Sliding: each use restarts the ticket's window (system user flow page).
            _tickets.TryUpdate(value, now.AddMinutes(options.TicketLifetimeMinutes), expires);
            return (new Caller("SOTicket", options.ApiAssociateId), "SOTicket", "");
        }
        return (null, "Bearer", "Authorization: Bearer <access token> or SOTicket <ticket> is required.");
    }

    /// <summary>An RS256 JWT with the given claims plus iss, aud, iat, nbf, exp; <see cref="Faults"/> applied.</summary>
    public string SignJwt(string issuer, string audience, JsonObject claims, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        var faults = Faults;
        claims["iss"] = faults.Issuer ?? issuer;
        claims["aud"] = faults.Audience ?? audience;
        claims["iat"] = now.ToUnixTimeSeconds();
        claims["nbf"] = now.ToUnixTimeSeconds();
        claims["exp"] = now.Add(faults.LifetimeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : lifetime).ToUnixTimeSeconds();
        var key = _key;
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = key.Id };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        byte[] signature;
        if (faults.ForeignKey)
        {
            using var foreign = RSA.Create(2048);
            signature = foreign.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        else
        {
            signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        if (faults.TamperedWebApiUrl is { } tampered && claims.ContainsKey(ClaimPrefix + "webapi_url"))
        {
            claims[ClaimPrefix + "webapi_url"] = tampered;
            signingInput = signingInput[..signingInput.IndexOf('.')] + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        }
        return signingInput + "." + Base64Url(signature);
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// Checks a signed system user token: "{token}.{yyyyMMddHHmm}.{base64 RSA-SHA256 PKCS#1 signature}" signed
    /// over "{token}.{yyyyMMddHHmm}", the timestamp within ±10 minutes. Returns the problem, or null when valid.
    /// </summary>
    public string? VerifySystemUserToken(string signedToken)
    {
        if (string.IsNullOrWhiteSpace(options.SystemUserPublicKeyPem))
        {
            return "The sandbox has no system user public key (Sandbox:SystemUserPublicKeyPem).";
        }
        var lastDot = signedToken.LastIndexOf('.');
        if (lastDot <= 0)
        {
            return "SignedSystemToken must be '<system user token>.<yyyyMMddHHmm>.<signature>'.";
        }
        var data = signedToken[..lastDot];
        var stampDot = data.LastIndexOf('.');
        if (stampDot <= 0 || data[..stampDot] != options.SystemUserToken)
        {
            return "Unknown system user token.";
        }
        if (!DateTime.TryParseExact(data[(stampDot + 1)..], "yyyyMMddHHmm", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var stamp) ||
            Math.Abs((time.GetUtcNow().UtcDateTime - stamp).TotalMinutes) > 10)
        {
            return "The signed system user token's timestamp is missing or more than 10 minutes off.";
        }
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(signedToken[(lastDot + 1)..]);
        }
        catch (FormatException)
        {
            return "The signature is not base64.";
        }
        using var rsa = RSA.Create();
        rsa.ImportFromPem(options.SystemUserPublicKeyPem);
        return rsa.VerifyData(Encoding.UTF8.GetBytes(data), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            ? null
            : "The signature does not verify against the configured public key.";
    }
}
