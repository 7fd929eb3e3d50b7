using Connector.Core.Jobs;
using Connector.Core.Reports;
using Connector.Tests.Infrastructure;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Tests.Reports;

/// <summary>One run per scheduled occurrence: duplicate timer fires do nothing, failed or abandoned runs are retried.</summary>
public sealed class ProductReportRunOnceTests
{
    private static TimerInfo Fire(bool pastDue = false) => new()
    {
        IsPastDue = pastDue,
        ScheduleStatus = new ScheduleStatus { Next = ReportHarness.MondayMorning.UtcDateTime },
    };

    [Fact]
    public async Task A_duplicate_timer_fire_for_the_same_occurrence_runs_once()
    {
        await using var harness = await ReportHarness.CreateAsync();
        var source = new InMemorySaleSource(SampleSales.Seeded);
        var function = harness.Function(source);

        await function.RunOnSchedule(Fire(), CancellationToken.None);
        harness.Clock.Advance(TimeSpan.FromSeconds(3)); // a second instance after scale-out
        await function.RunOnSchedule(Fire(), CancellationToken.None);
        harness.Clock.Advance(TimeSpan.FromHours(3)); // a replay after a lost lease, past due
        await function.RunOnSchedule(Fire(pastDue: true), CancellationToken.None);

        Assert.Equal(1, source.Reads);
        var reports = (await harness.BlobNamesAsync()).Where(n => n.Contains("/sales-products-")).ToList();
        Assert.Equal(["products/2026/11/sales-products-20261130-0600.csv"], reports);
        var job = await harness.Jobs.GetAsync("report-202611300600");
        Assert.Equal(JobStatus.Completed, job!.Status);
        Assert.Equal(1, job.Attempt);
        Assert.Contains(harness.Logs.Entries, e => e.Text.Contains("not started: AlreadyDone"));
    }

    [Fact]
    public async Task A_fire_while_the_occurrence_is_running_does_nothing()
    {
        await using var harness = await ReportHarness.CreateAsync();
        var slow = new InMemorySaleSource(SampleSales.Seeded) { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var other = new InMemorySaleSource(SampleSales.Seeded);

        var first = harness.Runner.RunScheduledAsync(slow);
        ReportRunResult second;
        try
        {
            await slow.Started.Task.WaitAsync(Eventually.DefaultTimeout);
            second = await harness.Runner.RunScheduledAsync(other);
        }
        finally
        {
            slow.Gate.TrySetResult(); // the first run goes on whatever happened, so it cannot outlive the test
        }
        var firstResult = await first.WaitAsync(Eventually.DefaultTimeout);

        Assert.Equal(ReportRunOutcome.AlreadyRunning, second.Outcome);
        Assert.Equal(JobStatus.Processing, second.Job!.Status);
        Assert.Equal(0, other.Reads);
        Assert.Equal(ReportRunOutcome.Completed, firstResult.Outcome);
    }

    [Fact]
    public async Task Concurrent_fires_for_one_occurrence_start_one_run()
    {
        await using var harness = await ReportHarness.CreateAsync();
        var sources = Enumerable.Range(0, 4).Select(_ => new InMemorySaleSource(SampleSales.Seeded)).ToArray();

        var results = await Task.WhenAll(sources.Select(s => harness.Runner.RunScheduledAsync(s)));

        Assert.Equal(1, sources.Sum(s => s.Reads));
        Assert.Single(results, r => r.Outcome == ReportRunOutcome.Completed);
        Assert.All(results.Where(r => r.Outcome != ReportRunOutcome.Completed),
            r => Assert.Contains(r.Outcome, new[] { ReportRunOutcome.AlreadyRunning, ReportRunOutcome.AlreadyDone }));
    }

    [Fact]
    public async Task A_failed_run_is_recorded_its_partial_blobs_removed_and_the_next_fire_retries_it()
    {
        await using var harness = await ReportHarness.CreateAsync(new Dictionary<string, string?> { ["ProductReport:PageSize"] = "2" });
        var failing = new InMemorySaleSource(SampleSales.Seeded) { Failure = new HttpRequestException("archive answered 503"), FailAtPage = 2 };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Function(failing).RunOnSchedule(Fire(), CancellationToken.None));
        Assert.Contains("archive answered 503", error.Message);
        var failed = await harness.Jobs.GetAsync("report-202611300600");
        Assert.Equal(JobStatus.Failed, failed!.Status);
        Assert.Equal(ProductReportRunner.FailedReason, failed.Reason);
        Assert.Contains("archive answered 503", failed.Message);
        Assert.Null(failed.ClaimedUntil);
        Assert.Empty(await harness.BlobNamesAsync());

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        var retry = await harness.Runner.RunScheduledAsync(new InMemorySaleSource(SampleSales.Seeded));

        Assert.Equal(ReportRunOutcome.Completed, retry.Outcome);
        var job = await harness.Jobs.GetAsync("report-202611300600");
        Assert.Equal(JobStatus.Completed, job!.Status);
        Assert.Equal(2, job.Attempt);
        Assert.Null(job.Reason);
    }

    [Fact]
    public async Task A_run_whose_claim_lapsed_is_taken_over()
    {
        await using var harness = await ReportHarness.CreateAsync();
        var now = harness.Clock.GetUtcNow();
        await harness.Jobs.TryAddAsync(new JobRecord
        {
            JobId = "report-202611300600",
            Kind = JobKinds.Report,
            Status = JobStatus.Processing,
            Attempt = 1,
            ReceivedAt = now,
            UpdatedAt = now,
            ClaimedUntil = now + ProductReportRunner.ClaimDuration,
        });
        var source = new InMemorySaleSource(SampleSales.Seeded);

        Assert.Equal(ReportRunOutcome.AlreadyRunning, (await harness.Runner.RunScheduledAsync(source)).Outcome);
        harness.Clock.Advance(ProductReportRunner.ClaimDuration + TimeSpan.FromSeconds(1)); // the instance running it died
        var result = await harness.Runner.RunScheduledAsync(source);

        Assert.Equal(ReportRunOutcome.Completed, result.Outcome);
        Assert.Equal(1, source.Reads);
        Assert.Equal(2, (await harness.Jobs.GetAsync(result.JobId))!.Attempt);
    }

    [Fact]
    public async Task A_long_run_renews_its_claim_between_pages_so_no_one_takes_it_over()
    {
        await using var harness = await ReportHarness.CreateAsync(new Dictionary<string, string?> { ["ProductReport:PageSize"] = "1" });
        var jobId = harness.Runner.ScheduledRun(harness.Clock.GetUtcNow()).JobId;
        var other = new InMemorySaleSource(SampleSales.Seeded);
        ReportRunResult? meanwhile = null;
        var slow = new InMemorySaleSource(SampleSales.Seeded)
        {
            BeforePage = async page =>
            {
                // The run reads a page ahead, so this source runs ahead of the run's renewals: let each minute pass
                // only once the run has renewed after the page before, as it would when the pages truly take a minute.
                if (page > 1)
                {
                    await RenewedAfterAsync(harness, jobId, page - 1);
                }
                harness.Clock.Advance(TimeSpan.FromMinutes(1)); // each page takes a minute: longer than one claim in all
                if (page == 6)
                {
                    meanwhile = await harness.Runner.RunScheduledAsync(other);
                }
            },
        };

        var result = await harness.Runner.RunScheduledAsync(slow);

        Assert.Equal(ReportRunOutcome.Completed, result.Outcome);
        Assert.Equal(ReportRunOutcome.AlreadyRunning, meanwhile!.Outcome);
        Assert.StartsWith("Running: ", meanwhile.Job!.Message);
        Assert.Equal(0, other.Reads);
        Assert.Equal(1, (await harness.Jobs.GetAsync(result.JobId))!.Attempt);
    }

    /// <summary>Waits until the run's job says it renewed its claim after <paramref name="page"/> (the renewal's progress note).</summary>
    private static Task RenewedAfterAsync(ReportHarness harness, string jobId, int page) =>
        Eventually.TrueAsync(
            async () => (await harness.Jobs.GetAsync(jobId))?.Message?.StartsWith($"Running: {page} pages", StringComparison.Ordinal) == true,
            $"run {jobId} to renew its claim after page {page}");

    [Fact]
    public async Task Different_occurrences_are_different_runs()
    {
        await using var harness = await ReportHarness.CreateAsync();
        var source = new InMemorySaleSource(SampleSales.Seeded);

        await harness.Runner.RunScheduledAsync(source);
        harness.Clock.Advance(TimeSpan.FromDays(7));
        var nextWeek = await harness.Runner.RunScheduledAsync(source);

        Assert.Equal("report-202612070600", nextWeek.JobId);
        Assert.Equal(2, source.Reads);
    }
}
