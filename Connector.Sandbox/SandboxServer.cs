using System.Net;
using Connector.Sandbox.Admin;
using Connector.Sandbox.Api;
using Connector.Sandbox.Auth;
using Connector.Sandbox.CompanyExplorer;
using Connector.Sandbox.Hosting;
using Connector.Sandbox.Tenant;
using Connector.Sandbox.Webhooks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Connector.Sandbox;

/// <summary>
/// The sandbox on Kestrel at 127.0.0.1: SuperOffice login, tenant state, REST v1 and webhooks, the Company
/// Explorer stub, the admin endpoints and the page. Start it in-process from tests, or through Program.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private WebApplication? _app;

    private SandboxServer(SandboxOptions options)
    {
        Options = options;
        Store = new TenantStore(options, () => ApiBaseUrl.ToString());
        Tokens = new TokenIssuer(options, TimeProvider.System);
        Dispatcher = new WebhookDispatcher(options, Store);
        CompanyExplorer = new CompanyExplorerStub(options);
    }

    /// <summary>"http://127.0.0.1:{port}/".</summary>
    public Uri BaseUrl { get; private set; } = null!;
    /// <summary>"{BaseUrl}{ContextIdentifier}/api/"; REST v1 is under "{ApiBaseUrl}v1/".</summary>
    public Uri ApiBaseUrl { get; private set; } = null!;
    /// <summary>"{BaseUrl}companyexplorer" (no trailing slash); the stub answers POST "/api/enrich" below it.</summary>
    public Uri CompanyExplorerBaseUrl { get; private set; } = null!;

    public const string CompanyExplorerPath = "/companyexplorer";
    public SandboxOptions Options { get; }

    internal TenantStore Store { get; }
    internal TokenIssuer Tokens { get; }
    internal WebhookDispatcher Dispatcher { get; }
    internal CompanyExplorerStub CompanyExplorer { get; }
    internal RequestLog Requests { get; } = new();
    internal UdfLayoutVersions Layouts { get; } = new();

    /// <summary>Starts the sandbox; <see cref="SandboxOptions.Port"/> 0 takes a free loopback port.</summary>
    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        // No console lifetime: it would take over Ctrl+C and SIGTERM of whatever process hosts the sandbox (a test run).
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var server = new SandboxServer(options) { _app = app };
        server.Configure(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        // The port (and with it every URL the tenant reports) is known once Kestrel listens; handlers read the
        // URLs at request time.
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri($"http://127.0.0.1:{new Uri(address).Port}/");
        server.ApiBaseUrl = new Uri(server.BaseUrl, options.ContextIdentifier + "/api/");
        server.CompanyExplorerBaseUrl = new Uri(server.BaseUrl + CompanyExplorerPath.TrimStart('/'));
        return server;
    }

    private void Configure(WebApplication app)
    {
        SandboxMiddleware.Use(app, this);
        LoginEndpoints.Map(app, this);
        SuperOfficeApi.Map(app, this);
        CompanyExplorer.Map(app, CompanyExplorerPath);
        AdminApi.Map(app, this);
        UdefLayoutAdmin.Map(app, this);
    }

    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
        await Dispatcher.DisposeAsync();
    }
}
