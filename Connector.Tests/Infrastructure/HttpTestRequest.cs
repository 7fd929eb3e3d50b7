using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Connector.Tests.Infrastructure;

/// <summary>Builds ASP.NET Core requests for the HTTP function classes and executes their results.</summary>
public static class HttpTestRequest
{
    public static HttpRequest Create(string method, byte[]? body = null, IDictionary<string, string>? headers = null, bool sendContentLength = true)
    {
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseFeature>(new CompletingResponseFeature());
        context.Request.Method = method;
        context.Request.ContentType = "application/json; charset=utf-8";
        if (body is not null)
        {
            context.Request.Body = new MemoryStream(body);
            if (sendContentLength)
            {
                context.Request.ContentLength = body.Length;
            }
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Request.Headers[name] = value;
        }
        return context.Request;
    }

    /// <summary>What the host does once the response is sent: runs the callbacks registered with Response.OnCompleted.</summary>
    public static Task CompleteAsync(HttpRequest request) =>
        ((CompletingResponseFeature)request.HttpContext.Features.Get<IHttpResponseFeature>()!).CompleteAsync();

    public sealed record Executed(int StatusCode, string? ContentType, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }

    /// <summary>Writes the result to a fresh response, as the host would.</summary>
    public static async Task<Executed> ExecuteAsync(IActionResult result)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        return new Executed(context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(body.ToArray()));
    }
}
