using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using Connector.Core.Intake;
using Connector.Core.Storage;
using Connector.Tests.Infrastructure;
using Connector.Tests.Intake;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Fuzz;

/// <summary>
/// Hostile and broken requests at the webhook URL, over real HTTP to the real function on Azurite: every answer is
/// 200, 400, 401, 403 or 413 (never a 5xx, never a hang), nothing but a well-signed, well-formed contact event makes a
/// job or a message, and a valid webhook is still served afterwards. 2,000 requests here (seed fixed, so a failure
/// can be run again); <c>CONNECTOR_FUZZ_REQUESTS=10000</c> for the full run (docs/benchmarks.md, "Fuzz").
/// </summary>
public sealed class WebhookFuzzTests
{
    private const int Seed = 20261204;
    private static readonly HashSet<int> Allowed = [200, 400, 401, 403, 413];

    [Fact]
    public async Task Hostile_requests_get_a_clear_answer_write_nothing_they_should_not_and_leave_the_webhook_working()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("CONNECTOR_FUZZ_REQUESTS"), out var n) ? n : 2000;
        await using var harness = await IntakeHarness.CreateAsync();
        await using var host = await FunctionsTestHost.StartAsync(harness.Services);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

        var answers = new ConcurrentBag<(HostileRequest Request, int Status, string? Outcome, string? JobId)>();
        await Parallel.ForEachAsync(new HostileWebhookRequests(Seed).Take(count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, ct) =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, host.WebhookUrl)
            {
                Content = request.Slow ? new SlowContent(request.Body) : new ByteArrayContent(request.Body),
            };
            message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
            foreach (var (name, value) in request.Headers)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
            using var response = await http.SendAsync(message, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            var (outcome, jobId) = (int)response.StatusCode == 200 ? Answer(text) : (null, null);
            answers.Add((request, (int)response.StatusCode, outcome, jobId));
        });

        var wrong = answers.Where(a => !Allowed.Contains(a.Status) || !a.Request.Expected.Contains(a.Status)).Take(5).ToList();
        Assert.True(wrong.Count == 0, "Unexpected answers: " + string.Join("; ", wrong.Select(w => $"{w.Status} for {w.Request}")));
        Assert.Equal(count, answers.Count);

        // Only what was answered as taken wrote anything: jobs for Queued/SelfChange answers, messages for Queued ones.
        var taken = answers.Where(a => a.Outcome is "Queued" or "SelfChange" or "Duplicate").Select(a => a.JobId!).ToHashSet();
        var queued = answers.Where(a => a.Outcome == "Queued").Select(a => a.JobId!).ToHashSet();
        var jobs = (await harness.Probe.JobRowsAsync()).Select(r => r.PartitionKey).ToHashSet();
        Assert.Subset(taken, jobs);
        Assert.Equal(queued.Count, await MessageCountAsync(harness));
        Assert.All(answers.Where(a => a.Status != 200 || a.Outcome is "TestEvent" or "EventIgnored"), a =>
            Assert.True(a.JobId is null, $"{a.Request} answered {a.Status} {a.Outcome} with a job"));

        // The webhook still works.
        var body = IntakeHarness.Payload(contactId: 31337, changedBy: 12);
        using var valid = new HttpRequestMessage(HttpMethod.Post, host.WebhookUrl) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in IntakeHarness.SignedHeaders(body))
        {
            valid.Headers.TryAddWithoutValidation(name, value);
        }
        using var ok = await http.SendAsync(valid);
        var (validOutcome, validJob) = Answer(await ok.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode.OK, "Queued"), (ok.StatusCode, validOutcome));
        Assert.NotNull(await harness.Probe.JobAsync(validJob!));
    }

    private static (string? Outcome, string? JobId) Answer(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return (root.GetProperty("status").GetString(), root.TryGetProperty("jobId", out var id) ? id.GetString() : null);
    }

    private static async Task<int> MessageCountAsync(IntakeHarness harness)
    {
        var queue = harness.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(harness.Services.GetRequiredService<StorageNames>().SyncQueue);
        return (await queue.ExistsAsync()).Value ? (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;
    }

    /// <summary>A body sent in small pieces with pauses between them, as a slow or stalling client would.</summary>
    private sealed class SlowContent(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += 64)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(64, body.Length - offset)));
                await stream.FlushAsync();
                await Task.Delay(5);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
