using System.Reflection;
using System.Text.Json;
using Connector.Functions;
using Connector.Tests.Infrastructure;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Tests.Functions;

/// <summary>The Worker SDK's generated functions.metadata lists every [Function] with the bindings the host needs.</summary>
public sealed class FunctionsMetadataTests
{
    private static readonly string OutputFolder = Path.GetDirectoryName(typeof(Connector.Functions.WebhookFunction).Assembly.Location)!;

    private static Dictionary<string, JsonElement> Metadata()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputFolder, "functions.metadata")));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());
    }

    [Fact]
    public void Every_function_in_the_assembly_is_listed()
    {
        var declared = typeof(Connector.Functions.WebhookFunction).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
            .Where(n => n is not null)
            .Order()
            .ToArray();
        Assert.NotEmpty(declared);
        Assert.Equal(declared, Metadata().Keys.Order().ToArray());
    }

    [Theory]
    [InlineData("SuperOfficeWebhook", "httpTrigger", "route", "superoffice/webhook")]
    [InlineData("GetJob", "httpTrigger", "route", "jobs/{jobId}")]
    [InlineData("ReplayJob", "httpTrigger", "route", "jobs/{jobId}/replay")]
    [InlineData("ContactSync", "queueTrigger", "queueName", "contact-sync")]
    [InlineData("ProductReportTimer", "timerTrigger", "schedule", "%ProductReport:Schedule%")]
    [InlineData("ProductReportNow", "httpTrigger", "route", "reports/products")]
    [InlineData("WebhookWatchdog", "timerTrigger", "schedule", "%Webhook:WatchdogSchedule%")]
    public void Triggers_have_their_bindings(string function, string type, string property, string value)
    {
        var trigger = Metadata()[function].GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == type);
        Assert.Equal(value, trigger.GetProperty(property).GetString());
        if (type == "httpTrigger")
        {
            // Every HTTP function needs a function key (SuperOffice's target URL carries ?code=).
            Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
        }
    }

    [Fact]
    public void The_build_output_has_the_host_files()
    {
        Assert.True(File.Exists(Path.Combine(OutputFolder, "host.json")));
        Assert.True(File.Exists(Path.Combine(OutputFolder, "worker.config.json")));
        Assert.True(File.Exists(Path.Combine(OutputFolder, "extensions.json")));
        Assert.Equal(File.ReadAllText(RepositoryRoot.Combine("host.json")), File.ReadAllText(Path.Combine(OutputFolder, "host.json")));
    }

    [Fact]
    public void The_worker_knows_the_host_dequeue_limit()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")));
        var maxDequeue = hostJson.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32();
        Assert.Equal(ContactSyncFunction.MaxDequeueCount, maxDequeue);
    }
}
