using Connector.Core.Storage;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Cli;

/// <summary>
/// The CLI pointed at an in-process sandbox tenant and Azurite, with settings given only as environment variables
/// (so the configuration path is the real one) and storage names of its own.
/// </summary>
public sealed class CliSandbox : IAsyncDisposable
{
    public const string WebhookSecret = "cli-webhook-secret-0815";
    public const string FieldMap = "vertical=SuperOffice:5;summary=SuperOffice:6";

    private CliSandbox(SandboxFixture sandbox, Dictionary<string, string?> environment, StorageNames names, ServiceProvider storage)
    {
        Sandbox = sandbox;
        Environment = environment;
        Names = names;
        Storage = storage;
    }

    public SandboxFixture Sandbox { get; }
    public Dictionary<string, string?> Environment { get; }
    public StorageNames Names { get; }
    /// <summary>The connector's services on the same storage names as the CLI's, for seeding and checking storage.</summary>
    public ServiceProvider Storage { get; }
    public TempRepository Repository { get; } = new();

    public static async Task<CliSandbox> StartAsync(Action<Connector.Sandbox.SandboxOptions>? configure = null)
    {
        var sandbox = await SandboxFixture.StartAsync(configure);
        var server = sandbox.Server;
        var options = sandbox.Options;
        var names = TestServices.UniqueNames();
        var storage = await TestServices.CreateAsync(configure: s => s.AddSingleton(names));
        return new CliSandbox(sandbox, new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = await Azurite.GetConnectionStringAsync(),
            ["SuperOffice__Environment"] = "sod",
            ["SuperOffice__ContextIdentifier"] = options.ContextIdentifier,
            ["SuperOffice__ApiAssociateId"] = options.ApiAssociateId.ToString(),
            ["SuperOffice__ClientId"] = options.ClientId,
            ["SuperOffice__ClientSecret"] = options.ClientSecret,
            ["SuperOffice__RefreshToken"] = options.RefreshToken,
            ["SuperOffice__LoginBaseUrl"] = server.BaseUrl.ToString(),
            ["SuperOffice__ApiBaseUrl"] = server.ApiBaseUrl.ToString(),
            ["CompanyExplorer__BaseUrl"] = server.CompanyExplorerBaseUrl.ToString(),
            ["CompanyExplorer__ApiKey"] = options.CompanyExplorerApiKey,
            ["Webhook__Secret"] = WebhookSecret,
            ["Sync__FieldMap"] = FieldMap,
        }, names, storage);
    }

    public Task<CliRun> RunAsync(params string[] args) => CliRun.RunAsync(Repository.Root, Environment, Names, args);

    public async ValueTask DisposeAsync()
    {
        Repository.Dispose();
        await Storage.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
