using System.Security.Cryptography;
using Connector.Core.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.SuperOffice;

/// <summary>
/// System user sign-in: sign <c>{SystemUserToken}.{yyyyMMddHHmm}</c> with the app's private key, POST it to
/// <c>{LoginBase}Login/api/PartnerSystemUser/Authenticate</c>, validate the returned JWT
/// (<see cref="SuperOfficeTokenValidator"/>) and read its ticket claim. The ticket, not the JWT, is the credential: it
/// is sent as <c>Authorization: SOTicket …</c> with <c>SO-AppToken: {ClientSecret}</c> and kept while it is used (its
/// six hours restart with every use); the JWT's <c>exp</c> says nothing about it
/// (https://docs.superoffice.com/en/api/authentication/online/auth-application/index.html).
/// </summary>
public sealed class SystemUserSignIn(
    SuperOfficeLoginClient login,
    IOptions<SuperOfficeOptions> options,
    IOptions<SuperOfficeHttpOptions> httpOptions,
    SuperOfficeSecrets secrets,
    SuperOfficeTokenValidator validator,
    TimeProvider time,
    ILogger<SystemUserSignIn> logger) : ISuperOfficeSignIn
{
    public async Task<SuperOfficeCredential> SignInAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!SystemUserTokenSigner.TryLoadPrivateKey(o.PrivateKey ?? "", out var key))
        {
            throw new SuperOfficeAuthenticationException("SuperOffice:PrivateKey is not an RSA private key in PEM or XML form.", null, null, isTransient: false);
        }
        string signed;
        using (key)
        {
            signed = SystemUserTokenSigner.Sign(o.SystemUserToken!, time.GetUtcNow(), key!);
        }
        secrets.Add(signed);

        var issued = time.GetUtcNow();
        using var answer = await login.PostSystemUserAsync(
            new SystemUserRequest(signed, o.ClientSecret!, o.ContextIdentifier!), cancellationToken).ConfigureAwait(false);
        var root = answer.RootElement;
        var token = JsonValues.Text(root, "Token");
        var successful = JsonValues.Bool(JsonValues.Property(root, "IsSuccessful")) ?? !string.IsNullOrEmpty(token);
        if (!successful || string.IsNullOrWhiteSpace(token))
        {
            var error = JsonValues.Text(root, "ErrorMessage");
            var scrubbed = error is null ? null : secrets.Scrub(error);
            throw new SuperOfficeAuthenticationException(
                "SuperOffice refused the system user sign-in" + (scrubbed is null ? "." : $": {scrubbed}.") +
                " Check SuperOffice:SystemUserToken, SuperOffice:PrivateKey and SuperOffice:ClientSecret.", null, scrubbed, isTransient: false);
        }
        secrets.Add(token);
        var claims = await validator.ValidateSystemUserTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (!claims.TryGetValue(SuperOfficeClaims.Ticket, out var ticket) || string.IsNullOrWhiteSpace(ticket))
        {
            throw new SuperOfficeAuthenticationException("The system user token holds no ticket claim.", null, null, isTransient: false);
        }
        secrets.Add(ticket);

        // Renewed after six idle hours (less the margin), or when SuperOffice refuses it (401).
        var renewAt = TokenLifetime.RenewAt(issued, TokenLifetime.SystemUserTicket, httpOptions.Value.TokenRenewalMargin);
        logger.LogInformation("SuperOffice system user ticket obtained; kept while in use, renewed after {Idle} unused", renewAt - issued);
        return new SuperOfficeCredential(SuperOfficeCredential.TicketScheme, ticket, renewAt, SuperOfficeClaims.ApiBase(claims), renewAfterIdle: renewAt - issued);
    }
}
