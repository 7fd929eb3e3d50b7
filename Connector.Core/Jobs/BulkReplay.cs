namespace Connector.Core.Jobs;

/// <summary>
/// Replays several failed sync jobs at once: the ones given, or the failed ones received since a time, at most
/// <see cref="MaxJobs"/> per request. Each goes through <see cref="JobReplayer"/>, whose ETag-guarded move to
/// <c>Queued</c> makes a repeat (a double click, two operators) queue each job once.
/// </summary>
public sealed class BulkReplay(JobReplayer replayer, JobHistory history)
{
    public const int MaxJobs = 100;

    public async Task<BulkReplayResult> ReplayAsync(IReadOnlyCollection<string> jobIds, string requestedBy, CancellationToken cancellationToken = default)
    {
        if (jobIds.Count > MaxJobs)
        {
            throw new ArgumentException($"At most {MaxJobs} jobs are replayed at once.", nameof(jobIds));
        }
        var items = new List<ReplayItem>();
        foreach (var jobId in jobIds.Distinct(StringComparer.Ordinal))
        {
            var (outcome, job) = await replayer.ReplayAsync(jobId, requestedBy, cancellationToken).ConfigureAwait(false);
            items.Add(new ReplayItem(jobId, outcome, job?.Status));
        }
        return new BulkReplayResult(items, false);
    }

    /// <summary>The failed sync jobs received since <paramref name="since"/>, newest first, up to <see cref="MaxJobs"/>.</summary>
    public async Task<BulkReplayResult> ReplayFailedSinceAsync(DateTimeOffset since, string requestedBy, CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        string? cursor = null;
        var more = false;
        do
        {
            var page = await history.FailedAsync(since, cursor, JobQuery.MaxLimit, cancellationToken).ConfigureAwait(false);
            foreach (var job in page.Jobs.Where(j => j.Kind == JobKinds.ContactSync))
            {
                if (ids.Count == MaxJobs)
                {
                    more = true;
                    break;
                }
                ids.Add(job.JobId);
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null && !more);
        var result = await ReplayAsync(ids, requestedBy, cancellationToken).ConfigureAwait(false);
        return result with { More = more };
    }
}
