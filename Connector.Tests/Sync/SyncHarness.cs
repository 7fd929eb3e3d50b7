using System.Text.Json;
using Connector.Core.Jobs;
using Connector.Core.Storage;
using Connector.Core.Sync;
using Connector.Functions;
using Connector.Sandbox;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Tests.Sync;

/// <summary>
/// The whole path on real parts: the sandbox (SuperOffice + Company Explorer stub) delivers signed webhooks over
/// HTTP to the real WebhookFunction, intake writes to Azurite, and a pump feeds the queue to the real ContactSyncFunction.
/// </summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    private SyncHarness(SandboxFixture sandbox, ServiceProvider services, FunctionsTestHost host, CapturingLoggerProvider logs,
        Dictionary<string, string?> settings)
    {
        _settings = settings;
        Sandbox = sandbox;
        Services = services;
        Host = host;
        Logs = logs;
        Pump = new QueuePump(services, new ContactSyncFunction(
            services.GetRequiredService<ContactSyncProcessor>(), services.GetRequiredService<JobLifecycle>(),
            services.GetRequiredService<ILogger<ContactSyncFunction>>()));
    }

    private readonly HashSet<string> _taken = [];
    private readonly Dictionary<string, string?> _settings;

    public SandboxFixture Sandbox { get; }
    public ServiceProvider Services { get; }
    public FunctionsTestHost Host { get; }
    public CapturingLoggerProvider Logs { get; }
    public QueuePump Pump { get; }
    public StorageProbe Probe => new(Services);
    public JobStore Jobs => Services.GetRequiredService<JobStore>();

    public static async Task<SyncHarness> StartAsync(Dictionary<string, string?>? settings = null, Action<SandboxOptions>? sandbox = null, bool registerWebhook = true,
        Action<IServiceCollection>? configure = null)
    {
        var fixture = await SandboxFixture.StartAsync(o =>
        {
            o.CompanyCount = 5;
            o.SaleCount = 0;
            o.WebhookRetryDelaysMs = [50, 100];
            sandbox?.Invoke(o);
        });
        var values = fixture.ConnectorSettings();
        // The app's webhook as the watchdog knows it: the name the fixture registers with, and this host's URL.
        var port = Azurite.FreePort();
        values["Webhook:Name"] = SandboxFixture.WebhookName;
        values["Webhook:TargetUrl"] = FunctionsTestHost.WebhookUrlFor(port).ToString();
        values["SuperOffice:Http:RetryBaseDelaySeconds"] = "0.05";
        values["Sync:RetryBaseDelaySeconds"] = "0";
        values["Sync:ContactBusyDelaySeconds"] = "0.2";
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }
        var logs = new CapturingLoggerProvider();
        var services = await TestServices.CreateAsync(values, configure, logs);
        var host = await FunctionsTestHost.StartAsync(services, port);
        var harness = new SyncHarness(fixture, services, host, logs, values);
        if (registerWebhook)
        {
            using var api = await fixture.ApiClientAsync();
            await fixture.RegisterWebhookAsync(api, host.WebhookUrl, TestServices.WebhookSecret);
        }
        return harness;
    }

    /// <summary>
    /// Another worker process on the same sandbox, storage and settings: its own services, HTTP clients, token and
    /// caches (<paramref name="configure"/> may change them).
    /// </summary>
    public Task<ServiceProvider> StartWorkerAsync(Action<IServiceCollection>? configure = null)
    {
        var names = Services.GetRequiredService<StorageNames>();
        return TestServices.CreateAsync(_settings, services =>
        {
            services.AddSingleton(names);
            configure?.Invoke(services);
        });
    }

    /// <summary>Creates a company as a person would (fires contact.created) and returns its id.</summary>
    public async Task<int> CreateCompanyAsync(string name, Dictionary<string, string>? udfs = null)
    {
        var contact = await Sandbox.AdminSendAsync(HttpMethod.Post, "contacts", new { name, url = "https://example.test", udfs });
        return contact.GetProperty("ContactId").GetInt32();
    }

    public Task<JsonElement> EditAsync(int contactId, object edit) => Sandbox.AdminSendAsync(HttpMethod.Post, $"contacts/{contactId}/edit", edit);

    public async Task<string?> UdfAsync(int contactId, string progId)
    {
        var contact = await Sandbox.AdminGetAsync($"contacts/{contactId}");
        return contact.GetProperty("UserDefinedFields").TryGetProperty(progId, out var value) ? value.GetString() : null;
    }

    /// <summary>
    /// Waits until <paramref name="count"/> more events for the contact (by <paramref name="changedBy"/>, if given) were
    /// delivered with a 200 than earlier calls waited for, then runs the queue dry. Deliveries an earlier call took are
    /// not counted again, so each call waits for the events its own action caused.
    /// </summary>
    public async Task DeliverAndProcessAsync(int contactId, int count = 1, int? changedBy = null)
    {
        await DeliveredAsync(contactId, count, changedBy);
        await Pump.RunUntilIdleAsync(concurrency: 8);
    }

    /// <summary>The waiting half of <see cref="DeliverAndProcessAsync"/>: the events are accepted and queued, none is processed yet.</summary>
    public async Task DeliveredAsync(int contactId, int count = 1, int? changedBy = null)
    {
        var fresh = await Sandbox.WaitForDeliveriesAsync(d => d.GetProperty("primaryKey").GetInt32() == contactId && d.GetProperty("status").GetInt32() == 200
            && (changedBy is null || d.GetProperty("changedByAssociateId").GetInt32() == changedBy)
            && !_taken.Contains(d.GetProperty("eventId").GetString()!), count);
        _taken.UnionWith(fresh.Select(d => d.GetProperty("eventId").GetString()!));
    }

    public async Task<int> CountAsync(string method, string pathFragment) =>
        (await Sandbox.RequestsAsync()).Count(r => r.GetProperty("method").GetString() == method && r.GetProperty("path").GetString()!.Contains(pathFragment));

    public async Task<int> EnrichCallsAsync(int contactId)
    {
        var calls = await Sandbox.AdminGetAsync("companyexplorer/calls");
        return calls.TryGetProperty(contactId.ToString(), out var n) ? n.GetInt32() : 0;
    }

    public async Task<List<JobRecord>> JobsForAsync(int contactId)
    {
        var jobs = new List<JobRecord>();
        await foreach (var job in Jobs.QueryAsync(new JobFilter { ContactId = contactId }.ToODataFilter()))
        {
            jobs.Add(job);
        }
        return jobs;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
