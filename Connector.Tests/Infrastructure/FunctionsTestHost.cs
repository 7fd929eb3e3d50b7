using System.Net;
using Connector.Core.Intake;
using Connector.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Infrastructure;

/// <summary>
/// Serves the real <see cref="WebhookFunction"/> over HTTP on a free loopback port, as the Functions host would,
/// so the sandbox can deliver webhooks to it. Core Tools cannot run here; this is the HTTP part of the host.
/// </summary>
public sealed class FunctionsTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FunctionsTestHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }
    public Uri WebhookUrl => new(BaseUrl, "api/superoffice/webhook");

    /// <summary>The webhook URL a host started on <paramref name="port"/> serves, for settings made before it starts.</summary>
    public static Uri WebhookUrlFor(int port) => new($"http://127.0.0.1:{port}/api/superoffice/webhook");

    /// <param name="port">A free loopback port chosen before (e.g. for <c>Webhook:TargetUrl</c>); 0 picks one.</param>
    public static async Task<FunctionsTestHost> StartAsync(IServiceProvider services, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        port = port == 0 ? Azurite.FreePort() : port;
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var function = new WebhookFunction(services.GetRequiredService<WebhookIntake>(), services.GetRequiredService<ILogger<WebhookFunction>>());
        app.MapPost("/api/superoffice/webhook", async (HttpContext context) =>
        {
            var result = await function.Run(context.Request, context.RequestAborted);
            await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        });
        await app.StartAsync();
        return new FunctionsTestHost(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
