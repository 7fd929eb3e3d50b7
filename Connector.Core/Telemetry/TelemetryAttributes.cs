namespace Connector.Core.Telemetry;

/// <summary>The attribute (tag) names on the connector's spans and metrics; README "Telemetry" lists them.</summary>
public static class TelemetryAttributes
{
    public const string JobId = "job.id";
    public const string JobKind = "job.kind";
    public const string Attempt = "job.attempt";
    public const string ContactId = "contact.id";
    public const string EventId = "event.id";
    public const string EventName = "event.name";
    /// <summary>How something ended: a job's status (<c>Completed</c>, <c>Skipped</c>, <c>Failed</c>, <c>Retrying</c>, ...), a webhook's intake outcome.</summary>
    public const string Outcome = "outcome";
    /// <summary>The reason code with the outcome (<c>SelfChange</c>, <c>LoopSuspected</c>, <c>InvalidSignature</c>, ...).</summary>
    public const string Reason = "reason";
    /// <summary>The service an outbound call went to: <c>SuperOffice</c>, <c>SuperOffice.Login</c> or <c>CompanyExplorer</c>.</summary>
    public const string PeerService = "peer.service";
    /// <summary>An outbound call's path with ids replaced by <c>{id}</c> and without its query.</summary>
    public const string UrlTemplate = "url.template";
    public const string Method = "http.request.method";
    public const string StatusCode = "http.response.status_code";
    public const string ErrorType = "error.type";
    /// <summary>Whether an outbound attempt repeats an earlier one (the resilience pipeline's retry).</summary>
    public const string Retry = "retry";
    public const string Rows = "report.rows";
    public const string Page = "report.page";
}
