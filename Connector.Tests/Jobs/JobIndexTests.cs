using Azure.Data.Tables;
using Connector.Core.Intake;
using Connector.Core.Jobs;
using Connector.Tests.Ops;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Jobs;

/// <summary>The job index follows every status a job takes, keeps the newest of writes that arrive out of order, and keeps failed jobs apart.</summary>
public sealed class JobIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 30, 0, TimeSpan.Zero);

    private static async Task<JobSummary?> IndexedAsync(OpsHarness ops, string jobId, JobStatus? status = null)
    {
        var page = await ops.Services.GetRequiredService<JobHistory>().ListAsync(new JobQuery { Status = status, Limit = 200 });
        return page.Jobs.SingleOrDefault(j => j.JobId == jobId);
    }

    [Fact]
    public async Task The_index_follows_a_sync_job_through_intake_the_worker_and_replay()
    {
        var clock = new FakeTimeProvider(Now);
        await using var ops = await OpsHarness.StartAsync(clock);
        var services = ops.Services;
        var job = JobRecords.ForManualSync("manual-7", 7, "Cust12345", Now, "test");

        var queued = await services.GetRequiredService<SyncJobEnqueuer>().EnqueueAsync(job, TimeSpan.FromSeconds(5));
        await queued.Settled;
        Assert.Equal(JobStatus.Queued, (await IndexedAsync(ops, "manual-7"))?.Status);

        var lifecycle = services.GetRequiredService<JobLifecycle>();
        var claim = await lifecycle.ClaimAsync((await lifecycle.GetAsync("manual-7"))!);
        Assert.Equal(JobStatus.Processing, (await IndexedAsync(ops, "manual-7"))?.Status);
        clock.Advance(TimeSpan.FromMinutes(1));
        await lifecycle.EndAsync(claim.Claimed!, JobOutcome.Failed(JobReasons.ContactNotFound, "gone"), null);
        var failed = await IndexedAsync(ops, "manual-7", JobStatus.Failed);
        Assert.Equal(JobReasons.ContactNotFound, failed?.Reason);
        Assert.Equal(claim.Claimed!.Revision + 1, failed?.Revision);

        await services.GetRequiredService<JobReplayer>().ReplayAsync("manual-7", "tester");
        Assert.Null(await IndexedAsync(ops, "manual-7", JobStatus.Failed));
        Assert.Equal(JobStatus.Queued, (await IndexedAsync(ops, "manual-7"))?.Status);
        var stats = await services.GetRequiredService<JobHistory>().StatsAsync();
        Assert.Equal(1, stats.Last24Hours.Single(c => c.Status == JobStatus.Failed && c.Reason is null).Count);
    }

    [Fact]
    public async Task An_index_write_that_arrives_late_never_replaces_a_newer_one()
    {
        await using var ops = await OpsHarness.StartAsync(new FakeTimeProvider(Now));
        var index = ops.Services.GetRequiredService<JobIndex>();
        await ops.Table.CreateIfNotExistsAsync();
        var received = new JobRecord { JobId = "late-1", Kind = JobKinds.ContactSync, ContactId = 1, ReceivedAt = Now, UpdatedAt = Now, Status = JobStatus.Received, Revision = 1 };
        await index.FollowAsync(received);
        await index.FollowAsync(received with { Status = JobStatus.Failed, Reason = JobReasons.RetriesExhausted, Revision = 3 });
        // The write of revision 2 (Processing) was held up and lands last.
        await index.FollowAsync(received with { Status = JobStatus.Processing, Revision = 2 });

        Assert.Equal(JobStatus.Failed, (await IndexedAsync(ops, "late-1"))?.Status);
        Assert.NotNull(await IndexedAsync(ops, "late-1", JobStatus.Failed));

        await index.FollowAsync(received with { Status = JobStatus.Queued, Revision = 4 });
        await index.FollowAsync(received with { Status = JobStatus.Failed, Reason = JobReasons.RetriesExhausted, Revision = 3 });
        Assert.Equal(JobStatus.Queued, (await IndexedAsync(ops, "late-1"))?.Status);
        Assert.Null(await IndexedAsync(ops, "late-1", JobStatus.Failed));
        var stats = await ops.Services.GetRequiredService<JobHistory>().StatsAsync();
        Assert.Equal(1, stats.Last7Days.Single(c => c.Status == JobStatus.Failed && c.Reason is null).Count);
    }

    [Fact]
    public async Task Retention_deletes_expired_jobs_with_their_index_and_count_rows_a_bounded_batch_at_a_time()
    {
        var clock = new FakeTimeProvider(Now);
        await using var ops = await OpsHarness.StartAsync(clock, new Dictionary<string, string?> { ["Jobs:RetentionDays"] = "30", ["Jobs:PurgeBatchSize"] = "25" });
        await Parallel.ForEachAsync(Enumerable.Range(0, 110), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await ops.RecordAsync($"old-{i:D3}", i % 4 == 0 ? JobStatus.Failed : JobStatus.Completed, Now.AddDays(-40).AddMinutes(i * 7), JobReasons.RetriesExhausted));
        for (var i = 0; i < 5; i++)
        {
            await ops.RecordAsync($"new-{i}", i == 0 ? JobStatus.Failed : JobStatus.Completed, Now.AddDays(-29).AddHours(i), JobReasons.RetriesExhausted);
        }
        // A job row from before the index existed: no index row points at it.
        await ops.Table.AddEntityAsync(new TableEntity("legacy-1", JobStore.RowKeyFor("legacy-1"))
        {
            ["Kind"] = JobKinds.ContactSync, ["Status"] = "Completed", ["ReceivedAt"] = Now.AddDays(-60), ["UpdatedAt"] = Now.AddDays(-60),
        });
        var before = await ops.AllRowsAsync();
        Assert.Contains(before, r => r.PartitionKey.StartsWith(JobIndexKeys.StatsPrefix + Now.AddDays(-40).ToString("yyyyMMdd"), StringComparison.Ordinal));

        var retention = ops.Services.GetRequiredService<JobRetention>();
        ops.Reads.Reset();
        var result = await retention.PurgeAsync();
        Assert.Equal(110, result.JobRows);
        Assert.Equal(110 + 28, result.IndexRows);
        Assert.True(result.CountRows > 0);
        Assert.True(ops.Reads.MaxPerResponse <= 25, $"One answer held {ops.Reads.MaxPerResponse} rows.");

        var after = await ops.AllRowsAsync();
        Assert.DoesNotContain(after, r => r.GetString("JobId")?.StartsWith("old-", StringComparison.Ordinal) == true || r.PartitionKey.StartsWith("old-", StringComparison.Ordinal));
        Assert.DoesNotContain(after, r => r.PartitionKey.StartsWith(JobIndexKeys.StatsPrefix, StringComparison.Ordinal)
                                          && string.CompareOrdinal(r.PartitionKey, JobIndexKeys.StatsPartition(Now.AddDays(-30))) < 0);
        for (var i = 0; i < 5; i++)
        {
            Assert.NotNull(await ops.Jobs.GetAsync($"new-{i}"));
        }
        var listed = await ops.Services.GetRequiredService<JobHistory>().ListAsync(new JobQuery { From = Now.AddDays(-90), Limit = 200 });
        Assert.Equal(["new-4", "new-3", "new-2", "new-1", "new-0"], listed.Jobs.Select(j => j.JobId));
        Assert.NotNull(await ops.Jobs.GetAsync("legacy-1"));

        var scanned = await retention.PurgeAsync(scanJobRows: true);
        Assert.Equal(1, scanned.JobRows);
        Assert.Null(await ops.Jobs.GetAsync("legacy-1"));
        Assert.Equal(5, (await ops.Services.GetRequiredService<JobHistory>().ListAsync(new JobQuery { From = Now.AddDays(-90), Limit = 200 })).Jobs.Count);
    }

    [Fact]
    public void Retention_settings_are_validated_at_start_up()
    {
        var failures = new JobsOptionsValidator().Validate(null, new JobsOptions { RetentionDays = 0, PurgeBatchSize = 101 }).Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("Jobs:RetentionDays", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Jobs:PurgeBatchSize", StringComparison.Ordinal));
    }
}
