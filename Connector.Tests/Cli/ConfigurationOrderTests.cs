using Connector.Cli.Configuration;
using Connector.Core.Configuration;

namespace Connector.Tests.Cli;

/// <summary>
/// The CLI reads the app's settings in a fixed order, later winning: local.settings.json (root, else Connector.Functions/),
/// .env at the root, environment variables, --env-file, --set; then the prototype's SO_* names for settings still unset.
/// </summary>
public sealed class ConfigurationOrderTests : IDisposable
{
    private readonly TempRepository _repo = new();

    public void Dispose() => _repo.Dispose();

    private CliConfiguration Load(IReadOnlyDictionary<string, string?>? environment = null, string? envFile = null, params string[] overrides) =>
        CliConfigurationLoader.Load(new ConfigurationSources
        {
            WorkingDirectory = Path.Combine(_repo.Root, CliConfigurationLoader.FunctionsFolder),
            Environment = environment ?? new Dictionary<string, string?>(),
            EnvFile = envFile,
            Overrides = overrides,
        });

    [Fact]
    public void Each_later_source_wins_and_every_key_remembers_its_source()
    {
        var localSettings = _repo.WriteLocalSettings(new Dictionary<string, string>
        {
            ["SuperOffice__ClientId"] = "from-local",
            ["SuperOffice__Environment"] = "from-local",
            ["SuperOffice__ContextIdentifier"] = "from-local",
            ["SuperOffice__RedirectUri"] = "from-local",
            ["Webhook__Events"] = "from-local",
        });
        var dotEnv = _repo.Write(".env", "SuperOffice__Environment=from-dotenv\nSuperOffice__ContextIdentifier=from-dotenv\nSuperOffice__RedirectUri=from-dotenv\nWebhook__Events=from-dotenv\n");
        var envFile = _repo.Write("other.env", "SuperOffice__RedirectUri=from-env-file\nWebhook__Events=from-env-file\n");

        var configuration = Load(new Dictionary<string, string?>
        {
            ["SuperOffice__ContextIdentifier"] = "from-environment",
            ["SuperOffice__RedirectUri"] = "from-environment",
            ["Webhook__Events"] = "from-environment",
        }, envFile, "Webhook:Events=from-set");

        Assert.Equal(_repo.Root, configuration.RepositoryRoot);
        Assert.Equal("from-local", configuration["SuperOffice:ClientId"]);
        Assert.Equal("from-dotenv", configuration["SuperOffice:Environment"]);
        Assert.Equal("from-environment", configuration["SuperOffice:ContextIdentifier"]);
        Assert.Equal("from-env-file", configuration["SuperOffice:RedirectUri"]);
        Assert.Equal("from-set", configuration["Webhook:Events"]);

        Assert.Equal(new SettingOrigin("local.settings.json", localSettings), configuration.OriginOf("SuperOffice:ClientId"));
        Assert.Equal(new SettingOrigin(".env", dotEnv), configuration.OriginOf("SuperOffice:Environment"));
        Assert.Equal(new SettingOrigin("environment"), configuration.OriginOf("SuperOffice:ContextIdentifier"));
        Assert.Equal(new SettingOrigin("--env-file", envFile), configuration.OriginOf("SuperOffice:RedirectUri"));
        Assert.Equal(new SettingOrigin("--set"), configuration.OriginOf("Webhook:Events"));
        Assert.Null(configuration.OriginOf("SuperOffice:ClientSecret"));
    }

    [Fact]
    public void Local_settings_are_read_from_the_functions_folder_when_the_root_has_none()
    {
        var path = _repo.WriteLocalSettings(new Dictionary<string, string> { ["SuperOffice__ClientId"] = "functions-folder" }, CliConfigurationLoader.FunctionsFolder);
        var configuration = Load();
        Assert.Equal("functions-folder", configuration["SuperOffice:ClientId"]);
        Assert.Equal(path, configuration.OriginOf("SuperOffice:ClientId")!.File);
    }

    [Fact]
    public void The_root_local_settings_is_preferred_over_the_functions_folder()
    {
        _repo.WriteLocalSettings(new Dictionary<string, string> { ["SuperOffice__ClientId"] = "functions-folder" }, CliConfigurationLoader.FunctionsFolder);
        _repo.WriteLocalSettings(new Dictionary<string, string> { ["SuperOffice__ClientId"] = "root" });
        Assert.Equal("root", Load()["SuperOffice:ClientId"]);
    }

    [Fact]
    public void Prototype_names_fill_unset_settings_and_the_source_says_so()
    {
        _repo.Write(".env", "SO_CLIENT_SECRET=legacy-secret\nSO_API_ASSOCIATE_ID=77\n");
        var configuration = Load(new Dictionary<string, string?> { ["SuperOffice__ApiAssociateId"] = "528" });

        Assert.Equal("legacy-secret", configuration["SuperOffice:ClientSecret"]);
        Assert.Equal(new SettingOrigin(".env", Path.Combine(_repo.Root, ".env"), "SO_CLIENT_SECRET"), configuration.OriginOf("SuperOffice:ClientSecret"));
        // The new name wins, even from an earlier source.
        Assert.Equal("528", configuration["SuperOffice:ApiAssociateId"]);
        Assert.Equal("environment", configuration.OriginOf("SuperOffice:ApiAssociateId")!.Source);
    }

    [Fact]
    public void Dot_env_understands_comments_quotes_export_and_double_underscores()
    {
        var values = DotEnvFile.Parse("""
            # a comment

            export SO_CLIENT_ID=plain
            SuperOffice__ClientSecret="quoted # not a comment"
            Webhook__Secret='single $quoted'
            Sync__FieldMap=vertical=SuperOffice:5 # trailing comment
            CompanyExplorer__ApiKey="line\nbreak \"escaped\""
            Empty=
            """);
        Assert.Equal("plain", values["SO_CLIENT_ID"]);
        Assert.Equal("quoted # not a comment", values["SuperOffice:ClientSecret"]);
        Assert.Equal("single $quoted", values["Webhook:Secret"]);
        Assert.Equal("vertical=SuperOffice:5", values["Sync:FieldMap"]);
        Assert.Equal("line\nbreak \"escaped\"", values["CompanyExplorer:ApiKey"]);
        Assert.Equal("", values["Empty"]);
    }

    [Fact]
    public void A_malformed_dot_env_line_is_named()
    {
        var error = Assert.Throws<CliConfigurationException>(() => DotEnvFile.Parse("A=1\nthis is not a setting\n"));
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void A_missing_env_file_is_a_configuration_error()
    {
        var error = Assert.Throws<CliConfigurationException>(() => Load(envFile: "nope.env"));
        Assert.Contains("--env-file nope.env", error.Message);
    }

    [Fact]
    public void Broken_local_settings_json_is_named()
    {
        var path = _repo.Write(LocalSettingsConfigurationSource.FileName, "{ \"Values\": { \"A\": ");
        var error = Assert.Throws<CliConfigurationException>(() => Load());
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Without_a_solution_above_the_working_directory_is_the_root()
    {
        var lonely = Path.Combine(Path.GetTempPath(), "so-cli-lonely-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(lonely);
        try
        {
            Assert.Equal(lonely, CliConfigurationLoader.FindRepositoryRoot(lonely));
        }
        finally
        {
            Directory.Delete(lonely);
        }
    }
}
