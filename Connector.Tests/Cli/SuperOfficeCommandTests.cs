using System.Text.Json;

namespace Connector.Tests.Cli;

/// <summary>The commands that talk to SuperOffice, against the sandbox tenant (and Azurite for jobs).</summary>
public sealed class SuperOfficeCommandTests : IAsyncLifetime
{
    private CliSandbox _cli = null!;

    public async Task InitializeAsync() => _cli = await CliSandbox.StartAsync();

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    private async Task<int> CreateCompanyAsync(string name, string? url = null, Dictionary<string, string>? udfs = null) =>
        (await _cli.Sandbox.AdminSendAsync(HttpMethod.Post, "contacts", new { name, url, udfs })).GetProperty("ContactId").GetInt32();

    [Fact]
    public async Task Who_am_i_shows_the_api_user_and_that_the_setting_matches()
    {
        var run = await _cli.RunAsync("who-am-i");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"Associate id\s+528", run.Out);
        Assert.Contains("Sandbox API", run.Out);
        Assert.Matches(@"User type\s+SystemAssociate", run.Out);
        Assert.Contains("SuperOffice:ApiAssociateId is 528: it matches.", run.Out);

        var json = await _cli.RunAsync("who-am-i", "--json");
        Assert.Equal(528, json.Json.GetProperty("associateId").GetInt32());
        Assert.True(json.Json.GetProperty("matches").GetBoolean());
        Assert.Equal("Cust12345", json.Json.GetProperty("tenant").GetString());
    }

    [Fact]
    public async Task Who_am_i_says_what_to_set_when_the_id_is_wrong_or_missing()
    {
        var wrong = await _cli.RunAsync("who-am-i", "--set", "SuperOffice:ApiAssociateId=77");
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("Set SuperOffice:ApiAssociateId=528", wrong.Error);
        Assert.Single(wrong.Error.TrimEnd().Split('\n'));

        _cli.Environment.Remove("SuperOffice__ApiAssociateId");
        var missing = await _cli.RunAsync("who-am-i", "--json");
        Assert.Equal(1, missing.ExitCode);
        Assert.False(missing.Json.GetProperty("matches").GetBoolean());
        Assert.Contains("it is not set", missing.Error);
    }

    [Fact]
    public async Task A_missing_secret_is_named_and_exits_2()
    {
        _cli.Environment.Remove("SuperOffice__ClientSecret");
        var run = await _cli.RunAsync("who-am-i");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("SuperOffice:ClientSecret is empty;", run.Error);
        Assert.Contains("SuperOffice__ClientSecret", run.Error);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Create_company_creates_it_and_prints_its_id()
    {
        var run = await _cli.RunAsync("create-company", "--orgnr", "DE123", "--url", "https://abenteuer.example", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var id = run.Json.GetProperty("contactId").GetInt32();
        var stored = await _cli.Sandbox.AdminGetAsync($"contacts/{id}");
        Assert.Equal("Bremer Abenteuerland", stored.GetProperty("Name").GetString());
        Assert.Equal("DE123", stored.GetProperty("OrgNr").GetString());

        var text = await _cli.RunAsync("create-company", "--name", "Holzbau Nord");
        Assert.Matches(@"^Created company \d+ ""Holzbau Nord""\.", text.Out);
    }

    [Fact]
    public async Task List_products_shows_the_product_families()
    {
        var run = await _cli.RunAsync("list-products");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"1\s+Omnie\s+no", run.Out);
        Assert.Contains("5 product families.", run.Out);

        var json = await _cli.RunAsync("list-products", "--json");
        Assert.Equal(["Omnie", "Sensoren", "Service", "Lizenzen", "Schulung"], json.Json.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Debug_raw_saves_the_answer_exactly_as_returned()
    {
        var id = await CreateCompanyAsync("Rohdaten GmbH");
        var run = await _cli.RunAsync("debug-raw", id.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        var file = Path.Combine(_cli.Repository.Root, "raw_api_response.json");
        Assert.Contains(file, run.Out);

        using var api = await _cli.Sandbox.ApiClientAsync();
        var direct = await api.GetStringAsync($"Contact/{id}");
        Assert.Equal(direct, await File.ReadAllTextAsync(file));

        var stdout = await _cli.RunAsync("debug-raw", id.ToString(), "--out", "-");
        Assert.Equal(direct, stdout.Out);

        var missing = await _cli.RunAsync("debug-raw", "999999");
        Assert.Equal(1, missing.ExitCode);
        Assert.Single(missing.Error.TrimEnd().Split('\n'));

        var badEntity = await _cli.RunAsync("debug-raw", id.ToString(), "--entity", "person");
        Assert.Equal(2, badEntity.ExitCode);
    }

    [Fact]
    public async Task Verify_enrichment_lists_each_mapped_field_and_fails_when_one_is_missing()
    {
        var enriched = await CreateCompanyAsync("Freizeit Nord", udfs: new() { ["SuperOffice:5"] = "Leisure", ["SuperOffice:6"] = "A leisure company." });
        var ok = await _cli.RunAsync("verify-enrichment", enriched.ToString());
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Matches(@"vertical\s+SuperOffice:5\s+Branche \(KI\)\s+Leisure", ok.Out);

        var half = await CreateCompanyAsync("Halb GmbH", udfs: new() { ["SuperOffice:5"] = "Retail" });
        var run = await _cli.RunAsync("verify-enrichment", half.ToString(), "--json");
        Assert.Equal(1, run.ExitCode);
        var fields = run.Json.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("source").GetString()!, f => f.GetProperty("status").GetString());
        Assert.Equal("ok", fields["vertical"]);
        Assert.Equal("missing", fields["summary"]);
        Assert.Contains("summary (SuperOffice:6) is missing", run.Error);
    }

    [Fact]
    public async Task Verify_enrichment_works_on_the_malformed_udf_tenant()
    {
        var id = await CreateCompanyAsync("Kaputt AG", udfs: new() { ["SuperOffice:5"] = "Leisure", ["SuperOffice:6"] = "Summary." });
        await _cli.Sandbox.SetFaultsAsync(new { malformedUdfs = true });
        var run = await _cli.RunAsync("verify-enrichment", id.ToString(), "--json");
        // The other UDFs arrive as objects, arrays, numbers and null; the mapped text fields are still read.
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(id, run.Json.GetProperty("contactId").GetInt32());
        var values = run.Json.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("source").GetString()!, f => f.GetProperty("value").GetString());
        Assert.Equal("Leisure", values["vertical"]);
        Assert.Equal("Summary.", values["summary"]);

        var text = await _cli.RunAsync("verify-enrichment", id.ToString());
        Assert.Matches(@"summary\s+SuperOffice:6\s+Zusammenfassung \(KI\)\s+Summary\.", text.Out);
    }
}
