using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Auth;

/// <summary>Who a request's credentials belong to.</summary>
public sealed record Caller(string Scheme, int AssociateId);

/// <summary>
/// Issues and checks access tokens (Bearer) and system-user tickets (SOTicket), signs id_tokens with an RSA key
/// made at start-up (RS256, built by hand: base64url header.payload.signature).
/// </summary>
public sealed class TokenIssuer(SandboxOptions options, TimeProvider time)
{
    public const string ClaimPrefix = "http://schemes.superoffice.net/identity/";

    private readonly RSA _signingKey = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _accessTokens = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tickets = new();

    public string KeyId { get; } = "sandbox-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();

    public RSAParameters PublicKey => _signingKey.ExportParameters(false);

    public string IssueAccessToken()
    {
        // Shape like the samples ("8A:Cust12020.AR2s..."); clients must not parse it (reference 2.4).
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
            return _tickets.TryGetValue(value, out var expires)
                ? expires > now ? (new Caller("SOTicket", options.ApiAssociateId), "SOTicket", "") : (null, "SOTicket", "The ticket has expired.")
                : (null, "SOTicket", "The ticket is not known.");
        }
        return (null, "Bearer", "Authorization: Bearer <access token> or SOTicket <ticket> is required.");
    }

    /// <summary>An RS256 JWT with the given claims plus iss, aud, iat, nbf, exp.</summary>
    public string SignJwt(string issuer, JsonObject claims, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        claims["iss"] = issuer;
        claims["aud"] = options.ClientId;
        claims["iat"] = now.ToUnixTimeSeconds();
        claims["nbf"] = now.ToUnixTimeSeconds();
        claims["exp"] = now.Add(lifetime).ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = KeyId };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _signingKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
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
