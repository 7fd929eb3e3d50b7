using System.Globalization;
using Connector.Core.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Connector.Core.SuperOffice;

/// <summary>
/// Validates the JWTs SuperOffice issues before any claim is used (https://docs.superoffice.com/en/api/authentication/online/validate-security-tokens.html):
/// the RS256 signature against the keys of the login host's OpenID Connect metadata, the issuer and audience that
/// page lists per scenario, the lifetime (against <see cref="TimeProvider"/>, with <see cref="ClockSkew"/>) and the
/// tenant (<c>ctx</c>). A refused token gives <see cref="SuperOfficeAuthenticationException"/> saying what failed,
/// never the token.
/// </summary>
public sealed class SuperOfficeTokenValidator(
    SuperOfficeOpenIdMetadata metadata,
    IOptions<SuperOfficeOptions> options,
    TimeProvider time,
    ILogger<SuperOfficeTokenValidator> logger)
{
    /// <summary>The issuer of system user tokens (the validation page's table; the OpenID Connect issuer is the metadata's).</summary>
    public const string SystemUserIssuer = "SuperOffice AS";

    /// <summary>The audience of a system user token is <c>spn:</c> followed by the tenant's serial claim.</summary>
    public const string SystemUserAudiencePrefix = "spn:";

    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>The id_token of the refresh-token grant: issuer from the metadata, audience the client id.</summary>
    public Task<IReadOnlyDictionary<string, string>> ValidateIdTokenAsync(string jwt, CancellationToken cancellationToken) =>
        ValidateAsync(jwt, "The id_token from SuperOffice's token endpoint",
            (_, configuration) => (configuration.Issuer, options.Value.ClientId ?? "", "the app's client id (SuperOffice:ClientId)"), cancellationToken);

    /// <summary>The JWT of the system user sign-in: issuer <see cref="SystemUserIssuer"/>, audience <c>spn:{serial}</c>.</summary>
    public Task<IReadOnlyDictionary<string, string>> ValidateSystemUserTokenAsync(string jwt, CancellationToken cancellationToken) =>
        ValidateAsync(jwt, "The system user token from SuperOffice",
            (token, _) => (SystemUserIssuer,
                SystemUserAudiencePrefix + (token.TryGetPayloadValue<string>(SuperOfficeClaims.Serial, out var serial) ? serial : ""),
                "spn: and the token's serial claim"), cancellationToken);

    private async Task<IReadOnlyDictionary<string, string>> ValidateAsync(
        string jwt, string what, Func<JsonWebToken, OpenIdConnectConfiguration, (string Issuer, string Audience, string AudienceMeaning)> expected,
        CancellationToken cancellationToken)
    {
        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(jwt);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            throw Refused(what, "it is not a well-formed JWT");
        }

        var configuration = await metadata.GetAsync(cancellationToken).ConfigureAwait(false);
        var result = await ValidateAsync(token, configuration, expected).ConfigureAwait(false);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            logger.LogInformation("{Token} is signed with key {KeyId}, which the cached key set lacks", what, token.Kid);
            if (await metadata.RefreshAsync(configuration, cancellationToken).ConfigureAwait(false) is { } fresh)
            {
                configuration = fresh;
                result = await ValidateAsync(token, configuration, expected).ConfigureAwait(false);
            }
        }
        if (!result.IsValid)
        {
            var (issuer, audience, meaning) = expected(token, configuration);
            throw Refused(what, Reason(result.Exception, token, configuration, issuer, audience, meaning));
        }

        var now = time.GetUtcNow();
        if (token.ValidTo == DateTime.MinValue)
        {
            throw Refused(what, "it has no expiry (exp)");
        }
        if (now > new DateTimeOffset(token.ValidTo, TimeSpan.Zero) + ClockSkew)
        {
            throw Refused(what, $"it expired at {token.ValidTo.ToString("O", CultureInfo.InvariantCulture)}");
        }
        if (token.ValidFrom != DateTime.MinValue && now + ClockSkew < new DateTimeOffset(token.ValidFrom, TimeSpan.Zero))
        {
            throw Refused(what, $"it is not valid before {token.ValidFrom.ToString("O", CultureInfo.InvariantCulture)}");
        }

        var claims = Claims(token);
        var tenant = options.Value.ContextIdentifier;
        if (claims.TryGetValue(SuperOfficeClaims.ContextIdentifier, out var ctx) && !string.Equals(ctx, tenant, StringComparison.OrdinalIgnoreCase))
        {
            throw Refused(what, $"it is for tenant {ctx}, not {tenant} (SuperOffice:ContextIdentifier)");
        }
        return claims;
    }

    private Task<TokenValidationResult> ValidateAsync(JsonWebToken token, OpenIdConnectConfiguration configuration,
        Func<JsonWebToken, OpenIdConnectConfiguration, (string Issuer, string Audience, string AudienceMeaning)> expected)
    {
        var (issuer, audience, _) = expected(token, configuration);
        return _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = configuration.IdTokenSigningAlgValuesSupported is { Count: > 0 } algorithms ? algorithms : [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            // Checked against the injected clock afterwards.
            ValidateLifetime = false,
            SaveSigninToken = false,
        });
    }

    private static string Reason(Exception? failure, JsonWebToken token, OpenIdConnectConfiguration configuration, string issuer, string audience, string meaning) =>
        failure switch
        {
            SecurityTokenSignatureKeyNotFoundException =>
                $"it is signed with a key SuperOffice does not publish (key id '{token.Kid}', keys from {configuration.JwksUri})",
            SecurityTokenInvalidSignatureException =>
                $"its signature does not verify against the keys SuperOffice publishes ({configuration.JwksUri})",
            SecurityTokenInvalidAlgorithmException => $"its signing algorithm '{token.Alg}' is not one SuperOffice publishes",
            SecurityTokenInvalidIssuerException => $"its issuer '{token.Issuer}' is not '{issuer}'",
            SecurityTokenInvalidAudienceException =>
                $"its audience '{string.Join(", ", token.Audiences)}' is not '{audience}' ({meaning})",
            SecurityTokenMalformedException => "it is not a well-formed JWT",
            null => "it did not validate",
            _ => $"it did not validate ({failure.GetType().Name})",
        };

    private SuperOfficeAuthenticationException Refused(string what, string reason)
    {
        logger.LogWarning("{Token} was refused: {Reason}", what, reason);
        return new SuperOfficeAuthenticationException($"{what} was refused: {reason}. Nothing it names is used.", null, null, isTransient: false);
    }

    /// <summary>The payload's claims as text (a claim given twice: the first value).</summary>
    private static Dictionary<string, string> Claims(JsonWebToken token)
    {
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var claim in token.Claims)
        {
            claims.TryAdd(claim.Type, claim.Value);
        }
        return claims;
    }
}
