namespace Connector.Core.Reports;

/// <summary>What asking for a report run led to.</summary>
public enum ReportRunOutcome
{
    /// <summary>The report was written and has rows.</summary>
    Completed,
    /// <summary>The report was written but has no rows; the summary says which stage dropped them.</summary>
    Empty,
    /// <summary>This run (occurrence or manual id) is done already; nothing was repeated.</summary>
    AlreadyDone,
    /// <summary>This run is in progress elsewhere (its claim has not lapsed); nothing was started.</summary>
    AlreadyRunning,
    /// <summary>The run failed; the job is <c>Failed</c> and may be retried.</summary>
    Failed,
}
