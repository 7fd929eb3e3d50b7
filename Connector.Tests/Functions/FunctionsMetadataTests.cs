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
    [InlineData("JobRetention", "timerTrigger", "schedule", JobRetentionFunction.Schedule)]
    [InlineData("OpsSummary", "httpTrigger", "route", "ops/summary")]
    [InlineData("OpsJobs", "httpTrigger", "route", "ops/jobs")]
    [InlineData("OpsJob", "httpTrigger", "route", "ops/jobs/{jobId}")]
    [InlineData("OpsFailedJobs", "httpTrigger", "route", "ops/failed")]
    [InlineData("OpsReplay", "httpTrigger", "route", "ops/replay")]
    [InlineData("OpsWebhooks", "httpTrigger", "route", "ops/webhooks")]
    [InlineData("OpsEnableWebhook", "httpTrigger", "route", "ops/webhooks/{webhookId}/enable")]
    [InlineData("OpsReports", "httpTrigger", "route", "ops/reports")]
    [InlineData("OpsReportFile", "httpTrigger", "route", "ops/reports/{jobId}/files/{file}")]
    [InlineData("OpsSettings", "httpTrigger", "route", "ops/settings")]
    public void Triggers_have_their_bindings(string function, string type, string property, string value)
    {
        var trigger = Metadata()[function].GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == type);
        Assert.Equal(value, trigger.GetProperty(property).GetString());
        if (type == "httpTrigger")
        {
            // Every HTTP function with data needs a function key (SuperOffice's target URL carries ?code=).
            Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
        }
    }

    /// <summary>
    /// Only the operations page's static files go without a key (they hold no data; the page asks for the key and sends
    /// it as a header, so it never sits in an address).
    /// </summary>
    [Fact]
    public void Only_the_static_files_of_the_operations_page_are_anonymous()
    {
        var anonymous = Metadata().Where(f => f.Value.GetProperty("bindings").EnumerateArray()
                .Any(b => b.GetProperty("type").GetString() == "httpTrigger" && b.GetProperty("authLevel").GetString() != "Function"))
            .Select(f => f.Key).Order().ToArray();
        Assert.Equal(["OpsAsset", "OpsPage"], anonymous);
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
