using System.Diagnostics;
using System.Net.Http;

namespace Connector.Core.Telemetry;

/// <summary>
/// The innermost handler of the SuperOffice and Company Explorer clients, so it sees every attempt the resilience
/// pipeline makes: counts it by service, route template and status (a 429 and a retry each show), and marks the request
/// so the HTTP client span (see the Functions app's telemetry set-up) is kept and named by its route, not its URL.
/// </summary>
public sealed class OutboundCallTelemetry(string service) : DelegatingHandler
{
    /// <summary>The route template of a request this handler has seen; the span filter keeps only such requests.</summary>
    public static readonly HttpRequestOptionsKey<string> RouteKey = new("connector.route");

    /// <summary>The service name (<see cref="TelemetryAttributes.PeerService"/>) of a request this handler has seen.</summary>
    public static readonly HttpRequestOptionsKey<string> ServiceKey = new("connector.service");

    private static readonly HttpRequestOptionsKey<int> AttemptKey = new("connector.attempt");

    public const string SuperOffice = "SuperOffice";
    public const string SuperOfficeLogin = "SuperOffice.Login";
    public const string CompanyExplorer = "CompanyExplorer";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The resilience pipeline sends the same request message again for a retry.
        var attempt = request.Options.TryGetValue(AttemptKey, out var previous) ? previous + 1 : 1;
        request.Options.Set(AttemptKey, attempt);
        if (!request.Options.TryGetValue(RouteKey, out var route))
        {
            route = RouteTemplate.For(request.RequestUri);
            request.Options.Set(RouteKey, route);
            request.Options.Set(ServiceKey, service);
        }
        if (!ConnectorMetrics.OutboundEnabled)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var started = Stopwatch.GetTimestamp();
        var tags = new TagList
        {
            { TelemetryAttributes.PeerService, service },
            { TelemetryAttributes.UrlTemplate, route },
            { TelemetryAttributes.Method, request.Method.Method },
            { TelemetryAttributes.Retry, attempt > 1 },
        };
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            tags.Add(TelemetryAttributes.StatusCode, (int)response.StatusCode);
            ConnectorMetrics.OutboundAttempt(tags, Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (Exception e)
        {
            tags.Add(TelemetryAttributes.ErrorType, e is OperationCanceledException ? "timeout_or_cancelled" : e.GetType().Name);
            ConnectorMetrics.OutboundAttempt(tags, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }
}
