using System.Globalization;
using System.Text.RegularExpressions;

namespace Connector.Core.Reports;

/// <summary>
/// One run of the product report: its job id (the run-once key), when it stands for, and the stamp in its blob names.
/// A scheduled run is keyed by its occurrence (<c>report-yyyyMMddHHmm</c>, UTC), so every timer fire for one
/// occurrence is the same run; a manual run by its own id.
/// </summary>
public sealed partial record ReportRun(string JobId, string Trigger, DateTimeOffset RunAt, DateTimeOffset? ScheduledFor, string Stamp)
{
    public const string ScheduledTrigger = "Scheduled";
    public const string ManualTrigger = "Manual";

    public static ReportRun Scheduled(DateTimeOffset occurrence)
    {
        var at = occurrence.ToUniversalTime();
        return new ReportRun(
            "report-" + at.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture),
            ScheduledTrigger, at, at,
            at.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture));
    }

    /// <summary>A manual run; <paramref name="runId"/> (letters, digits, '-', at most 64) makes a retry of it the same run.</summary>
    public static ReportRun Manual(DateTimeOffset now, string? runId = null)
    {
        var at = now.ToUniversalTime();
        var id = string.IsNullOrWhiteSpace(runId)
            ? at.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]
            : IsValidRunId(runId) ? runId : throw new ArgumentException("A run id holds 1 to 64 letters, digits or '-'.", nameof(runId));
        return new ReportRun("report-manual-" + id, ManualTrigger, at, null,
            at.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-manual-" + id);
    }

    public static bool IsValidRunId(string? runId) => runId is not null && RunIdPattern().IsMatch(runId);

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex RunIdPattern();
}
