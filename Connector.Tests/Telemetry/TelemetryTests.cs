using System.Diagnostics;
using Connector.Core.Configuration;
using Connector.Core.Jobs;
using Connector.Core.Telemetry;
using Connector.Tests.Infrastructure;
using Connector.Tests.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Telemetry;

/// <summary>
/// The whole path with the app's telemetry wiring and in-memory exporters: a signed webhook from the sandbox through
/// intake, the queue and the worker to the PATCH is one trace; the metrics count it; a job that fails for good is an
/// error; and nothing captured holds a secret.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests
{
    private static async Task<(SyncHarness Harness, TelemetryCapture Telemetry)> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var telemetry = new TelemetryCapture();
        var harness = await SyncHarness.StartAsync(settings, configure: telemetry.AddTo);
        telemetry.Start(harness.Services);
        return (harness, telemetry);
    }

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    [Fact]
    public async Task One_webhook_is_one_trace_from_intake_through_the_queue_to_the_patch()
    {
        var (harness, telemetry) = await StartAsync();
        await using var _ = harness;
        var contactId = await harness.CreateCompanyAsync("Kieler Segelschule GmbH");
        await harness.DeliverAndProcessAsync(contactId);

        var job = Assert.Single(await harness.JobsForAsync(contactId), j => j.Event == "contact.created");
        Assert.Equal(JobStatus.Completed, job.Status);
        var spans = telemetry.Spans;
        var intake = Assert.Single(spans, s => s.DisplayName == "webhook intake" && Tag(s, TelemetryAttributes.EventId) == job.JobId);
        var traceId = intake.TraceId;
        var trace = spans.Where(s => s.TraceId == traceId).ToList();

        // The job records its trace, so `jobs show` leads to it.
        Assert.Equal(traceId.ToHexString(), job.TraceId);
        Assert.Equal(default, intake.ParentSpanId);
        Assert.Equal("Queued", Tag(intake, TelemetryAttributes.Outcome));
        Assert.Equal(contactId.ToString(), Tag(intake, TelemetryAttributes.ContactId));

        // Intake's steps, then the worker's span continuing the queue message's context.
        var queued = Assert.Single(trace, s => s.DisplayName == "job queue");
        Assert.Contains(trace, s => s.DisplayName == "job record");
        Assert.Contains(trace, s => s.DisplayName == "webhook verify");
        var sync = Assert.Single(trace, s => s.DisplayName == "sync");
        Assert.Equal(queued.SpanId, sync.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, sync.Kind);
        Assert.Equal(job.JobId, Tag(sync, TelemetryAttributes.JobId));
        Assert.Equal(contactId.ToString(), Tag(sync, TelemetryAttributes.ContactId));
        Assert.Equal("Completed", Tag(sync, TelemetryAttributes.Outcome));
        Assert.NotEqual(ActivityStatusCode.Error, sync.Status);
        foreach (var step in new[] { "sync claim", "sync lease", "sync getContact", "sync enrich", "sync diff", "sync patch" })
        {
            Assert.Contains(trace, s => s.DisplayName == step);
        }

        // The HTTP calls to SuperOffice and Company Explorer are in the same trace, named by route, without queries.
        var patch = Assert.Single(trace, s => s.Kind == ActivityKind.Client && s.DisplayName.StartsWith("PATCH ", StringComparison.Ordinal));
        Assert.EndsWith("/Contact/{id}", patch.DisplayName);
        Assert.Equal(OutboundCallTelemetry.SuperOffice, Tag(patch, TelemetryAttributes.PeerService));
        Assert.Equal("200", Tag(patch, "http.response.status_code"));
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && s.DisplayName.StartsWith("GET ", StringComparison.Ordinal)
                                    && Tag(s, TelemetryAttributes.PeerService) == OutboundCallTelemetry.SuperOffice);
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && Tag(s, TelemetryAttributes.PeerService) == OutboundCallTelemetry.CompanyExplorer);
        // No HTTP span of anyone else's (the sandbox's own calls, storage) is recorded.
        Assert.All(spans.Where(s => s.Kind == ActivityKind.Client), s => Assert.NotNull(Tag(s, TelemetryAttributes.PeerService)));

        // The echo our PATCH caused is its own webhook: counted, and its job ended Skipped/SelfChange at intake.
        await harness.DeliverAndProcessAsync(contactId, changedBy: harness.Sandbox.Options.ApiAssociateId);
        Assert.Equal(1, telemetry.Count("connector.webhooks", (TelemetryAttributes.Outcome, "Queued")));
        Assert.Equal(1, telemetry.Count("connector.webhooks", (TelemetryAttributes.Outcome, "SelfChange")));
        Assert.Equal(1, telemetry.Count("connector.jobs.ended", (TelemetryAttributes.JobKind, JobKinds.ContactSync), (TelemetryAttributes.Outcome, "Completed")));
        Assert.Equal(1, telemetry.Count("connector.jobs.ended", (TelemetryAttributes.Outcome, "Skipped"), (TelemetryAttributes.Reason, JobReasons.SelfChange)));
        Assert.Equal(1, telemetry.Count("connector.sync.duration", (TelemetryAttributes.Outcome, "Completed")));
        Assert.Equal(1, telemetry.Count("connector.sync.queue_lag"));
        Assert.Equal(1, telemetry.Count("connector.outbound.calls", (TelemetryAttributes.PeerService, OutboundCallTelemetry.SuperOffice),
            (TelemetryAttributes.Method, "PATCH"), (TelemetryAttributes.StatusCode, 200), (TelemetryAttributes.Retry, false)));
        Assert.Contains(telemetry.AllMetricTagText(), t => t.Contains("url.template=") && t.EndsWith("/Contact/{id}", StringComparison.Ordinal));

        AssertNoSecrets(harness, telemetry);
    }

    [Fact]
    public async Task Every_log_line_written_while_a_job_runs_carries_its_job_and_contact()
    {
        var (harness, telemetry) = await StartAsync();
        await using var _ = harness;
        var contactId = await harness.CreateCompanyAsync("Husumer Werft AG");
        await harness.DeliverAndProcessAsync(contactId);
        var job = Assert.Single(await harness.JobsForAsync(contactId), j => j.Event == "contact.created");

        var scope = $"{JobLogScope.JobIdProperty}={job.JobId}, {JobLogScope.ContactIdProperty}={contactId}";
        // The SuperOffice client's own lines (its calls, at Debug) and the job's end.
        var clientLines = harness.Logs.Entries.Where(e => e.Category.StartsWith("Connector.Core.SuperOffice", StringComparison.Ordinal)
                                                        && e.Text.Contains($"Contact/{contactId}")).ToList();
        Assert.NotEmpty(clientLines);
        Assert.All(clientLines, e => Assert.Contains(CapturingLoggerProvider.ScopeMarker + scope, e.Text));
        Assert.Contains(harness.Logs.Entries, e => e.Category == typeof(JobLifecycle).FullName && e.Text.Contains(CapturingLoggerProvider.ScopeMarker + scope));
        AssertNoSecrets(harness, telemetry);
    }

    [Fact]
    public async Task A_job_that_fails_for_good_is_an_error_span_an_error_log_and_a_failed_jobs_metric()
    {
        var (harness, telemetry) = await StartAsync(new() { ["Sync:MaxAttempts"] = "2" });
        await using var _ = harness;
        // Company Explorer answers "still analysing" every time: a transient failure until the attempts run out.
        await harness.Sandbox.AdminSendAsync(HttpMethod.Put, "companyexplorer", new { pendingCount = 100, failStatus = 0, retryAfterSeconds = 0 });
        var contactId = await harness.CreateCompanyAsync("Wismarer Hafenbetriebe GmbH");
        await harness.DeliverAndProcessAsync(contactId);

        var job = Assert.Single(await harness.JobsForAsync(contactId));
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal(JobReasons.RetriesExhausted, job.Reason);
        var runs = telemetry.Spans.Where(s => s.DisplayName == "sync" && Tag(s, TelemetryAttributes.JobId) == job.JobId).ToList();
        Assert.Equal(2, runs.Count);
        // The retry came back on the same trace (its message is sent again as it came).
        Assert.Single(runs.Select(r => r.TraceId).Distinct());
        Assert.Equal(job.TraceId, runs[0].TraceId.ToHexString());
        Assert.Equal(["Retrying", "Failed"], runs.Select(r => Tag(r, TelemetryAttributes.Outcome)));
        var failed = runs[1];
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal(JobReasons.RetriesExhausted, Tag(failed, TelemetryAttributes.Reason));
        Assert.NotEqual(ActivityStatusCode.Error, runs[0].Status);

        Assert.Contains(harness.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Text.Contains(job.JobId)
                                                  && e.Text.Contains(JobReasons.RetriesExhausted));
        Assert.Equal(1, telemetry.Count("connector.jobs.ended", (TelemetryAttributes.Outcome, "Failed"), (TelemetryAttributes.Reason, JobReasons.RetriesExhausted)));
        Assert.Equal(0, telemetry.Count("connector.jobs.ended", (TelemetryAttributes.Outcome, "Completed")));
        // Company Explorer's 202s are counted by route and status.
        Assert.Equal(2, telemetry.Count("connector.outbound.calls", (TelemetryAttributes.PeerService, OutboundCallTelemetry.CompanyExplorer), (TelemetryAttributes.StatusCode, 202)));
        AssertNoSecrets(harness, telemetry);
    }

    [Fact]
    public async Task An_outbound_span_is_named_by_its_route_and_keeps_no_query_value()
    {
        var telemetry = new TelemetryCapture();
        var services = new ServiceCollection();
        services.AddLogging();
        telemetry.AddTo(services);
        await using var provider = services.BuildServiceProvider();
        telemetry.Start(provider);
        await using var sandbox = await SandboxFixture.StartAsync();
        using var http = new HttpClient(new OutboundCallTelemetry(OutboundCallTelemetry.SuperOffice) { InnerHandler = new HttpClientHandler() });

        using var response = await http.GetAsync(new Uri(sandbox.Server.BaseUrl, "Cust12345/api/v1/Contact/7?code=s3cret-query-value&$select=name"));

        var span = Assert.Single(telemetry.Spans, s => s.Kind == ActivityKind.Client);
        Assert.Equal("GET /Cust12345/api/v1/Contact/{id}", span.DisplayName);
        Assert.EndsWith("/Cust12345/api/v1/Contact/7?*", Tag(span, "url.full"));
        Assert.DoesNotContain(span.TagObjects, t => $"{t.Value}".Contains("s3cret-query-value"));
        Assert.Equal(1, telemetry.Count("connector.outbound.calls", (TelemetryAttributes.UrlTemplate, "/Cust12345/api/v1/Contact/{id}")));
    }

    /// <summary>
    /// Every configured secret (by the settings catalog's rule), the storage account key, and anything shaped like a
    /// SuperOffice access token, ticket or JWT: none may appear in a span (name, attribute, status, event), a metric tag or
    /// a log line.
    /// </summary>
    private static void AssertNoSecrets(SyncHarness harness, TelemetryCapture telemetry)
    {
        var configuration = harness.Services.GetRequiredService<IConfiguration>();
        var secrets = configuration.AsEnumerable()
            .Where(kv => SettingCatalog.IsSecret(kv.Key) && !string.IsNullOrEmpty(kv.Value))
            .SelectMany(kv => kv.Value!.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase)
                ? kv.Value.Split(';').Where(p => p.StartsWith("AccountKey=", StringComparison.OrdinalIgnoreCase)).Select(p => p["AccountKey=".Length..])
                : [kv.Value!])
            .Distinct()
            .ToList();
        Assert.Contains(TestServices.WebhookSecret, secrets);
        Assert.Contains(harness.Sandbox.Options.ClientSecret, secrets);
        Assert.Contains(harness.Sandbox.Options.RefreshToken, secrets);
        Assert.Contains(harness.Sandbox.Options.CompanyExplorerApiKey, secrets);
        string[] tokenShapes = ["8A:", "7T:", "eyJ", "Bearer ", "SOTicket "];

        var captured = new List<string>();
        foreach (var span in telemetry.Spans)
        {
            captured.Add(span.DisplayName);
            captured.Add(span.StatusDescription ?? "");
            captured.AddRange(span.TagObjects.Select(t => $"{t.Key}={t.Value}"));
            captured.AddRange(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name} {t.Key}={t.Value}")));
        }
        captured.AddRange(telemetry.AllMetricTagText());
        captured.AddRange(harness.Logs.Entries.Select(e => e.Text));
        Assert.NotEmpty(captured);

        foreach (var text in captured)
        {
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A secret setting's value was captured in: {text}");
            }
            foreach (var shape in tokenShapes)
            {
                Assert.False(text.Contains(shape, StringComparison.Ordinal), $"Something shaped like a token ({shape}) was captured in: {text}");
            }
        }
    }
}
