using System.Net;
using System.Text.Json;

namespace Connector.Core.SuperOffice;

/// <summary>Turns an unsuccessful SuperOffice answer into a <see cref="SuperOfficeApiException"/> with SuperOffice's message.</summary>
public static class SuperOfficeErrors
{
    private const int MaxMessageLength = 500;

    /// <summary>
    /// The error message from the body. The REST error shape is UNCONFIRMED (docs/superoffice/rest-api.md), so the usual names are
    /// tried (<c>Message</c>, <c>ErrorMessage</c>, <c>error_description</c>, <c>error</c>, <c>title</c>, <c>detail</c>);
    /// a short non-JSON, non-HTML body is taken as is. Secrets are scrubbed.
    /// </summary>
    public static async Task<string?> ReadMessageAsync(HttpResponseMessage response, SuperOfficeSecrets secrets, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
        {
            return null;
        }
        var message = MessageOf(body);
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }
        message = message.Trim();
        if (message.Length > MaxMessageLength)
        {
            message = message[..MaxMessageLength] + "…";
        }
        return secrets.Scrub(message);
    }

    private static string? MessageOf(string body)
    {
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('"'))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.String)
                {
                    return root.GetString();
                }
                var message = JsonValues.Text(JsonValues.FirstProperty(root, "Message", "ErrorMessage", "error_description", "Error", "title", "detail"));
                var type = JsonValues.Text(JsonValues.FirstProperty(root, "ErrorType", "error"));
                return (message, type) switch
                {
                    (not null, not null) when !string.Equals(message, type, StringComparison.Ordinal) => $"{type}: {message}",
                    (not null, _) => message,
                    _ => type,
                };
            }
            catch (JsonException)
            {
                return null;
            }
        }
        return trimmed.StartsWith('<') ? null : body;
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider? time = null) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - (time ?? TimeProvider.System).GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };

    /// <summary>
    /// How long to wait before trying a call that could not be made: an open circuit stays open for its break, so a
    /// retry sooner would only spend an attempt on it. Null for other failures.
    /// </summary>
    public static TimeSpan? WaitAfterUnreachable(Exception e, SuperOfficeHttpOptions options) =>
        e is Polly.CircuitBreaker.BrokenCircuitException ? options.CircuitBreakerBreak : null;

    /// <summary>The exception for an unsuccessful answer to <paramref name="what"/> (e.g. <c>GET v1/Contact/5</c>).</summary>
    public static async Task<SuperOfficeApiException> ToExceptionAsync(
        HttpResponseMessage response, string what, SuperOfficeSecrets secrets, CancellationToken cancellationToken)
    {
        var message = await ReadMessageAsync(response, secrets, cancellationToken).ConfigureAwait(false);
        var status = response.StatusCode;
        var text = $"SuperOffice answered {(int)status} {StatusName(status)} to {what}" + (message is null ? "." : $": {message}");
        return new SuperOfficeApiException(text, status, message, SuperOfficeApiException.IsTransientStatus(status))
        {
            RetryAfter = RetryAfter(response),
        };
    }

    public static string StatusName(HttpStatusCode status) => Enum.IsDefined(status) ? status.ToString() : "";
}
