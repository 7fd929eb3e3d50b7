using System.Text.Json;
using Azure.Storage.Queues;
using Connector.Core.Intake;
using Connector.Core.Storage;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Intake;

/// <summary>A message our code writes is one the queue trigger, configured by host.json, can read.</summary>
public sealed class QueueEncodingTests
{
    [Fact]
    public void Host_json_and_our_queue_clients_use_the_same_encoding()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")));
        var hostEncoding = hostJson.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("messageEncoding").GetString();
        var ours = StorageClients.MessageEncoding == QueueMessageEncoding.Base64 ? "base64" : "none";
        Assert.Equal(hostEncoding, ours);
    }

    [Fact]
    public void The_functions_build_output_carries_the_same_host_json()
    {
        var output = Path.Combine(Path.GetDirectoryName(typeof(Connector.Functions.WebhookFunction).Assembly.Location)!, "host.json");
        Assert.Equal(File.ReadAllText(RepositoryRoot.Combine("host.json")), File.ReadAllText(output));
    }

    [Fact]
    public void A_message_round_trips_through_the_trigger_s_json()
    {
        var message = new SyncMessage("job-1", 4711, "contact.created", DateTimeOffset.Parse("2026-11-20T07:50:50Z"), ["name"], 12, "Cust12345");
        var text = SyncQueue.Serialize(message);
        using var json = JsonDocument.Parse(text);
        Assert.Equal("job-1", json.RootElement.GetProperty("jobId").GetString());
        var back = SyncQueue.Deserialize(text);
        Assert.Equal(message with { Changes = back.Changes }, back);
        Assert.Equal(message.Changes, back.Changes);
    }
}
