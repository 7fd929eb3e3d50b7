using System.Net;
using Connector.Sandbox.Admin;
using Connector.Sandbox.Api;
using Connector.Sandbox.Auth;
using Connector.Sandbox.CompanyExplorer;
using Connector.Sandbox.Hosting;
using Connector.Sandbox.Tenant;
using Connector.Sandbox.Webhooks;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Connector.Sandbox;

/// <summary>
/// The sandbox on Kestrel at 127.0.0.1: SuperOffice login, tenant state, REST v1 and webhooks, the Company
/// Explorer stub, the admin endpoints and the page. Start it in-process from tests, or through Program.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private WebApplication? _app;
    private Uri[] _endpoints = [];
    private volatile int _home;

    private SandboxServer(SandboxOptions options, TimeProvider time)
    {
        Options = options;
        Store = new TenantStore(options, () => ApiBaseUrl.ToString());
        Tokens = new TokenIssuer(options, time);
        Dispatcher = new WebhookDispatcher(options, Store);
        CompanyExplorer = new CompanyExplorerStub(options);
    }

    /// <summary>"http://127.0.0.1:{port}/": the login host, the admin endpoints and the page.</summary>
    public Uri BaseUrl { get; private set; } = null!;
    /// <summary>
    /// "{tenant host}{ContextIdentifier}/api/"; REST v1 is under "{ApiBaseUrl}v1/". The tenant host is <see cref="BaseUrl"/>
    /// until <see cref="MoveTenant"/> moves it to the sandbox's second port (and back).
    /// </summary>
    public Uri ApiBaseUrl => new(_endpoints[_home], Options.ContextIdentifier + "/api/");
    /// <summary>The issuer of id_tokens and the OpenID Connect metadata: the login host without a trailing slash.</summary>
    public string Issuer => BaseUrl.ToString().TrimEnd('/');
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
    public static Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, TimeProvider.System, cancellationToken);

    /// <summary>Starts the sandbox with its clock for tokens and tickets (a fake one in tests).</summary>
    public static async Task<SandboxServer> StartAsync(SandboxOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        // No console lifetime: it would take over Ctrl+C and SIGTERM of whatever process hosts the sandbox (a test run).
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        // A second port is the other "numbered host" a tenant can be moved to (POST /admin/tenant/move).
        ListenOptions? main = null, other = null;
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => main = listen);
            kestrel.Listen(IPAddress.Loopback, 0, listen => other = listen);
        });
        var app = builder.Build();
        var server = new SandboxServer(options, time) { _app = app };
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
        server._endpoints = [new Uri($"http://127.0.0.1:{main!.IPEndPoint!.Port}/"), new Uri($"http://127.0.0.1:{other!.IPEndPoint!.Port}/")];
        server.BaseUrl = server._endpoints[0];
        server.CompanyExplorerBaseUrl = new Uri(server.BaseUrl + CompanyExplorerPath.TrimStart('/'));
        return server;
    }

    /// <summary>
    /// Moves the tenant to the other port: its old address answers 421 from now on, the state API and new tokens name
    /// the new one. Returns the new API base.
    /// </summary>
    public Uri MoveTenant()
    {
        _home = 1 - _home;
        return ApiBaseUrl;
    }

    /// <summary>Whether a request reached the host the tenant lives on now.</summary>
    internal bool ReachedTenantHost(HttpContext context) => context.Connection.LocalPort == _endpoints[_home].Port;

    private void Configure(WebApplication app)
    {
        SandboxMiddleware.Use(app, this);
        LoginEndpoints.Map(app, this);
        SuperOfficeApi.Map(app, this);
        CompanyExplorer.Map(app, CompanyExplorerPath);
        AdminApi.Map(app, this);
        UdefLayoutAdmin.Map(app, this);
        AuthAdminApi.Map(app, this);
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
