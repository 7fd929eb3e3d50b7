namespace Connector.Core.Storage;

/// <summary>
/// The names of the queues, tables and containers the connector uses. The defaults are the
/// production names; tests register their own instance to isolate runs on one Azurite.
/// </summary>
public sealed record StorageNames
{
    public const string DefaultSyncQueue = "contact-sync";
    public const string DefaultJobsTable = "jobs";
    public const string DefaultReportsContainer = "reports";

    public string SyncQueue { get; init; } = DefaultSyncQueue;
    public string JobsTable { get; init; } = DefaultJobsTable;
    public string ReportsContainer { get; init; } = DefaultReportsContainer;

    /// <summary>The queue the Functions host moves a message to after <c>maxDequeueCount</c> failures.</summary>
    public string PoisonQueue => SyncQueue + "-poison";
}
