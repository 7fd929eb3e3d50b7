namespace Connector.Core.Jobs;

/// <summary>Settings of section <c>Jobs</c>: how long job records are kept.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Jobs received longer ago than this many days are deleted, with their index rows and counts, by the daily purge.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Rows deleted per round of the purge (one query, then the deletes); at most 100, a batch transaction's limit.</summary>
    public int PurgeBatchSize { get; set; } = 100;
}
