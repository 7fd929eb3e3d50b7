using Connector.Core.Jobs;
using Connector.Core.SuperOffice;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Cli;

/// <summary>
/// <c>backfill --since</c>: companies from the contact archive become queued sync jobs with deterministic ids, so a
/// rerun queues nothing twice. The archive is stubbed (the sandbox has none); sign-in and storage are real.
/// </summary>
public sealed class BackfillCommandTests : IAsyncLifetime
{
    private static readonly (int, DateTime)[] Rows =
    [
        .. Enumerable.Range(1, 450).Select(i => (1000 + i, new DateTime(2026, 2, 1).AddHours(i))),
        (5000, new DateTime(2025, 12, 31, 23, 0, 0)), // before --since: the archive's "after" is a day early, the command checks again
    ];

    private CliSandbox _cli = null!;
    private readonly List<string> _archiveQueries = [];

    public async Task InitializeAsync() => _cli = await CliSandbox.StartAsync();

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    private Task<CliRun> RunAsync(params string[] args) =>
        CliRun.RunAsync(_cli.Repository.Root, _cli.Environment, _cli.Names, args, services =>
            services.AddHttpClient(SuperOfficeRegistration.ApiClientName).AddHttpMessageHandler(() => new ContactArchiveStub(Rows, _archiveQueries)));

    [Fact]
    public async Task Queues_one_job_per_company_and_a_rerun_queues_none()
    {
        var run = await RunAsync("backfill", "--since", "2026-01-01", "--rate", "10000/s");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("450 companies updated since 2026-01-01: 450 jobs queued, 0 queued before.", run.Out.Trim());
        Assert.Contains("updatedDate after '2025-12-31'", _archiveQueries[0]);
        Assert.Equal(3, _archiveQueries.Count); // 200 + 200 + 51 rows

        var probe = new StorageProbe(_cli.Storage);
        var job = await probe.JobAsync("backfill-1001-20260101");
        Assert.Equal(JobStatus.Queued, job!.Status);
        Assert.Equal("manual", job.Event);
        Assert.Equal(1001, job.ContactId);
        Assert.Null(await probe.JobAsync("backfill-5000-20260101"));

        var rerun = await RunAsync("backfill", "--since", "2026-01-01", "--rate", "10000/s", "--json");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(0, rerun.Json.GetProperty("queued").GetInt32());
        Assert.Equal(450, rerun.Json.GetProperty("existing").GetInt32());
        Assert.Equal(450, (await probe.JobRowsAsync()).Count);
    }

    [Fact]
    public async Task Dry_run_lists_the_jobs_and_queues_nothing()
    {
        var run = await RunAsync("backfill", "--since", "2026-02-10", "--dry-run", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Json.GetProperty("dryRun").GetBoolean());
        var ids = run.Json.GetProperty("jobIds").EnumerateArray().Select(j => j.GetString()).ToList();
        Assert.Equal(Rows.Count(r => r.Item2 >= new DateTime(2026, 2, 10)), ids.Count);
        Assert.All(ids, id => Assert.EndsWith("-20260210", id));
        Assert.Empty(await new StorageProbe(_cli.Storage).JobRowsAsync());
    }

    [Fact]
    public async Task The_rate_bounds_how_fast_jobs_are_queued()
    {
        var started = DateTime.UtcNow;
        var run = await RunAsync("backfill", "--since", "2026-02-19", "--rate", "20/s");
        Assert.True(run.ExitCode == 0, run.ToString());
        var queued = Rows.Count(r => r.Item2 >= new DateTime(2026, 2, 19));
        Assert.Contains($"{queued} jobs queued", run.Out);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds((queued - 1) / 20.0), $"{queued} jobs at 20/s took {DateTime.UtcNow - started}");
    }

    [Theory]
    [InlineData("--since", "soon")]
    [InlineData("--since", "2026-01-01", "--rate", "0/s")]
    [InlineData("--since", "2026-01-01", "--rate", "fast")]
    [InlineData("--rate", "5/s")]
    public async Task Bad_arguments_exit_2(params string[] args)
    {
        var run = await RunAsync(["backfill", .. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }
}
