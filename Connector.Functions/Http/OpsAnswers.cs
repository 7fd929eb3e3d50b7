using Connector.Core.Configuration;
using Connector.Core.Jobs;
using Connector.Core.Operations;

namespace Connector.Functions.Http;

/// <summary>A page of jobs: the jobs as the index holds them, and the cursor of the next page (null: the last page).</summary>
public sealed record JobListAnswer(IReadOnlyList<JobSummary> Jobs, string? NextCursor);

/// <summary>The body of <c>POST /api/ops/replay</c>: the jobs to replay, or every failed sync job received since a time.</summary>
public sealed record ReplayRequest(IReadOnlyList<string>? JobIds, DateTimeOffset? Since);

/// <summary>The answer of a bulk replay: each job's outcome, how many were queued, and whether more matched than one request replays.</summary>
public sealed record ReplayAnswer(IReadOnlyList<ReplayItem> Items, int Replayed, bool More);

public sealed record WebhooksAnswer(IReadOnlyList<WebhookHealth> Webhooks);

public sealed record ReportRunsAnswer(IReadOnlyList<ReportRunView> Runs, string? NextCursor);

public sealed record SettingsAnswer(IReadOnlyList<EffectiveSetting> Settings);
