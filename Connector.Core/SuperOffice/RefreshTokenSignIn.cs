using Connector.Core.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.SuperOffice;

/// <summary>
/// The OAuth refresh-token grant: a form POST to <c>{LoginBase}login/common/oauth/tokens</c> (form body, not the query
/// string the docs show, so no secret is ever part of a logged URL; that SuperOffice accepts the form body is UNCONFIRMED
/// in the reference, but it is the OAuth norm). A new refresh token in the answer replaces the old one (in memory only).
/// The answer's id_token is validated (<see cref="SuperOfficeTokenValidator"/>) before its <c>webapi_url</c> is used;
/// a refused id_token fails the sign-in, since the access token came in the same answer.
/// </summary>
public sealed class RefreshTokenSignIn(
    SuperOfficeLoginClient login,
    IOptions<SuperOfficeOptions> options,
    IOptions<SuperOfficeHttpOptions> httpOptions,
    SuperOfficeSecrets secrets,
    SuperOfficeTokenValidator validator,
    TimeProvider time,
    ILogger<RefreshTokenSignIn> logger) : ISuperOfficeSignIn
{
    private string? _rotatedRefreshToken;

    public async Task<SuperOfficeCredential> SignInAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("client_id", o.ClientId ?? ""),
            new("client_secret", o.ClientSecret ?? ""),
            new("refresh_token", Volatile.Read(ref _rotatedRefreshToken) ?? o.RefreshToken ?? ""),
        };
        if (!string.IsNullOrWhiteSpace(o.RedirectUri))
        {
            form.Add(new("redirect_uri", o.RedirectUri));
        }

        var issued = time.GetUtcNow();
        using var answer = await login.PostTokenRequestAsync(form, cancellationToken).ConfigureAwait(false);
        var root = answer.RootElement;
        var accessToken = JsonValues.Text(root, "access_token");
        if (string.IsNullOrWhiteSpace(accessToken))
        {
            throw new SuperOfficeAuthenticationException("The token endpoint answered without an access_token.", null, null, isTransient: false);
        }
        secrets.Add(accessToken);

        var newRefreshToken = JsonValues.Text(root, "refresh_token");
        if (!string.IsNullOrWhiteSpace(newRefreshToken) && newRefreshToken != o.RefreshToken)
        {
            secrets.Add(newRefreshToken);
            Volatile.Write(ref _rotatedRefreshToken, newRefreshToken);
            logger.LogInformation("SuperOffice issued a new refresh token; it is used from now on (until the app restarts)");
        }

        var lifetimeProperty = JsonValues.Property(root, "expires_in");
        var lifetime = lifetimeProperty is { } e ? TokenLifetime.ParseExpiresIn(e) : null;
        if (lifetime is null)
        {
            logger.LogWarning("The token endpoint's expires_in is missing or unreadable; assuming {Lifetime}", TokenLifetime.DefaultAccessToken);
        }
        var idToken = JsonValues.Text(root, "id_token");
        secrets.Add(idToken);
        // Without an id_token the API is found through the tenant state API.
        var webApiUrl = string.IsNullOrWhiteSpace(idToken)
            ? null
            : SuperOfficeClaims.ApiBase(await validator.ValidateIdTokenAsync(idToken, cancellationToken).ConfigureAwait(false));
        var renewAt = TokenLifetime.RenewAt(issued, lifetime ?? TokenLifetime.DefaultAccessToken, httpOptions.Value.TokenRenewalMargin);
        logger.LogInformation("SuperOffice access token obtained; valid for {Lifetime}, renewed after {RenewAt}", lifetime ?? TokenLifetime.DefaultAccessToken, renewAt);
        return new SuperOfficeCredential(JsonValues.Text(root, "token_type") is { Length: > 0 } type && !type.Equals("bearer", StringComparison.OrdinalIgnoreCase)
            ? type
            : SuperOfficeCredential.BearerScheme, accessToken, renewAt, webApiUrl);
    }
}
