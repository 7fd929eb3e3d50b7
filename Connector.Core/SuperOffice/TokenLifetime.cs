using System.Globalization;
using System.Text.Json;

namespace Connector.Core.SuperOffice;

/// <summary>When to renew a credential: <c>expires_in</c> arrives as a number or as a string.</summary>
public static class TokenLifetime
{
    /// <summary>SuperOffice documents 3600 s for access tokens; used when <c>expires_in</c> is missing or unreadable.</summary>
    public static readonly TimeSpan DefaultAccessToken = TimeSpan.FromHours(1);

    /// <summary>A system user ticket expires 6 hours after its last use (sliding).</summary>
    public static readonly TimeSpan SystemUserTicket = TimeSpan.FromHours(6);

    /// <summary>Reads <c>expires_in</c>: <c>3600</c>, <c>"3600"</c>, <c>3600.0</c>; null when absent, unreadable or not positive.</summary>
    public static TimeSpan? ParseExpiresIn(JsonElement value)
    {
        double seconds;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetDouble(out seconds):
                break;
            case JsonValueKind.String when double.TryParse(value.GetString()?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds):
                break;
            default:
                return null;
        }
        return seconds > 0 && seconds < TimeSpan.FromDays(365).TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;
    }

    /// <summary>The moment to renew: the margin before expiry, but never more than a tenth of the lifetime.</summary>
    public static DateTimeOffset RenewAt(DateTimeOffset issued, TimeSpan lifetime, TimeSpan margin)
    {
        var early = TimeSpan.FromTicks(Math.Min(margin.Ticks, lifetime.Ticks / 10));
        return issued + lifetime - early;
    }
}
