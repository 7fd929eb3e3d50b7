using System.Net;
using System.Text.Json;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Sandbox;

/// <summary>JSON Patch <c>test</c> and the preconditions of PATCH and PUT Contact/{id}, as the REST reference describes them.</summary>
public sealed class SandboxJsonPatchTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient api, HttpRequestMessage request)
    {
        using (request)
        using (var response = await api.SendAsync(request))
        {
            return (response.StatusCode, await SandboxFixture.JsonAsync(response));
        }
    }

    private static HttpRequestMessage JsonPatch(string path, string operations) => SandboxFixture.Patch(path, operations, "application/json-patch+json");

    [Fact]
    public async Task A_failed_test_answers_409_with_the_documented_error_body_and_keeps_nothing()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        var before = await SandboxFixture.JsonAsync(await api.GetAsync("Contact/4"));

        var (status, body) = await SendAsync(api, JsonPatch("Contact/4", """
            [{"op":"replace","path":"/Department","value":"Vorher"},
             {"op":"test","path":"/UserDefinedFields/SuperOffice:5","value":"Not what it holds"},
             {"op":"replace","path":"/UserDefinedFields/SuperOffice:5","value":"Software"}]
            """));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.True(body.GetProperty("Error").GetBoolean());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("ErrorType").GetString()));
        Assert.Contains("SuperOffice:5", body.GetProperty("ErrorMessage").GetString());
        Assert.True(body.TryGetProperty("ErrorSource", out _));
        var after = await SandboxFixture.JsonAsync(await api.GetAsync("Contact/4"));
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task A_test_of_a_path_the_contact_does_not_have_fails_even_for_null()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();

        var (status, _) = await SendAsync(api, JsonPatch("Contact/4", """
            [{"op":"test","path":"/UserDefinedFields/SuperOffice:99","value":null},{"op":"replace","path":"/Department","value":"X"}]
            """));

        Assert.Equal(HttpStatusCode.Conflict, status);
    }

    [Fact]
    public async Task Test_compares_as_RFC_6902_does_then_the_replace_is_kept()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        var before = await SandboxFixture.JsonAsync(await api.GetAsync("Contact/5"));
        var stored = before.GetProperty("UserDefinedFields").GetProperty("SuperOffice:5").GetString();

        // A number equals the same number however it is written, but not the string of it.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, JsonPatch("Contact/5", """[{"op":"test","path":"/ContactId","value":5.0}]"""))).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(api, JsonPatch("Contact/5", """[{"op":"test","path":"/ContactId","value":"5"}]"""))).Status);
        // Strings compare exactly: case and blanks count.
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(api, JsonPatch("Contact/5",
            $$"""[{"op":"test","path":"/userdefinedfields/SuperOffice:5","value":{{JsonSerializer.Serialize(stored + " ")}}}]"""))).Status);

        var (status, after) = await SendAsync(api, JsonPatch("Contact/5", $$"""
            [{"op":"test","path":"userdefinedfields/SuperOffice:5","value":{{JsonSerializer.Serialize(stored)}}},
             {"op":"replace","path":"/UserDefinedFields/SuperOffice:5","value":"Software"}]
            """));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Software", after.GetProperty("UserDefinedFields").GetProperty("SuperOffice:5").GetString());
    }

    [Fact]
    public async Task Put_with_an_If_Unmodified_Since_before_the_last_change_answers_412()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        var contact = await SandboxFixture.JsonAsync(await api.GetAsync("Contact/6"));
        var body = contact.GetRawText();

        using var stale = new HttpRequestMessage(HttpMethod.Put, "Contact/6") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        stale.Headers.IfUnmodifiedSince = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(api, stale)).Status);

        using var current = new HttpRequestMessage(HttpMethod.Put, "Contact/6") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        current.Headers.IfUnmodifiedSince = DateTimeOffset.UtcNow.AddMinutes(1);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, current)).Status);
    }
}
