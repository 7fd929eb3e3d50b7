using System.Text.RegularExpressions;

namespace Connector.Tests.Cli;

/// <summary><c>config show</c>: every setting, secrets masked, the source of each; usage errors exit 2 with one line.</summary>
public sealed class ConfigShowCommandTests : IDisposable
{
    private const string ClientSecret = "very-secret-client-value-42";
    private const string WebhookSecret = "whs";
    private const string AccountKey = "c2VjcmV0LWFjY291bnQta2V5LXZhbHVl";
    private readonly TempRepository _repo = new();

    public void Dispose() => _repo.Dispose();

    private Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        CliRun.RunAsync(_repo.Root, environment, null, args);

    private void WriteSettings()
    {
        _repo.WriteLocalSettings(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:1/devstoreaccount1;",
            ["SuperOffice__Environment"] = "sod",
            ["SuperOffice__ClientSecret"] = "overridden-later",
        });
        _repo.Write(".env", $"export SuperOffice__ClientSecret=\"{ClientSecret}\"\nSO_CONTEXT_IDENTIFIER=Cust777\n");
    }

    [Fact]
    public async Task Shows_every_setting_with_its_source_and_masks_secrets()
    {
        WriteSettings();
        var run = await RunAsync(new Dictionary<string, string?> { ["Webhook__Secret"] = WebhookSecret }, "config", "show", "--set", "Sync:MaxAttempts=7");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Error);
        var lines = run.Out.Split('\n').Select(l => l.TrimEnd()).ToList();
        string Row(string key) => lines.Single(l => l.StartsWith(key + " ", StringComparison.Ordinal));

        Assert.Matches(@"^SuperOffice:Environment\s+sod\s+local\.settings\.json$", Row("SuperOffice:Environment"));
        Assert.Matches(@"^SuperOffice:ClientSecret\s+ve…\(27 chars\)\s+\.env$", Row("SuperOffice:ClientSecret"));
        Assert.Matches(@"^SuperOffice:ContextIdentifier\s+Cust777\s+\.env as SO_CONTEXT_IDENTIFIER$", Row("SuperOffice:ContextIdentifier"));
        Assert.Matches(@"^Webhook:Secret\s+\*{8}\s+environment$", Row("Webhook:Secret"));
        Assert.Matches(@"^Sync:MaxAttempts\s+7\s+--set$", Row("Sync:MaxAttempts"));
        Assert.Matches(@"^Sync:RetryBaseDelaySeconds\s+\(default\) 30\s+default$", Row("Sync:RetryBaseDelaySeconds"));
        Assert.Matches(@"^SuperOffice:RefreshToken\s+\(not set\)\s+default$", Row("SuperOffice:RefreshToken"));
        Assert.Contains("AccountKey=********", Row("AzureWebJobsStorage"));
        Assert.Contains("AccountName=devstoreaccount1", Row("AzureWebJobsStorage"));
        Assert.Contains("Sources, later wins: local.settings.json", run.Out);

        Assert.DoesNotContain(ClientSecret, run.Out);
        Assert.DoesNotContain(AccountKey, run.Out);
        Assert.DoesNotContain("overridden-later", run.Out);
    }

    [Fact]
    public async Task Json_lists_every_setting_with_source_and_masked_value()
    {
        WriteSettings();
        var run = await RunAsync(new Dictionary<string, string?> { ["Webhook__Secret"] = WebhookSecret }, "config", "show", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(ClientSecret, run.Out);
        Assert.DoesNotContain(AccountKey, run.Out);
        var settings = run.Json.GetProperty("settings").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);

        var secret = settings["SuperOffice:ClientSecret"];
        Assert.True(secret.GetProperty("secret").GetBoolean());
        Assert.True(secret.GetProperty("isSet").GetBoolean());
        Assert.Equal("ve…(27 chars)", secret.GetProperty("value").GetString());
        Assert.Equal(".env", secret.GetProperty("source").GetString());
        Assert.Equal(Path.Combine(_repo.Root, ".env"), secret.GetProperty("file").GetString());

        Assert.Equal("SO_CONTEXT_IDENTIFIER", settings["SuperOffice:ContextIdentifier"].GetProperty("alias").GetString());
        Assert.Equal("********", settings["Webhook:Secret"].GetProperty("value").GetString());
        Assert.False(settings["SuperOffice:RefreshToken"].GetProperty("isSet").GetBoolean());
        Assert.Equal("FillEmpty", settings["Sync:Overwrite"].GetProperty("default").GetString());
        // Every setting of every options class is listed.
        foreach (var key in new[] { "AzureWebJobsStorage", "SuperOffice:ApiAssociateId", "Webhook:Events", "CompanyExplorer:ApiKey", "Sync:FieldMap" })
        {
            Assert.True(settings.ContainsKey(key), key);
        }
        Assert.Equal(_repo.Root, run.Json.GetProperty("repositoryRoot").GetString());
        // What the app would refuse at start-up is listed, without failing the command.
        var problems = run.Json.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains(problems, p => p.StartsWith("SuperOffice:ApiAssociateId is not set", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.StartsWith("SuperOffice:Environment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Problems_are_listed_in_the_cli_terms()
    {
        var run = await RunAsync(new Dictionary<string, string?>(), "config", "show");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Problems (the app would not start):", run.Out);
        Assert.Contains("Webhook:Secret is empty; set it to the secret of the SuperOffice webhook in local.settings.json, .env or Webhook__Secret", run.Out);
    }

    [Fact]
    public async Task The_http_settings_of_the_SuperOffice_clients_are_shown_and_checked_like_the_others()
    {
        var run = await RunAsync(new Dictionary<string, string?>(), "config", "show", "--set", "SuperOffice:Http:TotalTimeoutSeconds=900");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^SuperOffice:Http:TotalTimeoutSeconds\s+900\s+--set$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^SuperOffice:Http:MaxRetryAttempts\s+\(default\) 4\s+default$"));
        Assert.Contains("SuperOffice:Http:TotalTimeoutSeconds must be above 0 and at most 300", run.Out);
    }

    [Fact]
    public async Task Help_is_there_for_every_command()
    {
        string[][] commands =
        [
            [], ["config", "show"], ["jobs", "list"], ["jobs", "show"], ["jobs", "replay"], ["who-am-i"], ["create-company"],
            ["verify-enrichment"], ["debug-raw"], ["list-products"], ["sync"], ["webhook", "register"], ["webhook", "list"],
            ["webhook", "status"], ["webhook", "enable"], ["backfill"], ["report", "products"],
        ];
        foreach (var args in commands.Select(c => (string[])[.. c, "--help"]))
        {
            var run = await RunAsync(new Dictionary<string, string?>(), args);
            Assert.True(run.ExitCode == 0, string.Join(' ', args) + ": " + run);
            Assert.Contains("Usage:", run.Out);
        }
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("jobs")]
    [InlineData("jobs", "replay")]
    [InlineData("jobs", "replay", "abc", "--failed")]
    [InlineData("jobs", "list", "--status", "Bogus")]
    [InlineData("jobs", "list", "--since", "yesterday-ish")]
    [InlineData("jobs", "list", "--top", "0")]
    public async Task Bad_usage_exits_2_with_one_line(params string[] args)
    {
        var run = await RunAsync(new Dictionary<string, string?>(), args);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Out);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("--help", run.Error);
    }

    [Fact]
    public async Task A_missing_env_file_exits_2_naming_it()
    {
        var run = await RunAsync(new Dictionary<string, string?>(), "config", "show", "--env-file", "missing.env");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("--env-file missing.env does not exist; give the path of a KEY=VALUE file.", run.Error.Trim());
    }

    [Fact]
    public async Task A_bad_set_exits_2_naming_it()
    {
        var run = await RunAsync(new Dictionary<string, string?>(), "config", "show", "--set", "NoEquals");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("--set 'NoEquals' is not Section:Key=value", run.Error.Trim());
    }
}
