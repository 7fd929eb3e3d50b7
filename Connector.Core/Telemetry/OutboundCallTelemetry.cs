using System.Diagnostics;
using System.Net.Http;

namespace Connector.Core.Telemetry;

/// <summary>
/// The innermost handler of the SuperOffice and Company Explorer clients, so it sees every attempt the resilience
/// pipeline makes. Each attempt is a client span named by method and route template and is counted by service, route
/// and status (a 429 and a retry each show). Only these calls are traced, not storage's; the span's URL keeps no query
/// value and no header is recorded.
/// </summary>
public sealed class OutboundCallTelemetry(string service) : DelegatingHandler
{
    public const string SuperOffice = "SuperOffice";
    public const string SuperOfficeLogin = "SuperOffice.Login";
    public const string CompanyExplorer = "CompanyExplorer";

    private static readonly HttpRequestOptionsKey<int> AttemptKey = new("connector.attempt");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var tracing = ConnectorTelemetry.Source.HasListeners();
        if (!tracing && !ConnectorMetrics.OutboundEnabled)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        // The resilience pipeline sends the same request message again for a retry.
        var attempt = request.Options.TryGetValue(AttemptKey, out var previous) ? previous + 1 : 1;
        request.Options.Set(AttemptKey, attempt);
        var route = RouteTemplate.For(request.RequestUri);
        var method = request.Method.Method;
        using var span = tracing ? ConnectorTelemetry.Source.StartActivity(method + " " + route, ActivityKind.Client) : null;
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(TelemetryAttributes.PeerService, service);
            span.SetTag(TelemetryAttributes.UrlTemplate, route);
            span.SetTag(TelemetryAttributes.Method, method);
            span.SetTag("url.full", RedactedUrl(request.RequestUri));
            span.SetTag("server.address", request.RequestUri?.Host);
            span.SetTag("http.request.resend_count", attempt > 1 ? attempt - 1 : null);
        }

        var started = Stopwatch.GetTimestamp();
        var tags = new TagList
        {
            { TelemetryAttributes.PeerService, service },
            { TelemetryAttributes.UrlTemplate, route },
            { TelemetryAttributes.Method, method },
            { TelemetryAttributes.Retry, attempt > 1 },
        };
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            tags.Add(TelemetryAttributes.StatusCode, status);
            ConnectorMetrics.OutboundAttempt(tags, Stopwatch.GetElapsedTime(started));
            span?.SetTag(TelemetryAttributes.StatusCode, status);
            if (status >= 400)
            {
                span?.SetTag(TelemetryAttributes.ErrorType, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                span?.SetStatus(ActivityStatusCode.Error);
            }
            return response;
        }
        catch (Exception e)
        {
            var error = e is OperationCanceledException ? "timeout_or_cancelled" : e.GetType().Name;
            tags.Add(TelemetryAttributes.ErrorType, error);
            ConnectorMetrics.OutboundAttempt(tags, Stopwatch.GetElapsedTime(started));
            span?.SetTag(TelemetryAttributes.ErrorType, error);
            span?.SetStatus(ActivityStatusCode.Error);
            throw;
        }
    }

    /// <summary>Scheme, host, port and path; a query becomes <c>?*</c> (its values may hold a key), user info is dropped.</summary>
    internal static string? RedactedUrl(Uri? uri) =>
        uri is not { IsAbsoluteUri: true } ? null : uri.Scheme + "://" + uri.Authority + uri.AbsolutePath + (uri.Query.Length > 0 ? "?*" : "");
}
