using System.Net.Http.Headers;

namespace Connector.Core.SuperOffice;

/// <summary>
/// What authorises API calls: <c>Bearer</c> access token or <c>SOTicket</c> system user ticket, until
/// <see cref="RenewAt"/>. Not a record on purpose: its text form must never show the token.
/// </summary>
public sealed class SuperOfficeCredential(string scheme, string token, DateTimeOffset renewAt, Uri? webApiUrl)
{
    public const string BearerScheme = "Bearer";
    public const string TicketScheme = "SOTicket";

    public string Scheme { get; } = scheme;

    /// <summary>Secret.</summary>
    public string Token { get; } = token;

    /// <summary>From this moment on the credential is renewed before use (shortly before it expires).</summary>
    public DateTimeOffset RenewAt { get; } = renewAt;

    /// <summary>The REST base from the token's claim <c>http://schemes.superoffice.net/identity/webapi_url</c>, if it had one.</summary>
    public Uri? WebApiUrl { get; } = webApiUrl;

    public AuthenticationHeaderValue ToHeader() => new(Scheme, Token);

    public override string ToString() => $"{Scheme} credential (renew at {RenewAt:O})";
}
