using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Connector.Core.Jobs;
using Connector.Core.Reports;
using Connector.Tests.Infrastructure;
using Connector.Tests.Reports;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Ops;

/// <summary>The ops API over HTTP through the test host: the key, paging and filters, counts, replay, reports and settings.</summary>
public sealed class OpsApiTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_ops_endpoint_refuses_a_request_without_the_key_and_only_the_static_page_is_open()
    {
        await using var ops = await OpsHarness.StartAsync(new FakeTimeProvider(Now));
        using var anonymous = ops.Host.Client(withKey: false);
        using var wrongKey = ops.Host.Client(withKey: false);
        wrongKey.DefaultRequestHeaders.Add(FunctionsTestHost.KeyHeader, "not-the-key");

        var functions = FunctionsTestHost.HttpFunctions().Where(f => f.Trigger.Route!.StartsWith("ops", StringComparison.Ordinal)).ToList();
        Assert.True(functions.Count >= 12, $"Only {functions.Count} ops functions were found.");
        foreach (var (method, trigger) in functions)
        {
            var path = "api/" + trigger.Route!.Replace("{jobId}", "j1").Replace("{webhookId}", "1").Replace("{file}", "ops.css");
            foreach (var verb in trigger.Methods!)
            {
                using var request = new HttpRequestMessage(new HttpMethod(verb.ToUpperInvariant()), path);
                using var response = await anonymous.SendAsync(request);
                if (trigger.AuthLevel == AuthorizationLevel.Anonymous)
                {
                    Assert.True(method.Name is "Page" or "Asset", $"{method.Name} is anonymous.");
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
                    continue;
                }
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                using var wrong = await wrongKey.SendAsync(new HttpRequestMessage(new HttpMethod(verb.ToUpperInvariant()), path));
                Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            }
        }

        // ?code= is the other way to give the key.
        using var withCode = await anonymous.GetAsync($"api/ops/settings?code={FunctionsTestHost.FunctionKey}");
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        using var unknownAsset = await anonymous.GetAsync("api/ops/assets/secrets.json");
        Assert.Equal(HttpStatusCode.NotFound, unknownAsset.StatusCode);
    }

    [Fact]
    public async Task Jobs_come_newest_first_in_pages_with_filters_and_each_page_reads_only_what_it_shows()
    {
        var clock = new FakeTimeProvider(Now);
        await using var ops = await OpsHarness.StartAsync(clock);
        var expected = new List<string>();
        for (var i = 0; i < 130; i++)
        {
            // Spread over five hours, some in the same second.
            var at = Now.AddMinutes(-140 + i).AddSeconds(i % 2);
            var status = i % 10 == 3 ? JobStatus.Failed : JobStatus.Completed;
            var kind = i % 25 == 0 ? JobKinds.Report : JobKinds.ContactSync;
            await ops.RecordAsync($"job-{i:D3}", status, at, status == JobStatus.Failed ? JobReasons.RetriesExhausted : JobReasons.NoChange, kind, contactId: 100 + (i % 7));
            expected.Add($"job-{i:D3}");
        }
        expected.Reverse();

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            ops.Reads.Reset();
            var page = await ops.GetJsonAsync("api/ops/jobs?limit=50" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.True(ops.Reads.Entities <= 51, $"A page of 50 read {ops.Reads.Entities} entities.");
            seen.AddRange(page.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("jobId").GetString()!));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
            pages++;
        }
        while (cursor is not null);
        Assert.Equal(3, pages);
        Assert.Equal(expected, seen);

        var failed = await ops.GetJsonAsync("api/ops/jobs?status=Failed&limit=200");
        Assert.Equal(13, failed.GetProperty("jobs").GetArrayLength());
        Assert.All(failed.GetProperty("jobs").EnumerateArray(), j => Assert.Equal("RetriesExhausted", j.GetProperty("reason").GetString()));
        var reports = await ops.GetJsonAsync("api/ops/jobs?kind=Report");
        Assert.Equal(["job-125", "job-100", "job-075", "job-050", "job-025", "job-000"],
            reports.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("jobId").GetString()));
        var contact = await ops.GetJsonAsync("api/ops/jobs?contactId=103&limit=200");
        Assert.Equal(expected.Count(id => (int.Parse(id[4..]) % 7) == 3), contact.GetProperty("jobs").GetArrayLength());
        var from = Uri.EscapeDataString(Now.AddMinutes(-20).ToString("o"));
        var to = Uri.EscapeDataString(Now.AddMinutes(-15).ToString("o"));
        var range = await ops.GetJsonAsync($"api/ops/jobs?from={from}&to={to}");
        // Both ends count (job-120 was received at exactly "from"); job-125 came a second after "to".
        Assert.Equal(["job-124", "job-123", "job-122", "job-121", "job-120"],
            range.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("jobId").GetString()));

        foreach (var bad in new[] { "status=Lost", "limit=0", "limit=201", "from=yesterday", "contactId=-1", "cursor=abc", "kind=a%2Fb" })
        {
            using var response = await ops.Api.GetAsync("api/ops/jobs?" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_job_shows_with_its_details_and_an_unknown_one_is_a_404()
    {
        await using var ops = await OpsHarness.StartAsync(new FakeTimeProvider(Now));
        await ops.RecordAsync("evt-detail", JobStatus.Completed, Now, details: """{"superOfficeCalls":2,"written":[{"source":"vertical","target":"SuperOffice:5","old":null,"new":"Retail"}]}""");
        var job = await ops.GetJsonAsync("api/ops/jobs/evt-detail");
        Assert.Equal("Completed", job.GetProperty("status").GetString());
        Assert.Equal(2, job.GetProperty("details").GetProperty("superOfficeCalls").GetInt32());
        using var missing = await ops.Api.GetAsync("api/ops/jobs/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_summary_counts_outcomes_and_reasons_for_24_hours_and_7_days_and_per_hour()
    {
        var clock = new FakeTimeProvider(Now);
        await using var ops = await OpsHarness.StartAsync(clock);
        await ops.RecordAsync("a", JobStatus.Completed, Now.AddMinutes(-5), JobReasons.NoChange);
        await ops.RecordAsync("b", JobStatus.Completed, Now.AddMinutes(-6));
        await ops.RecordAsync("c", JobStatus.Failed, Now.AddHours(-2), JobReasons.RetriesExhausted);
        await ops.RecordAsync("d", JobStatus.Skipped, Now.AddDays(-3), JobReasons.SelfChange);
        await ops.RecordAsync("e", JobStatus.Failed, Now.AddDays(-8), JobReasons.ContactNotFound);
        await ops.RecordAsync("f", JobStatus.Processing, Now.AddMinutes(-1));

        ops.Reads.Reset();
        var summary = await ops.GetJsonAsync("api/ops/summary");
        Assert.True(ops.Reads.Entities <= 8 * 24 * JobIndexKeys.StatsShards, $"The summary read {ops.Reads.Entities} entities.");
        static Dictionary<string, long> Counts(JsonElement list) => list.EnumerateArray().ToDictionary(
            c => c.GetProperty("status").GetString() + (c.TryGetProperty("reason", out var r) ? "/" + r.GetString() : ""), c => c.GetProperty("count").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["Completed"] = 2, ["Completed/NoChange"] = 1, ["Failed"] = 1, ["Failed/RetriesExhausted"] = 1 },
            Counts(summary.GetProperty("last24Hours")));
        Assert.Equal(new Dictionary<string, long>
        {
            ["Completed"] = 2, ["Completed/NoChange"] = 1, ["Failed"] = 1, ["Failed/RetriesExhausted"] = 1, ["Skipped"] = 1, ["Skipped/SelfChange"] = 1,
        }, Counts(summary.GetProperty("last7Days")));
        var hours = summary.GetProperty("hours").EnumerateArray().ToList();
        Assert.Equal(168, hours.Count);
        Assert.Equal(2, hours[^1].GetProperty("completed").GetInt64());
        Assert.Equal(1, hours[^3].GetProperty("failed").GetInt64());
    }

    [Fact]
    public async Task Bulk_replay_queues_each_failed_job_once_however_often_it_is_asked()
    {
        await using var ops = await OpsHarness.StartAsync(new FakeTimeProvider(Now));
        for (var i = 0; i < 6; i++)
        {
            await ops.RecordAsync($"failed-{i}", JobStatus.Failed, Now.AddMinutes(-30 - i), JobReasons.RetriesExhausted, contactId: 200 + i);
        }
        await ops.RecordAsync("report-failed", JobStatus.Failed, Now.AddMinutes(-10), "ReportFailed", JobKinds.Report, contactId: null);
        await ops.RecordAsync("old-failed", JobStatus.Failed, Now.AddDays(-2), JobReasons.RetriesExhausted);

        var (refused, _) = await ops.PostAsync("api/ops/replay", new { since = Now.AddHours(-1) }, writeHeader: false);
        Assert.Equal(403, refused);
        foreach (var bad in new object[] { new { }, new { since = Now, jobIds = new[] { "x" } }, new { jobIds = Array.Empty<string>() } })
        {
            Assert.Equal(400, (await ops.PostAsync("api/ops/replay", bad)).Status);
        }

        // Two operators press "replay all" at once, then one presses it again.
        var since = new { since = Now.AddHours(-1) };
        var answers = await Task.WhenAll(ops.PostAsync("api/ops/replay", since), ops.PostAsync("api/ops/replay", since));
        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Assert.Equal(6, answers.Sum(a => a.Body.GetProperty("replayed").GetInt32()));
        var again = await ops.PostAsync("api/ops/replay", since);
        Assert.Equal(0, again.Body.GetProperty("replayed").GetInt32());
        var selected = await ops.PostAsync("api/ops/replay", new { jobIds = new[] { "failed-0", "old-failed", "report-failed" } });
        Assert.Equal(["NotFailed", "Replayed", "NotFound"],
            selected.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("outcome").GetString()));

        var queue = new QueueClient(await Azurite.GetConnectionStringAsync(), ops.Names.SyncQueue);
        Assert.Equal(7, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var job = await ops.Jobs.GetAsync("failed-3");
        Assert.Equal(JobStatus.Queued, job!.Status);
        Assert.StartsWith("Replayed by function key", job.Message);
        Assert.Equal(0, (await ops.GetJsonAsync("api/ops/failed")).GetProperty("jobs").EnumerateArray().Count(j => j.GetProperty("kind").GetString() == "ContactSync"));
    }

    [Fact]
    public async Task Bulk_replay_takes_at_most_100_jobs_a_request_and_says_when_more_are_left()
    {
        await using var ops = await OpsHarness.StartAsync(new FakeTimeProvider(Now));
        await Parallel.ForEachAsync(Enumerable.Range(0, BulkReplay.MaxJobs + 3), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => await ops.RecordAsync($"f-{i:D3}", JobStatus.Failed, Now.AddSeconds(-i), JobReasons.RetriesExhausted));
        var first = await ops.PostAsync("api/ops/replay", new { since = Now.AddDays(-1) });
        Assert.Equal(BulkReplay.MaxJobs, first.Body.GetProperty("replayed").GetInt32());
        Assert.True(first.Body.GetProperty("more").GetBoolean());
        var second = await ops.PostAsync("api/ops/replay", new { since = Now.AddDays(-1) });
        Assert.Equal(3, second.Body.GetProperty("replayed").GetInt32());
        Assert.False(second.Body.GetProperty("more").GetBoolean());
        var tooMany = await ops.PostAsync("api/ops/replay", new { jobIds = Enumerable.Range(0, BulkReplay.MaxJobs + 1).Select(i => $"x{i}") });
        Assert.Equal(400, tooMany.Status);
    }

    [Fact]
    public async Task Settings_show_every_setting_with_secrets_masked()
    {
        await using var ops = await OpsHarness.StartAsync(new FakeTimeProvider(Now));
        using var response = await ops.Api.GetAsync("api/ops/settings");
        var text = await response.Content.ReadAsStringAsync();
        foreach (var secret in new[] { TestServices.ClientSecret, TestServices.RefreshToken, TestServices.WebhookSecret, TestServices.PreviousWebhookSecret, "test-ce-key", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq" })
        {
            Assert.DoesNotContain(secret, text);
        }
        var settings = JsonDocument.Parse(text).RootElement.GetProperty("settings").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);
        Assert.True(settings["SuperOffice:ClientSecret"].GetProperty("isSecret").GetBoolean());
        Assert.Equal("te…(23 chars)", settings["SuperOffice:ClientSecret"].GetProperty("value").GetString());
        Assert.Equal("Cust12345", settings["SuperOffice:ContextIdentifier"].GetProperty("value").GetString());
        Assert.Equal("30", settings["Jobs:RetentionDays"].GetProperty("default").GetString());
        Assert.Contains("AccountKey=********", settings["AzureWebJobsStorage"].GetProperty("value").GetString());
    }

    [Fact]
    public async Task Report_runs_show_their_summary_and_each_file_streams_as_stored()
    {
        var clock = new FakeTimeProvider(Now);
        await using var ops = await OpsHarness.StartAsync(clock);
        var runner = ops.Services.GetRequiredService<ProductReportRunner>();
        var run = await runner.RunManualAsync(new InMemorySaleSource(SampleSales.Seeded), "ops1");
        Assert.Equal(ReportRunOutcome.Completed, run.Outcome);

        var runs = await ops.GetJsonAsync("api/ops/reports");
        var shown = runs.GetProperty("runs").EnumerateArray().Single();
        Assert.Equal(run.JobId, shown.GetProperty("job").GetProperty("jobId").GetString());
        Assert.Equal(run.Summary!.SalesRead, shown.GetProperty("summary").GetProperty("salesRead").GetInt32());

        var container = new BlobServiceClient(await Azurite.GetConnectionStringAsync()).GetBlobContainerClient(ops.Names.ReportsContainer);
        foreach (var (file, blob) in new[] { ("sales", run.Summary.Blobs.SalesProducts), ("customers", run.Summary.Blobs.CustomerProducts), ("summary", run.Summary.Blobs.Summary) })
        {
            using var response = await ops.Api.GetAsync($"api/ops/reports/{run.JobId}/files/{file}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal(blob[(blob.LastIndexOf('/') + 1)..], response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.Equal((await container.GetBlobClient(blob).DownloadContentAsync()).Value.Content.ToArray(), await response.Content.ReadAsByteArrayAsync());
        }
        using var badFile = await ops.Api.GetAsync($"api/ops/reports/{run.JobId}/files/..%2Fsecrets");
        Assert.Equal(HttpStatusCode.BadRequest, badFile.StatusCode);
        await ops.RecordAsync("evt-not-a-report", JobStatus.Completed, Now);
        using var notReport = await ops.Api.GetAsync("api/ops/reports/evt-not-a-report/files/sales");
        Assert.Equal(HttpStatusCode.NotFound, notReport.StatusCode);
    }
}
