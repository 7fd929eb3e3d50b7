using System.Buffers.Text;
using System.Text.Json;

namespace Connector.Core.SuperOffice;

/// <summary>
/// Reads claims from the payload of a SuperOffice JWT (id_token, system user token). The signature is not checked
/// here: the token comes straight from the login endpoint over TLS (see the known gaps in the README).
/// </summary>
public static class SuperOfficeClaims
{
    public const string Ticket = "http://schemes.superoffice.net/identity/ticket";
    public const string WebApiUrl = "http://schemes.superoffice.net/identity/webapi_url";

    /// <summary>The claims of a JWT's payload (string, number and boolean values as text); empty when it is no JWT.</summary>
    public static IReadOnlyDictionary<string, string> Read(string? jwt)
    {
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        var parts = jwt?.Split('.');
        if (parts is not { Length: >= 2 })
        {
            return claims;
        }
        try
        {
            var bytes = Base64Url.DecodeFromChars(parts[1]);
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return claims;
            }
            foreach (var claim in document.RootElement.EnumerateObject())
            {
                var text = claim.Value.ValueKind switch
                {
                    JsonValueKind.String => claim.Value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => claim.Value.GetRawText(),
                    // A claim given twice arrives as an array; the first value counts.
                    JsonValueKind.Array => claim.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()).FirstOrDefault(),
                    _ => null,
                };
                if (text is not null)
                {
                    claims[claim.Name] = text;
                }
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            claims.Clear();
        }
        return claims;
    }

    /// <summary>The token's <c>exp</c> claim, if any.</summary>
    public static DateTimeOffset? Expiry(IReadOnlyDictionary<string, string> claims) =>
        claims.TryGetValue("exp", out var exp) && long.TryParse(exp, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>The webapi_url claim as a normalised API base, if present and absolute.</summary>
    public static Uri? ApiBase(IReadOnlyDictionary<string, string> claims) =>
        claims.TryGetValue(WebApiUrl, out var url) ? SuperOfficeUrls.TryNormalizeApiBase(url) : null;
}
