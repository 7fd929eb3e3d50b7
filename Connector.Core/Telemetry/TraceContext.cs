using System.Diagnostics;

namespace Connector.Core.Telemetry;

/// <summary>
/// W3C trace context across the queue: intake writes the current span's <c>traceparent</c> into the message, and the
/// worker's span continues that trace (linking the invocation that delivered it), so one change is one trace.
/// </summary>
public static class TraceContext
{
    /// <summary>The current span as a W3C <c>traceparent</c> (<c>00-{trace id}-{span id}-{flags}</c>), or null without one.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>The current trace id (32 hex digits), or null without a span.</summary>
    public static string? CurrentTraceId() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.TraceId.ToHexString() : null;

    /// <summary>
    /// Starts a span that continues <paramref name="traceParent"/> (a message's), or the current trace when it is absent
    /// or unreadable. When it continues another trace than the current span's (the queue trigger's invocation), that
    /// span is linked, so both are found from either side.
    /// </summary>
    public static Activity? StartContinuing(string name, ActivityKind kind, string? traceParent)
    {
        if (!ConnectorTelemetry.Source.HasListeners())
        {
            return null;
        }
        if (traceParent is null || !ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent))
        {
            return ConnectorTelemetry.Source.StartActivity(name, kind);
        }
        var links = Activity.Current is { } current && current.TraceId != parent.TraceId ? new[] { new ActivityLink(current.Context) } : null;
        return ConnectorTelemetry.Source.StartActivity(name, kind, parent, links: links);
    }
}
