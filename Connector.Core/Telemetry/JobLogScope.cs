using Microsoft.Extensions.Logging;

namespace Connector.Core.Telemetry;

/// <summary>
/// The logging scope a worker opens while it runs a job: every line written meanwhile, by any logger of the same
/// factory (the SuperOffice and Company Explorer clients too), carries <c>JobId</c> and <c>ContactId</c>.
/// </summary>
public static class JobLogScope
{
    public const string JobIdProperty = "JobId";
    public const string ContactIdProperty = "ContactId";

    public static IDisposable? BeginJobScope(this ILogger logger, string jobId, int? contactId) =>
        logger.BeginScope(new JobScopeState(jobId, contactId));

    /// <summary>A list of key/value pairs, the shape log providers turn into properties (OpenTelemetry: log attributes).</summary>
    private sealed class JobScopeState(string jobId, int? contactId) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new(JobIdProperty, jobId),
            1 => new(ContactIdProperty, contactId),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public int Count => 2;

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
            yield return this[1];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"JobId:{jobId} ContactId:{contactId}";
    }
}
