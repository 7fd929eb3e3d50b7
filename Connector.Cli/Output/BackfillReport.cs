namespace Connector.Cli.Output;

/// <summary>What <c>backfill</c> did: companies read from the archive, jobs queued, and jobs that existed already.</summary>
public sealed record BackfillReport(DateTimeOffset Since, bool DryRun, int Companies, int Queued, int Existing, IReadOnlyList<string> JobIds);
