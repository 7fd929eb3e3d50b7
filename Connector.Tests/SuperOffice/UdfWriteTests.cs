using System.Net;
using System.Text.Json;
using Connector.Core.SuperOffice;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.SuperOffice;

/// <summary>UDF writes as JSON Patch with a test per field the decision relied on, against the sandbox over HTTP.</summary>
public sealed class UdfWriteTests
{
    /// <summary>Keeps the content type and body of every PATCH the client sends.</summary>
    private sealed class PatchRecorder : DelegatingHandler
    {
        public List<(string? ContentType, string Body)> Patches { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Patch)
            {
                Patches.Add((request.Content!.Headers.ContentType?.MediaType, await request.Content.ReadAsStringAsync(cancellationToken)));
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }

    private static async Task<(ClientHarness Harness, PatchRecorder Recorder)> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var recorder = new PatchRecorder();
        var harness = await ClientHarness.StartAsync(settings: settings,
            configure: s => s.AddHttpClient(SuperOfficeRegistration.ApiClientName).AddHttpMessageHandler(() => recorder));
        return (harness, recorder);
    }

    [Fact]
    public async Task A_write_is_a_json_patch_with_a_test_right_before_each_guarded_replace()
    {
        var (h, recorder) = await StartAsync();
        await using var _ = h;
        var before = await h.Client.GetContactAsync(9);
        var vertical = before.UserDefinedFields.Get("SuperOffice:5").Stored!;

        var answer = await h.Client.WriteUserDefinedFieldsAsync(9,
            [new UdfWrite("SuperOffice:5", "Software", Expected: vertical), new UdfWrite("SuperOffice:7", "12")]);

        Assert.Equal("Software", answer.UserDefinedFields.Get("SuperOffice:5").Text);
        var (contentType, body) = Assert.Single(recorder.Patches);
        Assert.Equal("application/json-patch+json", contentType);
        var operations = JsonDocument.Parse(body).RootElement.EnumerateArray()
            .Select(o => (o.GetProperty("op").GetString(), o.GetProperty("path").GetString(), o.GetProperty("value").GetString())).ToList();
        Assert.Equal(
        [
            ("test", "/UserDefinedFields/SuperOffice:5", vertical),
            ("replace", "/UserDefinedFields/SuperOffice:5", "Software"),
            ("replace", "/UserDefinedFields/SuperOffice:7", "12"),
        ], operations);
    }

    [Fact]
    public async Task A_failed_test_is_a_conflict_and_writes_nothing()
    {
        var (h, _) = await StartAsync();
        await using var __ = h;
        await h.Sandbox.AdminSendAsync(HttpMethod.Post, "contacts/10/edit", new { udfs = new Dictionary<string, string> { ["SuperOffice:5"] = "Von Hand" } });

        var conflict = await Assert.ThrowsAsync<SuperOfficeConflictException>(() => h.Client.WriteUserDefinedFieldsAsync(10,
            [new UdfWrite("SuperOffice:6", "Neu"), new UdfWrite("SuperOffice:5", "Software", Expected: "")]));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.False(conflict.IsTransient);
        var stored = (await h.Sandbox.AdminGetAsync("contacts/10")).GetProperty("UserDefinedFields");
        Assert.Equal("Von Hand", stored.GetProperty("SuperOffice:5").GetString());
        Assert.NotEqual("Neu", stored.GetProperty("SuperOffice:6").GetString());
        Assert.Single(await h.RequestsAsync("/v1/Contact/10"), r => r.GetProperty("method").GetString() == "PATCH");
    }

    [Fact]
    public async Task Put_mode_refuses_when_the_fresh_read_differs_and_puts_nothing()
    {
        var (h, _) = await StartAsync(new() { ["SuperOffice:UdfWriteMode"] = "Put" });
        await using var __ = h;
        await h.Sandbox.AdminSendAsync(HttpMethod.Post, "contacts/10/edit", new { udfs = new Dictionary<string, string> { ["SuperOffice:5"] = "Von Hand" } });
        await h.ClearRequestsAsync();

        await Assert.ThrowsAsync<SuperOfficeConflictException>(() => h.Client.WriteUserDefinedFieldsAsync(10, [new UdfWrite("SuperOffice:5", "Software", Expected: "")]));

        Assert.Equal("Von Hand", (await h.Sandbox.AdminGetAsync("contacts/10")).GetProperty("UserDefinedFields").GetProperty("SuperOffice:5").GetString());
        Assert.Equal(["GET"], (await h.RequestsAsync("/v1/Contact/10")).Select(r => r.GetProperty("method").GetString()));
    }

    [Fact]
    public async Task The_value_a_test_compares_is_the_string_the_contact_carried()
    {
        var udfs = UserDefinedFieldsReader.Read("""{"a":"","b":"[I:3]","c":null,"d":7,"e":["x"],"f":{"Value":"[I:2]"}}""");

        Assert.Equal(("", "[I:3]"), (udfs.Get("a").Stored, udfs.Get("b").Stored));
        Assert.All(["c", "d", "e", "f", "g"], key => Assert.Null(udfs.Get(key).Stored));
    }
}
