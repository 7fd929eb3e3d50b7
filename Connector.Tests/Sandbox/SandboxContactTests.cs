using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Sandbox;

public sealed class SandboxContactTests
{
    private static async Task<JsonElement> SendAsync(HttpClient api, HttpRequestMessage request, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using (request)
        using (var response = await api.SendAsync(request))
        {
            var json = await SandboxFixture.JsonAsync(response);
            Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {json}");
            return json;
        }
    }

    private static string Udf(JsonElement contact, string progId) => contact.GetProperty("UserDefinedFields").GetProperty(progId).GetString()!;

    [Fact]
    public async Task Get_answers_the_documented_shape_with_a_flat_string_udf_map()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        var contact = await SandboxFixture.JsonAsync(await api.GetAsync("Contact/3"));

        Assert.Equal(3, contact.GetProperty("ContactId").GetInt32());
        Assert.False(string.IsNullOrEmpty(contact.GetProperty("Name").GetString()));
        Assert.Equal(0, contact.GetProperty("Deleted").GetInt32());
        Assert.True(contact.GetProperty("Country").TryGetProperty("TwoLetterISOCountry", out _));
        Assert.True(contact.GetProperty("Address").GetProperty("Postal").TryGetProperty("City", out _));
        var udfs = contact.GetProperty("UserDefinedFields");
        Assert.All(udfs.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        Assert.Matches(@"^\[I:\d+\]$", Udf(contact, "SuperOffice:4"));
        Assert.False(string.IsNullOrEmpty(Udf(contact, "SuperOffice:4:DisplayText")));
        Assert.Contains(Udf(contact, "SuperOffice:2"), new[] { "True", "False" });
        Assert.Matches(@"^(\[D:\d\d/\d\d/\d{4}\])?$", Udf(contact, "SuperOffice:3"));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("Contact/999999")).StatusCode);
    }

    [Fact]
    public async Task UdefLayout_lists_the_seed_fields()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        var layout = (await SandboxFixture.JsonAsync(await api.GetAsync("Contact/UdefLayout"))).EnumerateArray().ToList();
        Assert.Equal(8, layout.Count);
        var vertical = layout.Single(f => f.GetProperty("ProgId").GetString() == "SuperOffice:5");
        Assert.Equal("Branche (KI)", vertical.GetProperty("FieldLabel").GetString());
        Assert.Equal("ShortText", vertical.GetProperty("FieldType").GetString());
        Assert.Equal(40, vertical.GetProperty("TextLength").GetInt32());
        Assert.Equal("List", layout.Single(f => f.GetProperty("ProgId").GetString() == "SuperOffice:4").GetProperty("FieldType").GetString());
        foreach (var name in new[] { "UDefFieldId", "ColumnId", "FieldDefault", "UdefIdentity", "UDListDefinitionId", "MdoListName", "IsMandatory", "IsReadOnly", "HasBeenPublished", "TemplateVariableName" })
        {
            Assert.True(vertical.TryGetProperty(name, out _), name);
        }
    }

    [Fact]
    public async Task Merge_patch_changes_only_the_given_fields_and_records_the_api_user()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        var before = await SandboxFixture.JsonAsync(await api.GetAsync("Contact/4"));

        var after = await SendAsync(api, SandboxFixture.Patch("Contact/4",
            """{"Department":"Einkauf Nord","UserDefinedFields":{"SuperOffice:5":"Software"}}""", "application/merge-patch+json"));

        Assert.Equal("Einkauf Nord", after.GetProperty("Department").GetString());
        Assert.Equal("Software", Udf(after, "SuperOffice:5"));
        Assert.Equal(before.GetProperty("Name").GetString(), after.GetProperty("Name").GetString());
        Assert.Equal(Udf(before, "SuperOffice:1"), Udf(after, "SuperOffice:1"));
        Assert.Equal(528, after.GetProperty("UpdatedBy").GetProperty("AssociateId").GetInt32());
        Assert.NotEqual(before.GetProperty("UpdatedDate").GetString(), after.GetProperty("UpdatedDate").GetString());
    }

    [Fact]
    public async Task Json_patch_supports_add_replace_remove_and_test_with_case_insensitive_paths()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        var before = await SandboxFixture.JsonAsync(await api.GetAsync("Contact/5"));
        var name = before.GetProperty("Name").GetString();

        var after = await SendAsync(api, SandboxFixture.Patch("Contact/5", $$$"""
            [
              {"op":"test","path":"/Name","value":{{{JsonSerializer.Serialize(name)}}}},
              {"op":"replace","path":"department","value":"Zentrale"},
              {"op":"add","path":"/userdefinedfields/SuperOffice:6","value":"Kurze Zusammenfassung."},
              {"op":"add","path":"/Urls/-","value":{"Value":"https://example.org"}},
              {"op":"remove","path":"/OrgNr"}
            ]
            """, "application/json-patch+json"));

        Assert.Equal("Zentrale", after.GetProperty("Department").GetString());
        Assert.Equal("Kurze Zusammenfassung.", Udf(after, "SuperOffice:6"));
        Assert.Contains(after.GetProperty("Urls").EnumerateArray(), u => u.GetProperty("Value").GetString() == "https://example.org");
        Assert.Equal("", after.GetProperty("OrgNr").GetString());
    }

    [Fact]
    public async Task A_failed_test_operation_answers_409_and_changes_nothing()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        var before = await SandboxFixture.JsonAsync(await api.GetAsync("Contact/6"));

        await SendAsync(api, SandboxFixture.Patch("Contact/6",
            """[{"op":"test","path":"/Name","value":"Not the name"},{"op":"replace","path":"/Department","value":"X"}]"""),
            HttpStatusCode.Conflict);

        var after = await SandboxFixture.JsonAsync(await api.GetAsync("Contact/6"));
        Assert.Equal(before.GetProperty("Department").GetString(), after.GetProperty("Department").GetString());
        Assert.Equal(before.GetProperty("UpdatedDate").GetString(), after.GetProperty("UpdatedDate").GetString());
    }

    [Fact]
    public async Task If_Unmodified_Since_before_the_last_change_answers_412()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        var stale = SandboxFixture.Patch("Contact/7", """{"Department":"Alt"}""");
        stale.Headers.IfUnmodifiedSince = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await SendAsync(api, stale, HttpStatusCode.PreconditionFailed);

        var current = SandboxFixture.Patch("Contact/7", """{"Department":"Neu"}""");
        current.Headers.IfUnmodifiedSince = DateTimeOffset.UtcNow.AddMinutes(1);
        Assert.Equal("Neu", (await SendAsync(api, current)).GetProperty("Department").GetString());
    }

    [Fact]
    public async Task Move_and_unknown_udfs_are_refused_with_400()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        await SendAsync(api, SandboxFixture.Patch("Contact/2", """[{"op":"move","from":"/Name","path":"/Department"}]"""), HttpStatusCode.BadRequest);
        await SendAsync(api, SandboxFixture.Patch("Contact/2", """{"UserDefinedFields":{"Branche (KI)":"x"}}"""), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_bumps_nothing()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        var before = await SandboxFixture.JsonAsync(await api.GetAsync("Contact/8"));
        var same = JsonSerializer.Serialize(new { Department = before.GetProperty("Department").GetString(), UserDefinedFields = new Dictionary<string, string> { ["SuperOffice:1"] = Udf(before, "SuperOffice:1") } });
        var after = await SendAsync(api, SandboxFixture.Patch("Contact/8", same));
        Assert.Equal(before.GetProperty("UpdatedDate").GetString(), after.GetProperty("UpdatedDate").GetString());
        Assert.Equal(before.GetProperty("UpdatedBy").GetProperty("AssociateId").GetInt32(), after.GetProperty("UpdatedBy").GetProperty("AssociateId").GetInt32());
    }

    [Fact]
    public async Task Put_stores_the_entity_and_Post_creates_with_200()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        var contact = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>((await SandboxFixture.JsonAsync(await api.GetAsync("Contact/9"))).GetRawText())!;
        var udfs = JsonSerializer.Deserialize<Dictionary<string, string>>(contact["UserDefinedFields"].GetRawText())!;
        udfs["SuperOffice:5"] = "Construction";
        var body = contact.ToDictionary(p => p.Key, p => (object)p.Value);
        body["UserDefinedFields"] = udfs;
        body["Name"] = "Umbenannt GmbH";
        using var put = await api.PutAsJsonAsync("Contact/9", body);
        var stored = await SandboxFixture.JsonAsync(put);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Umbenannt GmbH", stored.GetProperty("Name").GetString());
        Assert.Equal("Construction", Udf(stored, "SuperOffice:5"));

        using var post = await api.PostAsJsonAsync("Contact", new { ContactId = 0, Name = "Neu Bau AG", OrgNr = "DE1", UserDefinedFields = new Dictionary<string, string> { ["SuperOffice:1"] = "K-1" } });
        var created = await SandboxFixture.JsonAsync(post);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.True(created.GetProperty("ContactId").GetInt32() > 20);
        Assert.Equal("K-1", Udf(created, "SuperOffice:1"));
        Assert.Equal("", Udf(created, "SuperOffice:5"));
    }

    [Fact]
    public async Task Product_families_and_current_principal_answer()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        var families = (await SandboxFixture.JsonAsync(await api.GetAsync("List/ProductFamily/Items"))).EnumerateArray().ToList();
        Assert.Contains(families, f => f.GetProperty("Name").GetString() == "Omnie");
        Assert.All(families, f => Assert.False(f.GetProperty("Deleted").GetBoolean()));
        var principal = await SandboxFixture.JsonAsync(await api.GetAsync("User/currentPrincipal"));
        Assert.Equal("Cust12345", principal.GetProperty("DatabaseContextIdentifier").GetString());
    }
}
