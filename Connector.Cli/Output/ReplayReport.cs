using Connector.Core.Jobs;

namespace Connector.Cli.Output;

/// <summary>The outcome of replaying one job.</summary>
public sealed record ReplayReport(string JobId, ReplayOutcome Outcome, JobStatus? Status, string? Message);
