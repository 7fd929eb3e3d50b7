using System.Net;

namespace Connector.Core.SuperOffice;

/// <summary>
/// A SuperOffice call failed: the status code (null when no answer came: timeout, connection, open circuit),
/// SuperOffice's own message, and whether trying again later may help. Never carries a token or secret.
/// Not sealed: <see cref="SuperOfficeAuthenticationException"/> and <see cref="TenantUnavailableException"/> refine it.
/// </summary>
public class SuperOfficeApiException(string message, HttpStatusCode? statusCode, string? superOfficeMessage, bool isTransient, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>The message from SuperOffice's error body (secrets scrubbed), if it had one.</summary>
    public string? SuperOfficeMessage { get; } = superOfficeMessage;

    /// <summary>408, 429, 5xx, timeouts, unreachable, tenant not running: worth retrying later.</summary>
    public bool IsTransient { get; } = isTransient;

    /// <summary>How long SuperOffice asked us to wait (<c>Retry-After</c>), if it did.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
