using System.Globalization;
using Connector.Sandbox.Auth;
using Connector.Sandbox.Tenant;

namespace Connector.Sandbox.Hosting;

/// <summary>
/// The request pipeline in front of the endpoints: the request log, the tenant's address (421 at an old one), the
/// fault switches (latency, tenant state, 429 share, 500 share), authentication of REST calls, and ApiError answers.
/// </summary>
public static class SandboxMiddleware
{
    public static void Use(WebApplication app, SandboxServer server)
    {
        var options = server.Options;
        var apiPrefix = "/" + options.ContextIdentifier + "/api";

        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "";
            var isApi = path.StartsWith(apiPrefix, StringComparison.OrdinalIgnoreCase);
            var isLogin = path.StartsWith("/login/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/api/state/", StringComparison.OrdinalIgnoreCase);
            var isCompanyExplorer = path.StartsWith("/companyexplorer/", StringComparison.OrdinalIgnoreCase);
            var logged = isApi || isLogin || isCompanyExplorer;
            var delayedMs = 0;
            try
            {
                if ((isApi || isLogin) && options.LatencyMs > 0)
                {
                    delayedMs = options.LatencyMs;
                    await Task.Delay(delayedMs, context.RequestAborted);
                }
                var refusal = isApi ? Refuse(context, server) : null;
                if (refusal is not null)
                {
                    await refusal.ExecuteAsync(context);
                }
                else
                {
                    await next(context);
                }
            }
            catch (ApiError e) when (!context.Response.HasStarted)
            {
                await e.ToResult().ExecuteAsync(context);
            }
            finally
            {
                if (logged)
                {
                    server.Requests.Add(new RequestLogEntry(
                        context.Request.Method, path, context.Request.QueryString.Value ?? "", context.Response.StatusCode,
                        AuthScheme(context.Request), DateTimeOffset.UtcNow, context.Request.Host.Value, delayedMs));
                }
            }
        });
    }

    /// <summary>The answer that stops a REST call before its endpoint, or null to go on.</summary>
    private static IResult? Refuse(HttpContext context, SandboxServer server)
    {
        var options = server.Options;
        if (!server.ReachedTenantHost(context))
        {
            // The tenant moved: its old address answers 421 Misdirected Request, "Wrong subdomain used to access tenant"
            // (check-status page). The body uses the sandbox's error shape (UNCONFIRMED).
            return new ApiError(421, "MisdirectedRequest", "Wrong subdomain used to access tenant").ToResult();
        }
        if (!LoginEndpoints.IsRunning(options.TenantState))
        {
            // Suspended / OfflineMaintenance: the APIs are not available (docs/superoffice/tenant-address.md). UNCONFIRMED status: 503.
            return new ApiError(503, "TenantUnavailable", $"Tenant {options.ContextIdentifier} is {options.TenantState}.").ToResult();
        }
        if (options.ThrottleShare > 0 && Random.Shared.NextDouble() < options.ThrottleShare)
        {
            // UNCONFIRMED: SuperOffice documents no 429; the sandbox throttles so clients prove they honour Retry-After.
            context.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return new ApiError(429, "TooManyRequests", "Too many requests (sandbox fault switch ThrottleShare).").ToResult();
        }
        if (options.ServerErrorShare > 0 && Random.Shared.NextDouble() < options.ServerErrorShare)
        {
            return new ApiError(500, "SoException", "Internal server error (sandbox fault switch ServerErrorShare).").ToResult();
        }
        if (context.Request.Path.Equals(server.ApiBaseUrl.AbsolutePath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            return null; // the version document needs no credentials
        }
        var (caller, scheme, problem) = server.Tokens.Authenticate(context.Request);
        if (caller is null)
        {
            context.Response.Headers.WWWAuthenticate = $"{scheme} error=\"invalid_token\", error_description=\"{problem}\"";
            return new ApiError(401, "Unauthorized", problem).ToResult();
        }
        context.Items[typeof(Caller)] = caller;
        return null;
    }

    private static string? AuthScheme(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "Bearer";
        }
        return header.StartsWith("SOTicket ", StringComparison.OrdinalIgnoreCase) ? "SOTicket" : null;
    }
}
