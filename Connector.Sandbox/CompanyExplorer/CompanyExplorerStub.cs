using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.CompanyExplorer;

/// <summary>Switches of the stub, set through <c>PUT /admin/companyexplorer</c>.</summary>
public sealed class CompanyExplorerSettings
{
    /// <summary>The first n calls per contact answer 202 {"status":"pending"} with Retry-After.</summary>
    public int PendingCount { get; set; }
    /// <summary>0 = answer normally; 404, 422 or 500 = every call fails with that status.</summary>
    public int FailStatus { get; set; }
    public int RetryAfterSeconds { get; set; } = 1;
    /// <summary>Share of calls that fail with 503 (a Company Explorer having a bad moment).</summary>
    public double FailShare { get; set; }
    /// <summary>Share of calls held <see cref="HangMs"/> before they are answered (longer than the client waits: a timeout).</summary>
    public double HangShare { get; set; }
    public int HangMs { get; set; } = 5000;
}

/// <summary>
/// The Company Explorer stub: <c>POST {CompanyExplorerBaseUrl}/api/enrich</c> with <c>X-Api-Key</c>, enriching
/// deterministically from the company's name and URL (a keyword table for the vertical, a one-sentence summary).
/// </summary>
public sealed class CompanyExplorerStub(SandboxOptions options)
{
    public const string Version = "stub-1";

    private static readonly (string[] Keywords, string Vertical)[] Verticals =
    [
        (["Abenteuer", "Freizeit", "Reisen", "Tourism"], "Leisure"),
        (["Bau", "Holz"], "Construction"),
        (["Tech", "Soft", "Data", "Elektro"], "Software"),
        (["Logistik", "Marine", "Transport"], "Logistics"),
        (["Maschinenbau", "Medizintechnik"], "Manufacturing"),
        (["Handel"], "Retail"),
        (["Consulting"], "Professional Services"),
        (["Energi", "Energie"], "Energy"),
    ];

    public CompanyExplorerSettings Settings { get; } = new();

    public ConcurrentDictionary<int, int> Calls { get; } = new();

    private int _failed;
    private int _failCalls;
    private int _hangCalls;
    private int _hung;
    private int _pending;

    /// <summary>What the fault switches did so far: calls failed by <c>FailShare</c>, held by <c>HangShare</c>, answered 202.</summary>
    public object Faults => new { failed = Volatile.Read(ref _failed), hung = Volatile.Read(ref _hung), pending = Volatile.Read(ref _pending) };

    public static string VerticalOf(string name, string url) =>
        Verticals.FirstOrDefault(v => v.Keywords.Any(k => name.Contains(k, StringComparison.OrdinalIgnoreCase) || url.Contains(k, StringComparison.OrdinalIgnoreCase))).Vertical
        ?? "Other";

    public static string SummaryOf(string name, string url, string vertical)
    {
        var summary = string.IsNullOrEmpty(url)
            ? $"{name} is a company in the {vertical} sector."
            : $"{name} is a company in the {vertical} sector; see {url}.";
        return summary.Length <= 300 ? summary : summary[..297] + "...";
    }

    public void Map(WebApplication app, string basePath)
    {
        app.MapPost(basePath + "/api/enrich", async (HttpRequest request) =>
        {
            if (request.Headers["X-Api-Key"].ToString() != options.CompanyExplorerApiKey)
            {
                return Results.Json(new { error = "invalid_api_key" }, statusCode: 401);
            }
            JsonObject? body;
            try
            {
                body = await JsonNode.ParseAsync(request.Body) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }
            if (body is null || !TryInt(body["contactId"], out var contactId))
            {
                return Results.Json(new { error = "invalid_request", message = "A JSON body with contactId is required." }, statusCode: 400);
            }
            var count = Calls.AddOrUpdate(contactId, 1, (_, n) => n + 1);
            var settings = Settings;
            if (settings.FailStatus != 0)
            {
                return Results.Json(new { error = "stub_failure", status = settings.FailStatus }, statusCode: settings.FailStatus);
            }
            if (Strikes(ref _failCalls, settings.FailShare))
            {
                Interlocked.Increment(ref _failed);
                return Results.Json(new { error = "stub_unavailable", status = 503 }, statusCode: 503);
            }
            if (Strikes(ref _hangCalls, settings.HangShare))
            {
                Interlocked.Increment(ref _hung);
                await Task.Delay(settings.HangMs, request.HttpContext.RequestAborted);
            }
            if (count <= settings.PendingCount)
            {
                Interlocked.Increment(ref _pending);
                request.HttpContext.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Results.Json(new { status = "pending" }, statusCode: 202);
            }
            var name = body["name"]?.ToString() ?? "";
            var url = body["urls"] is JsonArray urls && urls.Count > 0 ? urls[0]?.ToString() ?? "" : "";
            var vertical = VerticalOf(name, url);
            return Results.Json(new { fields = new { vertical, summary = SummaryOf(name, url, vertical) }, version = Version });
        });
    }

    /// <summary>Exactly that share of the calls, spread evenly (the n-th call strikes when n × share passes a whole number), so a short run sees it too.</summary>
    private static bool Strikes(ref int calls, double share)
    {
        if (share <= 0)
        {
            return false;
        }
        var n = Interlocked.Increment(ref calls);
        return Math.Floor(n * share) > Math.Floor((n - 1) * share);
    }

    private static bool TryInt(JsonNode? node, out int value)
    {
        value = 0;
        return node is JsonValue v && (v.TryGetValue(out value) || (v.TryGetValue<string>(out var s) && int.TryParse(s, out value)));
    }
}
