using System.Net.Http.Headers;

namespace Connector.Core.SuperOffice;

/// <summary>
/// What authorises API calls: <c>Bearer</c> access token or <c>SOTicket</c> system user ticket, until
/// <see cref="RenewAt"/>. A sliding credential (the ticket, whose window restarts with every use) moves
/// <see cref="RenewAt"/> forward each time SuperOffice accepts it. Not a record on purpose: its text form must never
/// show the token.
/// </summary>
public sealed class SuperOfficeCredential(string scheme, string token, DateTimeOffset renewAt, Uri? webApiUrl, TimeSpan? renewAfterIdle = null)
{
    public const string BearerScheme = "Bearer";
    public const string TicketScheme = "SOTicket";

    private long _renewAtTicks = renewAt.UtcTicks;

    public string Scheme { get; } = scheme;

    /// <summary>Secret.</summary>
    public string Token { get; } = token;

    /// <summary>From this moment on the credential is renewed before use (shortly before it expires).</summary>
    public DateTimeOffset RenewAt => new(Interlocked.Read(ref _renewAtTicks), TimeSpan.Zero);

    /// <summary>For a sliding credential: how long after its last accepted use it is renewed; null for a fixed lifetime.</summary>
    public TimeSpan? RenewAfterIdle { get; } = renewAfterIdle;

    /// <summary>The REST base from the validated token's claim <c>http://schemes.superoffice.net/identity/webapi_url</c>, if it had one.</summary>
    public Uri? WebApiUrl { get; } = webApiUrl;

    /// <summary>SuperOffice accepted the credential at <paramref name="now"/>: a sliding one lives on from there.</summary>
    public void Accepted(DateTimeOffset now)
    {
        if (RenewAfterIdle is not { } idle)
        {
            return;
        }
        var ticks = (now + idle).UtcTicks;
        var seen = Interlocked.Read(ref _renewAtTicks);
        while (ticks > seen)
        {
            var previous = Interlocked.CompareExchange(ref _renewAtTicks, ticks, seen);
            if (previous == seen)
            {
                return;
            }
            seen = previous;
        }
    }

    public AuthenticationHeaderValue ToHeader() => new(Scheme, Token);

    public override string ToString() => $"{Scheme} credential (renew at {RenewAt:O})";
}
