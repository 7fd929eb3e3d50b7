using Connector.Core.Jobs;
using Connector.Core.Storage;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Cli;

/// <summary><c>jobs list/show/replay</c> against Azurite, through the same JobStore and JobReplayer as the app.</summary>
public sealed class JobsCommandTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private readonly TempRepository _repo = new();
    private readonly StorageNames _names = TestServices.UniqueNames();
    private ServiceProvider _services = null!;
    private Dictionary<string, string?> _environment = null!;

    public async Task InitializeAsync()
    {
        _services = await TestServices.CreateAsync(configure: s => s.AddSingleton(_names));
        _environment = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = await Azurite.GetConnectionStringAsync() };
        var store = _services.GetRequiredService<JobStore>();
        await store.TryAddAsync(Job("evt-old-completed", JobStatus.Completed, 100, Day.AddDays(-30)));
        await store.TryAddAsync(Job("evt-failed-1", JobStatus.Failed, 101, Day) with { Reason = "RetriesExhausted", Message = "SuperOffice 503", TraceId = TraceId });
        await store.TryAddAsync(Job("evt-failed-2", JobStatus.Failed, 102, Day.AddHours(1)) with { Reason = "EnrichmentFailed" });
        await store.TryAddAsync(Job("evt-skipped", JobStatus.Skipped, 101, Day.AddHours(2)) with { Reason = "SelfChange" });
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    public void Dispose() => _repo.Dispose();

    private static JobRecord Job(string id, JobStatus status, int contactId, DateTimeOffset received) => new()
    {
        JobId = id,
        Kind = JobKinds.ContactSync,
        Status = status,
        Event = "contact.changed",
        ContactId = contactId,
        ContextIdentifier = TestServices.Tenant,
        Changes = ["name"],
        ReceivedAt = received,
        UpdatedAt = received,
        Details = "{\"written\":[]}",
    };

    private Task<CliRun> RunAsync(params string[] args) => CliRun.RunAsync(_repo.Root, _environment, _names, args);

    [Fact]
    public async Task List_shows_the_newest_first_as_a_table()
    {
        var run = await RunAsync("jobs", "list");
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.TrimEnd().Split('\n');
        Assert.StartsWith("JOB", lines[0]);
        Assert.StartsWith("evt-skipped", lines[1]);
        Assert.StartsWith("evt-failed-2", lines[2]);
        Assert.StartsWith("evt-failed-1", lines[3]);
        Assert.StartsWith("evt-old-completed", lines[4]);
        Assert.Contains("RetriesExhausted", lines[3]);
        Assert.Contains("2026-03-02 09:00:00", lines[3]);
        Assert.Equal("4 job(s).", lines[^1]);
    }

    [Fact]
    public async Task List_filters_by_status_since_and_contact()
    {
        var failed = await RunAsync("jobs", "list", "--status", "failed", "--json");
        Assert.True(failed.ExitCode == 0, failed.ToString());
        Assert.Equal(["evt-failed-2", "evt-failed-1"], failed.Json.EnumerateArray().Select(j => j.GetProperty("jobId").GetString()));
        Assert.All(failed.Json.EnumerateArray(), j => Assert.Equal("Failed", j.GetProperty("status").GetString()));

        var since = await RunAsync("jobs", "list", "--since", "2026-03-01", "--contact", "101", "--json");
        Assert.Equal(["evt-skipped", "evt-failed-1"], since.Json.EnumerateArray().Select(j => j.GetProperty("jobId").GetString()));

        var top = await RunAsync("jobs", "list", "--top", "1");
        Assert.Contains("1 of 4 jobs", top.Out);

        var none = await RunAsync("jobs", "list", "--contact", "999");
        Assert.Equal("No jobs match.", none.Out.Trim());
    }

    [Fact]
    public async Task Show_prints_one_job_or_exits_1()
    {
        var run = await RunAsync("jobs", "show", "evt-failed-1");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"Status\s+Failed", run.Out);
        Assert.Matches(@"Message\s+SuperOffice 503", run.Out);
        Assert.Matches(@"Trace\s+" + TraceId, run.Out);
        Assert.Contains("\"written\"", run.Out);

        var json = await RunAsync("jobs", "show", "evt-failed-1", "--json");
        Assert.Equal("evt-failed-1", json.Json.GetProperty("jobId").GetString());
        Assert.Equal(101, json.Json.GetProperty("contactId").GetInt32());
        Assert.Equal("RetriesExhausted", json.Json.GetProperty("reason").GetString());
        Assert.Equal(TraceId, json.Json.GetProperty("traceId").GetString());

        var missing = await RunAsync("jobs", "show", "evt-nope");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("There is no job with id 'evt-nope'; `jobs list` shows the recent ones.", missing.Error.Trim());
    }

    [Fact]
    public async Task Replay_puts_a_failed_job_back_on_the_queue()
    {
        var run = await RunAsync("jobs", "replay", "evt-failed-1");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("evt-failed-1: Replayed.", run.Out);

        var probe = new StorageProbe(_services);
        Assert.Equal(JobStatus.Queued, (await probe.JobAsync("evt-failed-1"))!.Status);
        var message = Assert.Single(await probe.DecodedMessagesAsync());
        Assert.Contains("\"jobId\":\"evt-failed-1\"", message);

        var again = await RunAsync("jobs", "replay", "evt-failed-1");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("only failed jobs are replayed", again.Error);
    }

    [Fact]
    public async Task Replay_failed_replays_every_failed_job()
    {
        var run = await RunAsync("jobs", "replay", "--failed", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var reports = run.Json.EnumerateArray().ToList();
        Assert.Equal(["evt-failed-1", "evt-failed-2"], reports.Select(r => r.GetProperty("jobId").GetString()).Order());
        Assert.All(reports, r => Assert.Equal("Replayed", r.GetProperty("outcome").GetString()));
        Assert.Equal(2, (await new StorageProbe(_services).DecodedMessagesAsync()).Count);

        var nothingLeft = await RunAsync("jobs", "replay", "--failed");
        Assert.Equal(0, nothingLeft.ExitCode);
        Assert.Contains("0 job(s) replayed.", nothingLeft.Out);
    }

    [Fact]
    public async Task Without_storage_setting_it_exits_2_naming_the_setting()
    {
        var run = await CliRun.RunAsync(_repo.Root, new Dictionary<string, string?>(), _names, "jobs", "list");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("AzureWebJobsStorage is not set.", run.Error);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Purge_deletes_the_jobs_older_than_the_retention_and_their_index_rows()
    {
        var kept = await RunAsync("jobs", "purge", "--set", "Jobs:RetentionDays=3650");
        Assert.True(kept.ExitCode == 0, kept.ToString());
        Assert.StartsWith("Deleted 0 job(s)", kept.Out);

        // The seeded jobs are from March 2026, long past 30 days.
        var purged = await RunAsync("jobs", "purge", "--json");
        Assert.True(purged.ExitCode == 0, purged.ToString());
        using var result = System.Text.Json.JsonDocument.Parse(purged.Out);
        Assert.Equal(4, result.RootElement.GetProperty("jobRows").GetInt64());
        Assert.Equal(4 + 2, result.RootElement.GetProperty("indexRows").GetInt64());
        Assert.Null(await _services.GetRequiredService<JobStore>().GetAsync("evt-failed-1"));
        Assert.Contains("No jobs match.", (await RunAsync("jobs", "list")).Out);

        var invalid = await RunAsync("jobs", "purge", "--set", "Jobs:RetentionDays=0");
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("Jobs:RetentionDays", invalid.Error);
    }
}
