namespace Connector.Sandbox.Auth;

/// <summary>
/// Ways to make the login host's JWTs (id_token and system user token) untrustworthy, so a client's validation can be
/// proven: set through <c>PUT /admin/tokens/faults</c>; null or false = as SuperOffice issues them.
/// </summary>
public sealed class TokenFaults
{
    /// <summary>The <c>aud</c> claim instead of the right one.</summary>
    public string? Audience { get; set; }

    /// <summary>The <c>iss</c> claim instead of the right one.</summary>
    public string? Issuer { get; set; }

    /// <summary>Seconds from now to <c>exp</c> instead of the configured lifetime (negative: already expired).</summary>
    public int? LifetimeSeconds { get; set; }

    /// <summary>Signed with a fresh key that is not published (under the published key id).</summary>
    public bool ForeignKey { get; set; }

    /// <summary>After signing, the <c>webapi_url</c> claim is replaced with this address (the signature no longer matches).</summary>
    public string? TamperedWebApiUrl { get; set; }

    public sealed record Change(string? Audience, string? Issuer, int? LifetimeSeconds, bool? ForeignKey, string? TamperedWebApiUrl, bool? Reset);

    public void Apply(Change change)
    {
        if (change.Reset == true)
        {
            Audience = Issuer = TamperedWebApiUrl = null;
            LifetimeSeconds = null;
            ForeignKey = false;
        }
        Audience = change.Audience ?? Audience;
        Issuer = change.Issuer ?? Issuer;
        LifetimeSeconds = change.LifetimeSeconds ?? LifetimeSeconds;
        ForeignKey = change.ForeignKey ?? ForeignKey;
        TamperedWebApiUrl = change.TamperedWebApiUrl ?? TamperedWebApiUrl;
    }

    public object ToJson() => new
    {
        audience = Audience, issuer = Issuer, lifetimeSeconds = LifetimeSeconds, foreignKey = ForeignKey, tamperedWebApiUrl = TamperedWebApiUrl,
    };
}
