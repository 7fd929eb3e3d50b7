namespace Connector.Core.SuperOffice;

/// <summary>
/// Names of the SuperOffice claims the connector reads
/// (https://docs.superoffice.com/en/api/authentication/online/validate-security-tokens.html#superoffice-specific-claims).
/// Claims come only from a token <see cref="SuperOfficeTokenValidator"/> accepted.
/// </summary>
public static class SuperOfficeClaims
{
    public const string Prefix = "http://schemes.superoffice.net/identity/";
    public const string Ticket = Prefix + "ticket";
    public const string WebApiUrl = Prefix + "webapi_url";
    public const string ContextIdentifier = Prefix + "ctx";
    public const string Serial = Prefix + "serial";

    /// <summary>The webapi_url claim as a normalised API base, if present and absolute.</summary>
    public static Uri? ApiBase(IReadOnlyDictionary<string, string> claims) =>
        claims.TryGetValue(WebApiUrl, out var url) ? SuperOfficeUrls.TryNormalizeApiBase(url) : null;
}
