using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Connector.Core.Intake;
using Connector.Core.Jobs;
using Connector.Core.Storage;
using Connector.Core.Sync;
using Connector.Functions;
using Connector.Sandbox;
using Connector.Sandbox.Tenant;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Soak;

/// <summary>Builds the connector's services (as <see cref="TestServices.CreateAsync"/> does) for a soak run.</summary>
public delegate Task<ServiceProvider> SoakHost(IDictionary<string, string?> settings, Action<IServiceCollection> configure, ILoggerProvider logs);

/// <summary>
/// The fault soak: a sandbox tenant whose people edit companies while SuperOffice, Company Explorer, the webhook sender
/// and storage misbehave in turn, the real webhook function on loopback HTTP taking the sandbox's signed deliveries, and
/// the real sync function working the queue the whole time. When the faults stop and everything has settled, the failed
/// jobs are replayed, and the run is judged from what the sandbox saw (events, deliveries, writes, final contacts) and
/// what the connector recorded (jobs, poison, logs, telemetry): <see cref="SoakReport"/>.
/// </summary>
public sealed class SoakRun(SoakOptions options, SoakHost host, TextWriter progress)
{
    private const string UdfVertical = "SuperOffice:5";
    private const string UdfSummary = "SuperOffice:6";
    private const int BreakSeconds = 2;

    // Secrets unique to this run, so a find in the captured text can only come from this run.
    private readonly Dictionary<string, string> _secrets = new()
    {
        ["client secret"] = "soak-client-secret-" + Hex(),
        ["refresh token"] = "soak-refresh-token-" + Hex(),
        ["webhook secret"] = "soak-webhook-secret-" + Hex(),
        ["Company Explorer key"] = "soak-ce-key-" + Hex(),
    };

    public async Task<SoakReport> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var phases = FaultPhase.All;
        var script = SoakScript.Create(options, phases.Count);
        await using var sandbox = await SandboxFixture.StartAsync(o =>
        {
            o.CompanyCount = options.Companies;
            o.SaleCount = 0;
            o.RandomSeed = options.Seed;
            o.UdfShapes = UdfShapes.Mixed;
            o.WebhookRetryDelaysMs = [50, 200];
            o.ClientSecret = _secrets["client secret"];
            o.RefreshToken = _secrets["refresh token"];
            o.CompanyExplorerApiKey = _secrets["Company Explorer key"];
        });
        var admin = new SandboxAdmin(sandbox.Http);
        var storage = await Azurite.GetConnectionStringAsync();
        var storageFaults = new StorageFaults(options.Seed);
        var faults = new SoakFaults(admin, storageFaults);
        var logs = new CapturingLoggerProvider();
        using var telemetry = new TelemetryCapture();

        var port = Azurite.FreePort();
        var settings = sandbox.ConnectorSettings();
        settings["Webhook:Secret"] = _secrets["webhook secret"];
        settings["Webhook:PreviousSecret"] = null;
        settings["Webhook:Name"] = SandboxFixture.WebhookName;
        settings["Webhook:TargetUrl"] = FunctionsTestHost.WebhookUrlFor(port).ToString();
        settings["Sync:FieldMap"] = $"vertical={UdfVertical};summary={UdfSummary}";
        settings["Sync:Overwrite"] = "OverwriteOwn";
        settings["Sync:RetryBaseDelaySeconds"] = "0";
        settings["Sync:ContactBusyDelaySeconds"] = "0.2";
        settings["SuperOffice:Http:RetryBaseDelaySeconds"] = "0.05";
        settings["CompanyExplorer:TimeoutSeconds"] = "1";
        settings["SuperOffice:Http:CircuitBreakerBreakSeconds"] = BreakSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var names = TestServices.UniqueNames();
        await using var services = await host(settings, s =>
        {
            s.AddSingleton(names);
            var tables = new TableClientOptions();
            tables.AddPolicy(storageFaults, Azure.Core.HttpPipelinePosition.PerCall);
            s.AddSingleton(new TableServiceClient(storage, tables));
            var queues = new QueueClientOptions { MessageEncoding = StorageClients.MessageEncoding };
            queues.AddPolicy(storageFaults, Azure.Core.HttpPipelinePosition.PerCall);
            s.AddSingleton(new QueueServiceClient(storage, queues));
        }, logs);
        await using var intake = await FunctionsTestHost.StartAsync(services, port);
        await RegisterWebhookAsync(sandbox, intake.WebhookUrl);

        // The Functions host's side of the queue (receive, delete, poison) is not the connector's: it sees no faults.
        var hostQueues = new QueueServiceClient(storage, new QueueClientOptions { MessageEncoding = StorageClients.MessageEncoding });
        await using var hostSide = new ServiceCollection().AddSingleton(names).AddSingleton(hostQueues).BuildServiceProvider();
        var pump = new QueuePump(hostSide, new ContactSyncFunction(
            services.GetRequiredService<ContactSyncProcessor>(), services.GetRequiredService<JobLifecycle>(),
            services.GetRequiredService<ILogger<ContactSyncFunction>>()));
        var queue = hostQueues.GetQueueClient(names.SyncQueue);
        await queue.CreateIfNotExistsAsync();

        var companies = await SnapshotAsync(admin);
        progress.WriteLine($"soak: {options.Companies} companies, {script.Count} edits in {phases.Count} fault phases (seed {options.Seed})");

        using var stopWorker = new CancellationTokenSource();
        var worker = Task.Run(() => WorkAsync(pump, stopWorker.Token));
        await faults.WebhookSenderAsync(new { lostAnswerShare = 0.1, lateShare = 0.15, lateMs = 400 });
        for (var p = 0; p < phases.Count; p++)
        {
            var phase = phases[p];
            await phase.Start(faults);
            var edits = script.Where(c => c.Phase == p).ToList();
            await EditAsync(admin, edits);
            var struck = phase.Struck is not { } hasStruck || await StruckAsync(hasStruck, faults, options.StrikeTimeout);
            var quiet = await QuietAsync(admin, queue, options.PhaseTimeout);
            await phase.Stop(faults);
            progress.WriteLine($"  phase {p + 1}/{phases.Count} {phase.Name}: {edits.Count} edits, {(quiet ? "worked off" : "still busy")}{(struck ? "" : ", fault NOT struck")} at {clock.Elapsed.TotalSeconds:F0} s");
        }
        await faults.AllOffAsync();
        var jobs = services.GetRequiredService<JobStore>();
        var settled = await QuietAsync(admin, queue, options.SettleTimeout, twice: true);
        progress.WriteLine($"  faults off; {(settled ? "settled" : "NOT settled: " + await BusyWithAsync(admin, queue, jobs))} at {clock.Elapsed.TotalSeconds:F0} s");

        var beforeReplay = await SyncJobsAsync(jobs);
        var poisoned = await PoisonedJobIdsAsync(hostQueues.GetQueueClient(names.PoisonQueue));
        // An operator replays once SuperOffice is back. The maintenance's 503s may have left the circuit open: a replayed
        // job it refuses waits for the break and is tried again (SyncFailureTests holds that fix).
        var replayer = services.GetRequiredService<JobReplayer>();
        var failed = beforeReplay.Values.Where(j => j.Status == JobStatus.Failed).ToList();
        foreach (var job in failed)
        {
            await replayer.ReplayAsync(job.JobId);
        }
        var settledAfterReplay = await QuietAsync(admin, queue, options.SettleTimeout, twice: true);
        progress.WriteLine($"  {failed.Count} failed job(s) replayed; {(settledAfterReplay ? "settled" : "NOT settled: " + await BusyWithAsync(admin, queue, jobs))} at {clock.Elapsed.TotalSeconds:F0} s");
        await stopWorker.CancelAsync();
        await worker;

        var evidence = new SoakEvidence(
            script, companies, beforeReplay, await SyncJobsAsync(jobs), poisoned, failed.Select(j => j.JobId).ToHashSet(),
            [.. (await admin.GetAsync("webhooks/events")).EnumerateArray()],
            [.. (await admin.GetAsync("webhooks/deliveries")).EnumerateArray()],
            [.. (await admin.GetAsync("requests")).EnumerateArray()],
            await FinalContactsAsync(admin, companies.Keys),
            await admin.GetAsync("companyexplorer"),
            await admin.GetAsync("webhooks/pending"), sandbox.Options.ApiAssociateId, faults.TokenExpiries, storageFaults, pump.Errors.Count,
            SecretScan.Find(_secrets, new Dictionary<string, string> { ["logs"] = logs.AllText, ["telemetry"] = telemetry.AllText }),
            logs.Entries.Count, telemetry.Spans, telemetry.Measurements, settled && settledAfterReplay);
        if (options.LogFile is { } logFile)
        {
            await File.WriteAllTextAsync(logFile, logs.AllText + "\n\nErrors the host saw:\n" + string.Join("\n", pump.Errors.Select(error => error.ToString())));
        }
        return new SoakReport(SoakJudge.Lines(evidence), clock.Elapsed);
    }

    private async Task WorkAsync(QueuePump pump, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await pump.RunUntilIdleAsync(options.SettleTimeout, options.WorkerConcurrency);
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (TimeoutException)
            {
                // The queue was busy the whole time; keep working.
            }
        }
    }

    private async Task EditAsync(SandboxAdmin admin, IReadOnlyList<SoakChange> edits) =>
        await Parallel.ForEachAsync(edits.GroupBy(e => e.Group), new ParallelOptions { MaxDegreeOfParallelism = options.EditConcurrency }, async (group, _) =>
            await Task.WhenAll(group.Select(edit => admin.SendAsync(HttpMethod.Post, $"contacts/{edit.ContactId}/edit", new
            {
                fields = new Dictionary<string, string> { [edit.Kind == SoakChangeKind.Rename ? "Name" : "Number1"] = edit.Value },
            }))));

    /// <summary>Waits, at most <paramref name="timeout"/>, until the phase's fault has struck; false when it has not.</summary>
    private static async Task<bool> StruckAsync(Func<SoakFaults, Task<bool>> struck, SoakFaults faults, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!await struck(faults))
        {
            if (deadline.Elapsed >= timeout)
            {
                return false;
            }
            await Task.Delay(100);
        }
        return true;
    }

    /// <summary>What the run still waits for when it did not settle: payloads, messages and the unfinished jobs.</summary>
    private static async Task<string> BusyWithAsync(SandboxAdmin admin, QueueClient queue, JobStore jobs)
    {
        var unfinished = (await SyncJobsAsync(jobs)).Values.Where(j => !j.IsFinished).OrderBy(j => j.UpdatedAt).ToList();
        return $"{(await admin.GetAsync("webhooks/pending")).GetProperty("pending").GetInt32()} webhook payload(s) pending, " +
            $"{(await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount} message(s) in the sync queue, {unfinished.Count} job(s) unfinished" +
            string.Concat(unfinished.Take(5).Select(j => $"; {j.JobId} contact {j.ContactId} {j.Status} attempt {j.Attempt} since {j.UpdatedAt:HH:mm:ss}: {j.Message}"));
    }

    /// <summary>
    /// Waits until the sandbox has no webhook payload left to send and the sync queue holds no message (counting those
    /// waiting for a retry), <paramref name="twice"/> in a row half a second apart; false when the time is up first.
    /// </summary>
    private static async Task<bool> QuietAsync(SandboxAdmin admin, QueueClient queue, TimeSpan timeout, bool twice = false)
    {
        var deadline = Stopwatch.StartNew();
        var quietSeen = 0;
        while (deadline.Elapsed < timeout)
        {
            var pending = (await admin.GetAsync("webhooks/pending")).GetProperty("pending").GetInt32();
            var messages = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            quietSeen = pending == 0 && messages == 0 ? quietSeen + 1 : 0;
            if (quietSeen >= (twice ? 2 : 1))
            {
                return true;
            }
            await Task.Delay(quietSeen > 0 ? 500 : 100);
        }
        return false;
    }

    private async Task RegisterWebhookAsync(SandboxFixture sandbox, Uri target)
    {
        using var api = await sandbox.ApiClientAsync();
        using var response = await api.PostAsJsonAsync("Webhook", new
        {
            Name = SandboxFixture.WebhookName,
            Events = new[] { SyncEvents.ContactCreated, SyncEvents.ContactChanged },
            TargetUrl = target.ToString(),
            Secret = _secrets["webhook secret"],
            State = "Active",
            Type = "webhook",
        });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The sandbox refused the soak's webhook: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Each company's mapped fields before the run (a filled one was typed by a person) and the shape its UDFs are read in.</summary>
    private async Task<Dictionary<int, SoakCompany>> SnapshotAsync(SandboxAdmin admin)
    {
        var companies = new Dictionary<int, SoakCompany>();
        var shapes = new SandboxOptions { UdfShapes = UdfShapes.Mixed };
        for (var id = 1; id <= options.Companies; id++)
        {
            var udfs = (await admin.GetAsync($"contacts/{id}")).GetProperty("UserDefinedFields");
            companies[id] = new SoakCompany(id, Filled(udfs, UdfVertical), Filled(udfs, UdfSummary), UdfShapes.Of(id, shapes));
        }
        return companies;
    }

    private static string? Filled(JsonElement udfs, string progId) =>
        udfs.TryGetProperty(progId, out var value) && value.GetString() is { Length: > 0 } text ? text : null;

    private static async Task<Dictionary<int, JsonElement>> FinalContactsAsync(SandboxAdmin admin, IEnumerable<int> ids)
    {
        var contacts = new Dictionary<int, JsonElement>();
        foreach (var id in ids)
        {
            contacts[id] = await admin.GetAsync($"contacts/{id}");
        }
        return contacts;
    }

    private static async Task<Dictionary<string, JobRecord>> SyncJobsAsync(JobStore jobs)
    {
        var all = new Dictionary<string, JobRecord>();
        await foreach (var job in jobs.QueryAsync(new JobFilter { Kind = JobKinds.ContactSync }.ToODataFilter()))
        {
            if (job.Kind == JobKinds.ContactSync)
            {
                all[job.JobId] = job;
            }
        }
        return all;
    }

    private static async Task<List<string>> PoisonedJobIdsAsync(QueueClient poison)
    {
        var ids = new List<string>();
        if (!await poison.ExistsAsync())
        {
            return ids;
        }
        while (true)
        {
            var batch = (await poison.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                return ids;
            }
            ids.AddRange(batch.Select(m => SyncQueue.Deserialize(m.Body.ToString()).JobId));
        }
    }

    private static string Hex() => Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
}
