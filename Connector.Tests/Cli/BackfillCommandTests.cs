using System.Collections.Specialized;
using System.Globalization;
using System.Web;
using Connector.Core.Jobs;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Cli;

/// <summary>
/// <c>backfill --since</c>: companies from the sandbox's contact archive (FindContact, <c>GET v1/Contact</c>) become
/// queued sync jobs with deterministic ids, so a rerun queues nothing twice. Sign-in, the archive and storage are real.
/// </summary>
public sealed class BackfillCommandTests : IAsyncLifetime
{
    private const int Companies = 500;

    private CliSandbox _cli = null!;

    public async Task InitializeAsync() => _cli = await CliSandbox.StartAsync(o => o.CompanyCount = Companies);

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    /// <summary>Each company's last update as the sandbox shows the company itself (not through the archive), newest first.</summary>
    private async Task<List<(int ContactId, DateTime Updated)>> UpdatedNewestFirstAsync()
    {
        var companies = new List<(int, DateTime)>();
        for (var id = 1; id <= Companies; id++)
        {
            var company = await _cli.Sandbox.AdminGetAsync($"contacts/{id}");
            companies.Add((id, DateTime.Parse(company.GetProperty("UpdatedDate").GetString()!, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)));
        }
        return [.. companies.OrderByDescending(c => c.Item2).ThenBy(c => c.Item1)];
    }

    private async Task<List<NameValueCollection>> ContactArchiveQueriesAsync() =>
        [.. (await _cli.Sandbox.RequestsAsync())
            .Where(r => r.GetProperty("path").GetString()!.EndsWith("/v1/Contact", StringComparison.Ordinal))
            .Select(r => HttpUtility.ParseQueryString(r.GetProperty("query").GetString()!))];

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Queues_one_job_per_company_and_a_rerun_queues_none()
    {
        var companies = await UpdatedNewestFirstAsync();
        // One second after the 450th newest change: that company is on the --since day but before its time.
        var (dropped, droppedAt) = companies[449];
        var since = droppedAt.AddSeconds(1);
        var expected = companies.Where(c => c.Updated >= since).Select(c => c.ContactId).ToList();

        var run = await _cli.RunAsync("backfill", "--since", Iso(since), "--rate", "10000/s");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"{expected.Count} companies updated since {Iso(since)}: {expected.Count} jobs queued, 0 queued before.", run.Out.Trim());
        var queries = await ContactArchiveQueriesAsync();
        // A date column compared to the second (afterTime), not by day (after); then the companies never updated since created.
        Assert.Equal($"updatedDate afterTime '{since:yyyy-MM-dd'T'HH:mm:ss}'", queries[0]["$filter"]);
        Assert.Equal($"registeredDate afterTime '{since:yyyy-MM-dd'T'HH:mm:ss}'", queries[^1]["$filter"]);
        Assert.All(queries, q => Assert.Equal("contactId", q["$orderBy"])); // the primary key: pages cannot skip or repeat a company
        Assert.Equal(expected.Count / 200 + 1, queries.Count(q => q["$filter"]!.StartsWith("updatedDate", StringComparison.Ordinal))); // pages of 200 until a short one

        var probe = new StorageProbe(_cli.Storage);
        var job = await probe.JobAsync($"backfill-{expected[0]}-{since:yyyyMMdd}");
        Assert.Equal(JobStatus.Queued, job!.Status);
        Assert.Equal("manual", job.Event);
        Assert.Equal(expected[0], job.ContactId);
        Assert.Null(await probe.JobAsync($"backfill-{dropped}-{since:yyyyMMdd}")); // on the --since day, one second too early
        Assert.Equal(expected.Count, (await probe.JobRowsAsync()).Count);

        var rerun = await _cli.RunAsync("backfill", "--since", Iso(since), "--rate", "10000/s", "--json");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(0, rerun.Json.GetProperty("queued").GetInt32());
        Assert.Equal(expected.Count, rerun.Json.GetProperty("existing").GetInt32());
        Assert.Equal(expected.Count, (await probe.JobRowsAsync()).Count);
    }

    [Fact]
    public async Task Dry_run_lists_the_jobs_and_queues_nothing()
    {
        var companies = await UpdatedNewestFirstAsync();
        var since = companies[99].Updated.Date;

        var run = await _cli.RunAsync("backfill", "--since", since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--dry-run", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Json.GetProperty("dryRun").GetBoolean());
        var ids = run.Json.GetProperty("jobIds").EnumerateArray().Select(j => j.GetString()).ToList();
        Assert.Equal(
            companies.Where(c => c.Updated >= since).Select(c => $"backfill-{c.ContactId}-{since:yyyyMMdd}").Order(),
            ids.Order());
        Assert.Empty(await new StorageProbe(_cli.Storage).JobRowsAsync());
    }

    [Fact]
    public async Task The_rate_bounds_how_fast_jobs_are_queued()
    {
        var companies = await UpdatedNewestFirstAsync();
        var since = companies[19].Updated;
        var queued = companies.Count(c => c.Updated >= since);

        var started = DateTime.UtcNow;
        var run = await _cli.RunAsync("backfill", "--since", Iso(since), "--rate", "20/s");

        Assert.True(run.ExitCode == 0, run.ToString());
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
        var run = await _cli.RunAsync(["backfill", .. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }
}
