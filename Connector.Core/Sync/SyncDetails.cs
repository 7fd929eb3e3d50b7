namespace Connector.Core.Sync;

/// <summary>The Details JSON of a finished sync job.</summary>
public sealed record SyncDetails(
    int SuperOfficeCalls,
    int CompanyExplorerCalls,
    Dictionary<string, double> StepMs,
    IReadOnlyList<FieldChange> Written,
    IReadOnlyList<FieldKept> Kept,
    bool UdfsUnreadable,
    bool DryRun,
    string? EnrichmentVersion);
