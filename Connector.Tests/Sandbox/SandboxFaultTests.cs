using System.Net;
using System.Text.Json;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Sandbox;

public sealed class SandboxFaultTests
{
    [Fact]
    public async Task Malformed_udfs_mix_objects_arrays_nulls_and_numbers_while_patches_still_store_strings()
    {
        await using var sandbox = await SandboxFixture.StartAsync(o => o.MalformedUdfs = true);
        using var api = await sandbox.ApiClientAsync();
        var udfs = (await SandboxFixture.JsonAsync(await api.GetAsync("Contact/3"))).GetProperty("UserDefinedFields");

        var kinds = udfs.EnumerateObject().Select(p => p.Value.ValueKind).ToHashSet();
        Assert.Contains(JsonValueKind.Object, kinds);
        Assert.Contains(JsonValueKind.Array, kinds);
        Assert.Contains(JsonValueKind.Null, kinds);
        Assert.Contains(JsonValueKind.Number, kinds);
        var region = udfs.GetProperty("SuperOffice:4");
        Assert.Matches(@"^\[I:\d\]$", region.GetProperty("Value").GetString());
        Assert.False(string.IsNullOrEmpty(region.GetProperty("DisplayText").GetString()));
        Assert.Throws<InvalidOperationException>(() => udfs.EnumerateObject().Select(p => p.Value.GetString()).ToList());

        using var patch = await api.SendAsync(SandboxFixture.Patch("Contact/3", """{"UserDefinedFields":{"SuperOffice:5":"Software","SuperOffice:7":42}}"""));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var stored = (await sandbox.AdminGetAsync("contacts/3")).GetProperty("UserDefinedFields");
        Assert.All(stored.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        Assert.Equal("Software", stored.GetProperty("SuperOffice:5").GetString());
        Assert.Equal("42", stored.GetProperty("SuperOffice:7").GetString());

        await sandbox.SetFaultsAsync(new { malformedUdfs = false });
        var wellFormed = (await SandboxFixture.JsonAsync(await api.GetAsync("Contact/3"))).GetProperty("UserDefinedFields");
        Assert.All(wellFormed.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
    }

    [Fact]
    public async Task A_throttle_share_of_1_answers_429_with_Retry_After_and_0_lets_calls_through()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        await sandbox.SetFaultsAsync(new { throttleShare = 1.0, retryAfterSeconds = 7 });
        using var throttled = await api.GetAsync("Contact/1");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), throttled.Headers.RetryAfter?.Delta);

        await sandbox.SetFaultsAsync(new { throttleShare = 0.0 });
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("Contact/1")).StatusCode);
    }

    [Fact]
    public async Task A_share_of_server_errors_answers_500()
    {
        await using var sandbox = await SandboxFixture.StartAsync(o => o.ServerErrorShare = 1);
        using var api = await sandbox.ApiClientAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, (await api.GetAsync("Contact/1")).StatusCode);
        await sandbox.SetFaultsAsync(new { serverErrorShare = 0.0 });
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("Contact/1")).StatusCode);
    }

    [Fact]
    public async Task Quote_endpoints_fail_with_500_while_Quote500_is_on()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, (await api.GetAsync("Quote/1")).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await api.GetAsync("Quote/Lines/1")).StatusCode);
        await sandbox.SetFaultsAsync(new { quote500 = false });
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("Quote/1")).StatusCode);
    }

    [Fact]
    public async Task Latency_is_added_to_every_api_call()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        await sandbox.SetFaultsAsync(new { latencyMs = 400 });
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("Contact/1")).StatusCode);
        await sandbox.SetFaultsAsync(new { latencyMs = 0 });
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("Contact/2")).StatusCode);

        // The request log says what the switch held each call back by.
        var requests = await sandbox.RequestsAsync();
        Assert.Equal(400, Assert.Single(requests, r => r.GetProperty("path").GetString()!.EndsWith("/Contact/1")).GetProperty("delayedMs").GetInt32());
        Assert.Equal(0, Assert.Single(requests, r => r.GetProperty("path").GetString()!.EndsWith("/Contact/2")).GetProperty("delayedMs").GetInt32());
    }

    [Fact]
    public async Task Offline_maintenance_shows_in_the_state_api_and_stops_the_rest_api()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        var running = await SandboxFixture.JsonAsync(await sandbox.Http.GetAsync("api/state/Cust12345"));
        Assert.True(running.GetProperty("IsRunning").GetBoolean());
        Assert.Equal(sandbox.Server.ApiBaseUrl.ToString().TrimEnd('/'), running.GetProperty("Api").GetString());

        var faults = await sandbox.SetFaultsAsync(new { tenantState = "OfflineMaintenance" });
        Assert.Equal("OfflineMaintenance", faults.GetProperty("tenantState").GetString());
        var state = await SandboxFixture.JsonAsync(await sandbox.Http.GetAsync("api/state/Cust12345"));
        Assert.Equal("OfflineMaintenance", state.GetProperty("State").GetString());
        Assert.False(state.GetProperty("IsRunning").GetBoolean());
        Assert.True(state.TryGetProperty("ValidUntil", out _));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.GetAsync("Contact/1")).StatusCode);

        await sandbox.SetFaultsAsync(new { tenantState = "OnlineMaintenance" });
        Assert.True((await SandboxFixture.JsonAsync(await sandbox.Http.GetAsync("api/state/Cust12345"))).GetProperty("IsRunning").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("Contact/1")).StatusCode);
    }

    [Fact]
    public async Task Faults_read_back_as_set()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var defaults = await sandbox.AdminGetAsync("faults");
        Assert.False(defaults.GetProperty("malformedUdfs").GetBoolean());
        Assert.True(defaults.GetProperty("quote500").GetBoolean());
        await sandbox.SetFaultsAsync(new { malformedUdfs = true, latencyMs = 5 });
        var changed = await sandbox.AdminGetAsync("faults");
        Assert.True(changed.GetProperty("malformedUdfs").GetBoolean());
        Assert.Equal(5, changed.GetProperty("latencyMs").GetInt32());
        Assert.True(changed.GetProperty("quote500").GetBoolean());
        Assert.Equal("Running", changed.GetProperty("tenantState").GetString());
    }
}
