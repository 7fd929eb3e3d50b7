using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Core;
using Connector.Core.Configuration;
using Connector.Core.Intake;
using Connector.Core.Jobs;
using Connector.Core.Storage;
using Connector.Core.Sync;
using Connector.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Bench;

/// <summary>
/// The sync cycle over N sandbox contacts with added latency on every SuperOffice call, at the queue concurrency
/// host.json allows (batchSize + newBatchThreshold): jobs/s next to the ceiling concurrency / (calls per job × latency),
/// and the SuperOffice calls per job for a contact that changes, one that does not, and a self-change.
/// </summary>
public sealed class SyncBenchmark(string storage, int contacts, int latencyMs, int concurrency, bool separateSandbox = false, int earlyReadRounds = 0)
{
    public async Task RunAsync()
    {
        // The sandbox in this process (default) or, with "separate", in its own process as SuperOffice is remote.
        var companies = contacts * Math.Max(1, earlyReadRounds) + WarmUpContacts;
        await using var sandbox = separateSandbox
            ? SandboxTarget.From(await SandboxProcess.StartAsync(companyCount: companies, saleCount: 0, latencyMs: latencyMs))
            : SandboxTarget.From(await SandboxServer.StartAsync(new SandboxOptions { CompanyCount = companies, SaleCount = 0, LatencyMs = latencyMs }));
        await using var services = BuildServices(sandbox);
        var processor = services.GetRequiredService<ContactSyncProcessor>();
        var jobs = services.GetRequiredService<JobStore>();
        using var admin = new HttpClient { BaseAddress = new Uri(sandbox.BaseUrl, "admin/") };

        // Warm up: the token, the UDF layout and the tables, outside the measured run.
        await services.GetRequiredService<SyncFieldMap>().GetAsync(CancellationToken.None);
        await jobs.GetAsync("warm-up");
        // Then the whole cycle on contacts outside the measured set, in rounds until the JIT has stopped compiling, so that
        // the measured run sees the worker in its steady state: JIT tiers settled, connection pools to the sandbox and
        // Azurite open at the full concurrency.
        var firstWarmUpContact = companies - WarmUpContacts + 1;
        var warmRounds = await JitWarmUp.RunAsync(round => RunAsync(processor, jobs,
                Enumerable.Range(firstWarmUpContact + round * WarmUpRoundContacts, WarmUpRoundContacts).ToArray(), "contact.created", changedBy: 12, run: "warm"),
            minRounds: 4, maxRounds: WarmUpMaxRounds);
        await admin.DeleteAsync("requests");
        if (earlyReadRounds > 0)
        {
            await CompareEarlyReadAsync(processor, jobs, services.GetRequiredService<RecentContacts>());
            return;
        }
        var compiledBefore = JitWarmUp.CompiledMethods;

        var ids = Enumerable.Range(1, contacts).ToArray();
        var results = await RunAsync(processor, jobs, ids, "contact.created", changedBy: 12, run: "first");
        var wall = _lastWall;
        var compiledDuring = JitWarmUp.CompiledMethods - compiledBefore;

        var requests = await admin.GetFromJsonAsync<JsonElement[]>("requests") ?? [];
        var written = results.Count(r => r.Status == JobStatus.Completed && r.Reason is null);
        var perJobCalls = results.Where(r => r.Status == JobStatus.Completed && r.Reason is null)
            .Select(r => JsonDocument.Parse(r.Details!).RootElement.GetProperty("superOfficeCalls").GetInt32()).Distinct().ToArray();
        var apiCalls = requests.Count(r => r.GetProperty("path").GetString()!.Contains("/api/v1/Contact/"));

        // The same contacts again: nothing changes, so one GET each and no PATCH.
        await admin.DeleteAsync("requests");
        var again = await RunAsync(processor, jobs, ids.Take(100).ToArray(), "contact.created", changedBy: 12, run: "again");
        var againRequests = await admin.GetFromJsonAsync<JsonElement[]>("requests") ?? [];
        // Our own changes: no call at all.
        await admin.DeleteAsync("requests");
        var self = await RunAsync(processor, jobs, ids.Take(100).ToArray(), "contact.changed", changedBy: sandbox.Options.ApiAssociateId, run: "self");
        var selfRequests = await admin.GetFromJsonAsync<JsonElement[]>("requests") ?? [];

        var steps = results.Where(r => r.Details is not null)
            .SelectMany(r => JsonDocument.Parse(r.Details!).RootElement.GetProperty("stepMs").EnumerateObject().Select(p => (p.Name, Ms: p.Value.GetDouble())))
            .GroupBy(p => p.Name).Select(g => $"{g.Key} {g.Average(p => p.Ms):F0} ms");
        var jobsPerSecond = contacts / wall.TotalSeconds;
        var ceiling = concurrency / (2 * latencyMs / 1000.0);
        Console.WriteLine($"Sync benchmark: {contacts} contacts, {latencyMs} ms added per SuperOffice call, concurrency {concurrency}, {Environment.ProcessorCount} cores, " +
                          $"sandbox {(separateSandbox ? "in its own process" : "in this process")}; warmed up in {warmRounds} rounds of {WarmUpRoundContacts} other contacts, " +
                          $"{compiledDuring} methods JIT-compiled during the measured run");
        Console.WriteLine($"changed contacts: {written} written, {results.Count(r => r.Reason == JobReasons.NoChange)} no change, {results.Count(r => r.Status == JobStatus.Failed)} failed");
        Console.WriteLine($"throughput: {jobsPerSecond:F1} jobs/s in {wall.TotalSeconds:F1} s; ceiling {concurrency} / (2 calls x {latencyMs} ms) = {ceiling:F1} jobs/s; {jobsPerSecond / ceiling:P0} of it (target >= 80%)");
        Console.WriteLine($"mean time per step: {string.Join(", ", steps)}; whole job {wall.TotalMilliseconds * concurrency / contacts:F0} ms");
        Console.WriteLine($"SuperOffice calls per written job (job details): {string.Join(",", perJobCalls)}; Contact requests seen by the sandbox: {apiCalls} for {contacts} jobs");
        Console.WriteLine($"unchanged contact: {againRequests.Count(r => r.GetProperty("path").GetString()!.Contains("/api/v1/Contact/")) / 100.0:F2} calls per job ({again.Count(r => r.Reason == JobReasons.NoChange)}/100 NoChange)");
        Console.WriteLine($"self-change: {selfRequests.Length / 100.0:F2} calls per job ({self.Count(r => r.Reason == JobReasons.SelfChange)}/100 SelfChange)");
    }

    /// <summary>
    /// Whether reading a quiet contact from SuperOffice while the job is being claimed pays: rounds of fresh contacts,
    /// alternately with the early read and without it (the contacts touched on this instance beforehand, so the worker
    /// reads each only once its lease is held), in one run; prints jobs/s per round and the median of each.
    /// </summary>
    private async Task CompareEarlyReadAsync(ContactSyncProcessor processor, JobStore jobs, RecentContacts recent)
    {
        var on = new List<double>();
        var off = new List<double>();
        for (var round = 0; round < earlyReadRounds; round++)
        {
            var ids = Enumerable.Range(1 + round * contacts, contacts).ToArray();
            var early = round % 2 == 0;
            if (!early)
            {
                foreach (var id in ids)
                {
                    recent.Touch(id);
                }
            }
            var results = await RunAsync(processor, jobs, ids, "contact.created", changedBy: 12, run: $"early{round}");
            var perSecond = contacts / _lastWall.TotalSeconds;
            (early ? on : off).Add(perSecond);
            Console.WriteLine($"round {round + 1}: early read {(early ? "on " : "off")}: {perSecond:F1} jobs/s ({results.Count(r => r.Status == JobStatus.Completed && r.Reason is null)} written)");
        }
        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        Console.WriteLine($"Early read: {contacts} contacts per round, {latencyMs} ms per SuperOffice call, concurrency {concurrency}; median on {Median(on):F1} jobs/s, " +
                          $"off {Median(off):F1} jobs/s: on/off = {Median(on) / Median(off):F3}");
    }

    /// <summary>Records the jobs as intake would (not timed), then runs the worker on them, timed.</summary>
    private async Task<List<JobRecord>> RunAsync(ContactSyncProcessor processor, JobStore jobs, int[] ids, string evt, int changedBy, string run)
    {
        (var results, _lastWall) = await RunJobsAsync(processor, jobs, ids, evt, changedBy, run, concurrency);
        return results;
    }

    /// <summary>Records the jobs as intake would (not timed), then runs the worker on them at <paramref name="concurrency"/>, timed.</summary>
    internal static async Task<(List<JobRecord> Results, TimeSpan Wall)> RunJobsAsync(ContactSyncProcessor processor, JobStore jobs, int[] ids, string evt,
        int changedBy, string run, int concurrency)
    {
        var messages = new List<SyncMessage>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (id, ct) =>
        {
            var jobId = $"bench-{run}-{id}";
            var now = DateTimeOffset.UtcNow;
            await jobs.TryAddAsync(new JobRecord
            {
                JobId = jobId, Kind = JobKinds.ContactSync, Status = JobStatus.Queued, Event = evt, ContactId = id,
                ChangedByAssociateId = changedBy, ReceivedAt = now, UpdatedAt = now, Changes = ["name"],
            }, ct);
            lock (messages)
            {
                messages.Add(new SyncMessage(jobId, id, evt, now, ["name"], changedBy, "Cust12345"));
            }
        });

        var results = new List<JobRecord>();
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (message, ct) =>
        {
            var job = await processor.ProcessAsync(message, ct);
            lock (results)
            {
                results.Add(job);
            }
        });
        wall.Stop();
        return (results, wall.Elapsed);
    }

    private TimeSpan _lastWall;

    /// <summary>Contacts synced per warm-up round before the measured run (not counted), and the most rounds.</summary>
    private const int WarmUpRoundContacts = 50;
    private const int WarmUpMaxRounds = 40;
    private const int WarmUpContacts = WarmUpRoundContacts * WarmUpMaxRounds;

    private ServiceProvider BuildServices(SandboxTarget sandbox) => BenchServices.Create(storage, sandbox);
}
