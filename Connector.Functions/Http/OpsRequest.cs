using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Connector.Functions.Http;

/// <summary>
/// What the operations endpoints read from a request: query values (a bad one is a 400 with what to fix), the
/// anti-forgery header every write needs, and who is asking (for the audit log).
/// </summary>
public static class OpsRequest
{
    /// <summary>
    /// Every POST of the ops API must carry this header. The key travels in a header too, so a page of another site
    /// cannot send a write (a form cannot set headers; a script needs CORS, which the app does not grant); the header
    /// makes that explicit even for a caller that puts the key into <c>?code=</c>.
    /// </summary>
    public const string WriteHeader = "X-Ops-Request";

    /// <summary>Set by App Service authentication (Easy Auth) for a signed-in user; trusted only while it is on.</summary>
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    /// <summary>App Service sets this to <c>True</c> when its authentication is on (and then drops a client's own principal headers).</summary>
    public const string AuthEnabledSetting = "WEBSITE_AUTH_ENABLED";

    public static bool IsWriteAllowed(HttpRequest request) =>
        !string.IsNullOrWhiteSpace(request.Headers[WriteHeader].FirstOrDefault());

    /// <summary>Who asked: the Entra user when App Service authentication is on, else the holder of a function key; with the client's address.</summary>
    public static string Operator(HttpRequest request, IConfiguration configuration)
    {
        var user = string.Equals(configuration[AuthEnabledSetting], "true", StringComparison.OrdinalIgnoreCase)
            ? request.Headers[PrincipalHeader].FirstOrDefault()
            : null;
        var address = request.Headers["X-Forwarded-For"].FirstOrDefault()?.Split(',')[0].Trim()
                      ?? request.HttpContext.Connection.RemoteIpAddress?.ToString()
                      ?? "unknown address";
        return $"{(string.IsNullOrWhiteSpace(user) ? "function key" : user)} ({address})";
    }

    public static string? Text(HttpRequest request, string name) =>
        request.Query[name].FirstOrDefault() is { Length: > 0 } value ? value : null;

    /// <summary>An ISO 8601 time (a time without an offset is UTC); false with a problem when it is not one.</summary>
    public static bool TryTime(HttpRequest request, string name, out DateTimeOffset? value, out string? problem)
    {
        value = null;
        problem = null;
        if (Text(request, name) is not { } text)
        {
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }
        problem = $"'{name}' must be an ISO 8601 time, e.g. 2026-01-05T10:00:00Z.";
        return false;
    }

    public static bool TryInt(HttpRequest request, string name, int min, int max, out int? value, out string? problem)
    {
        value = null;
        problem = null;
        if (Text(request, name) is not { } text)
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            value = parsed;
            return true;
        }
        problem = $"'{name}' must be a whole number from {min} to {max}.";
        return false;
    }

    /// <summary>Marks an ops answer as private and not to be sniffed.</summary>
    public static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
    }
}
