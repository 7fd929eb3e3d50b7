using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Connector.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Infrastructure;

/// <summary>
/// Serves every HTTP function of Connector.Functions over HTTP on a free loopback port, as the Functions host would:
/// each <c>[HttpTrigger]</c> at <c>/api/{Route}</c> for its methods, the function class made from the connector's
/// services, route values bound to string parameters, and the host's key check: a function whose authorization level
/// is not <c>Anonymous</c> answers 401 (empty body) unless the request carries the function key in
/// <c>x-functions-key</c> or <c>?code=</c>. Core Tools cannot run here; this is the HTTP part of the host.
/// </summary>
public sealed class FunctionsTestHost : IAsyncDisposable
{
    public const string FunctionKey = "test-function-key-4c1f9e";
    public const string KeyHeader = "x-functions-key";

    private readonly WebApplication _app;

    private FunctionsTestHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>The webhook's address as SuperOffice is given it: with the function key in <c>?code=</c>.</summary>
    public Uri WebhookUrl => new(BaseUrl, "api/superoffice/webhook?code=" + FunctionKey);

    /// <summary>A client on <see cref="BaseUrl"/>; with <paramref name="withKey"/> it sends the function key as the host expects it.</summary>
    public HttpClient Client(bool withKey = true)
    {
        var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        if (withKey)
        {
            client.DefaultRequestHeaders.Add(KeyHeader, FunctionKey);
        }
        return client;
    }

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
        foreach (var function in HttpFunctions())
        {
            app.MapMethods("/api/" + function.Trigger.Route, function.Trigger.Methods!.Select(m => m.ToUpperInvariant()),
                (HttpContext context) => InvokeAsync(services, function, context));
        }
        await app.StartAsync();
        return new FunctionsTestHost(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Every HTTP-triggered function method of the Functions assembly with its trigger attribute.</summary>
    public static IReadOnlyList<(MethodInfo Method, HttpTriggerAttribute Trigger)> HttpFunctions() =>
        typeof(WebhookFunction).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .Select(m => (Method: m, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(f => f.Trigger is not null)
            .Select(f => (f.Method, f.Trigger!))
            .ToList();

    private static async Task InvokeAsync(IServiceProvider services, (MethodInfo Method, HttpTriggerAttribute Trigger) function, HttpContext context)
    {
        if (function.Trigger.AuthLevel != AuthorizationLevel.Anonymous && !HasKey(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        var target = ActivatorUtilities.CreateInstance(services, function.Method.DeclaringType!);
        var arguments = function.Method.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => context.Request,
            var t when t == typeof(CancellationToken) => (object)context.RequestAborted,
            var t when t == typeof(string) => context.GetRouteValue(p.Name!)?.ToString(),
            _ => throw new NotSupportedException($"The test host cannot bind {p.ParameterType.Name} {p.Name} of {function.Method.Name}."),
        }).ToArray();
        var result = function.Method.Invoke(target, arguments) switch
        {
            Task<IActionResult> task => await task,
            IActionResult answer => answer,
            var other => throw new NotSupportedException($"{function.Method.Name} returned {other?.GetType().Name}."),
        };
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
    }

    /// <summary>The host's check: the key in the header, else in <c>?code=</c>, compared in constant time.</summary>
    private static bool HasKey(HttpRequest request)
    {
        var given = request.Headers[KeyHeader].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        return given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(FunctionKey));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
