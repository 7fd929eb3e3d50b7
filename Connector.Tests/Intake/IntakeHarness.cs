using System.Text;
using System.Text.Json.Nodes;
using Connector.Core.Intake;
using Connector.Core.SuperOffice;
using Connector.Functions;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Intake;

/// <summary>The real WebhookFunction on the real services and Azurite, plus a probe of what it wrote.</summary>
public sealed class IntakeHarness : IAsyncDisposable
{
    private IntakeHarness(ServiceProvider services, CapturingLoggerProvider logs)
    {
        Services = services;
        Logs = logs;
        Function = new WebhookFunction(services.GetRequiredService<WebhookIntake>(), services.GetRequiredService<ILogger<WebhookFunction>>());
        Probe = new StorageProbe(services);
    }

    public ServiceProvider Services { get; }
    public CapturingLoggerProvider Logs { get; }
    public WebhookFunction Function { get; }
    public StorageProbe Probe { get; }

    public static async Task<IntakeHarness> CreateAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var logs = new CapturingLoggerProvider();
        return new IntakeHarness(await TestServices.CreateAsync(settings, configure, logs), logs);
    }

    /// <summary>A contact webhook body; <paramref name="change"/> edits the JSON before it is serialised.</summary>
    public static byte[] Payload(Guid? eventId = null, string evt = "contact.changed", int contactId = 994863,
        int changedBy = 316, string tenant = TestServices.Tenant, Action<JsonObject>? change = null)
    {
        var json = new JsonObject
        {
            ["EventId"] = (eventId ?? Guid.NewGuid()).ToString(),
            ["Timestamp"] = "2026-11-20T07:50:50.6812131Z",
            ["Changes"] = new JsonArray("contact_id", "name", "updated"),
            ["Event"] = evt,
            ["PrimaryKey"] = contactId,
            ["Entity"] = "contact",
            ["ContextIdentifier"] = tenant,
            ["ChangedByAssociateId"] = changedBy,
            ["WebhookName"] = "enrichment",
        };
        change?.Invoke(json);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    public static Dictionary<string, string> SignedHeaders(byte[] body, string secret = TestServices.WebhookSecret, string? retry = null)
    {
        var headers = new Dictionary<string, string> { [WebhookSignature.HeaderName] = WebhookSignature.Compute(secret, body) };
        if (retry is not null)
        {
            headers[WebhookFunction.RetryHeader] = retry;
        }
        return headers;
    }

    public async Task<HttpTestRequest.Executed> PostAsync(byte[] body, IDictionary<string, string>? headers, bool sendContentLength = true)
    {
        var request = HttpTestRequest.Create("POST", body, headers, sendContentLength);
        var executed = await HttpTestRequest.ExecuteAsync(await Function.Run(request, CancellationToken.None));
        await HttpTestRequest.CompleteAsync(request);
        return executed;
    }

    public Task<HttpTestRequest.Executed> PostSignedAsync(byte[] body, string? retry = null) => PostAsync(body, SignedHeaders(body, retry: retry));

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
