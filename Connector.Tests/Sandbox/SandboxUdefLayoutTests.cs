using System.Net;
using System.Text.Json;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Sandbox;

/// <summary>The current and the published contact UDF layout, and the admin switches that make them differ.</summary>
public sealed class SandboxUdefLayoutTests
{
    private static async Task<Dictionary<string, JsonElement>> LayoutAsync(HttpClient api, string path) =>
        (await SandboxFixture.JsonAsync(await api.GetAsync(path))).EnumerateArray().ToDictionary(f => f.GetProperty("ProgId").GetString()!);

    private static string Label(Dictionary<string, JsonElement> layout, string progId) => layout[progId].GetProperty("FieldLabel").GetString()!;

    [Fact]
    public async Task An_unpublished_edit_shows_in_the_current_layout_only_and_contacts_do_not_hold_a_new_field()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        var current = await LayoutAsync(api, "Contact/UdefLayout");
        var published = await LayoutAsync(api, "Contact/UdefLayout/Published");
        Assert.Equal(current.Keys, published.Keys);
        Assert.All(published.Values, f => Assert.True(f.GetProperty("HasBeenPublished").GetBoolean()));

        await sandbox.AdminSendAsync(HttpMethod.Put, "udeflayout/current", new { progId = "SuperOffice:5", label = "Branche" });
        await sandbox.AdminSendAsync(HttpMethod.Put, "udeflayout/current", new { progId = "SuperOffice:9", label = "Firmengröße (KI)", fieldType = "ShortText", textLength = 20 });

        current = await LayoutAsync(api, "Contact/UdefLayout");
        published = await LayoutAsync(api, "Contact/UdefLayout/Published");
        Assert.Equal("Branche", Label(current, "SuperOffice:5"));
        Assert.Equal("Branche (KI)", Label(published, "SuperOffice:5"));
        Assert.False(current["SuperOffice:9"].GetProperty("HasBeenPublished").GetBoolean());
        Assert.DoesNotContain("SuperOffice:9", published.Keys);
        var contact = await SandboxFixture.JsonAsync(await api.GetAsync("Contact/3"));
        Assert.False(contact.GetProperty("UserDefinedFields").TryGetProperty("SuperOffice:9", out _));
        using var write = await api.SendAsync(SandboxFixture.Patch("Contact/3", """{"UserDefinedFields":{"SuperOffice:9":"klein"}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, write.StatusCode);

        // The sandbox's contacts hold the seed's fields only, so it says so rather than publish a field no contact stores.
        using var publish = await sandbox.Http.PostAsync("admin/udeflayout/publish", null);
        Assert.Equal(HttpStatusCode.Conflict, publish.StatusCode);
        Assert.Contains("SuperOffice:9", await publish.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Publishing_makes_the_current_layout_the_published_one_with_new_field_ids()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        var before = await LayoutAsync(api, "Contact/UdefLayout/Published");
        await sandbox.AdminSendAsync(HttpMethod.Put, "udeflayout/current", new { progId = "SuperOffice:6", label = "Kurzprofil (KI)" });

        await sandbox.AdminSendAsync(HttpMethod.Post, "udeflayout/publish");

        var after = await LayoutAsync(api, "Contact/UdefLayout/Published");
        Assert.Equal("Kurzprofil (KI)", Label(after, "SuperOffice:6"));
        Assert.Equal("Kurzprofil (KI)", Label(await LayoutAsync(api, "Contact/UdefLayout"), "SuperOffice:6"));
        Assert.All(after, f =>
        {
            Assert.NotEqual(before[f.Key].GetProperty("UDefFieldId").GetInt32(), f.Value.GetProperty("UDefFieldId").GetInt32());
            Assert.Equal(before[f.Key].GetProperty("UdefIdentity").GetInt32(), f.Value.GetProperty("UdefIdentity").GetInt32());
        });
    }
}
