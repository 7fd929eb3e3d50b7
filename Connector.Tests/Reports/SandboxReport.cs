using System.Text.Json;
using System.Web;
using Connector.Core.Reports;
using Connector.Functions;
using Connector.Sandbox;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Reports;

/// <summary>
/// The report's real services on Azurite (<see cref="ReportHarness"/>) reading the Sale archive of a sandbox over
/// loopback HTTP through the real SuperOffice client (<see cref="SuperOfficeSaleSource"/>), as ClientHarness points it.
/// </summary>
public sealed class SandboxReport(SandboxFixture sandbox, ReportHarness report) : IAsyncDisposable
{
    public SandboxFixture Sandbox { get; } = sandbox;
    public ReportHarness Report { get; } = report;

    /// <summary>The registered <see cref="ISaleSource"/>: <see cref="SuperOfficeSaleSource"/> on the sandbox.</summary>
    public ISaleSource Sales => Report.Services.GetRequiredService<ISaleSource>();

    public ProductReportFunction Function() => Report.Function(Sales);

    public static async Task<SandboxReport> StartAsync(Action<SandboxOptions>? sandbox = null, IDictionary<string, string?>? settings = null)
    {
        // One clock for the sandbox and the client: the tokens the sandbox signs are validated against the client's clock.
        var clock = new FakeTimeProvider(ReportHarness.MondayMorning);
        var fixture = await SandboxFixture.StartAsync(sandbox, clock);
        var o = fixture.Options;
        var values = new Dictionary<string, string?>
        {
            ["SuperOffice:Environment"] = "sod",
            ["SuperOffice:LoginBaseUrl"] = fixture.Server.BaseUrl.ToString(),
            ["SuperOffice:ContextIdentifier"] = o.ContextIdentifier,
            ["SuperOffice:ApiAssociateId"] = o.ApiAssociateId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SuperOffice:ClientId"] = o.ClientId,
            ["SuperOffice:ClientSecret"] = o.ClientSecret,
            ["SuperOffice:RefreshToken"] = o.RefreshToken,
            ["SuperOffice:RedirectUri"] = "http://localhost/callback",
            ["SuperOffice:Http:RetryBaseDelaySeconds"] = "0.05",
            ["SuperOffice:Http:AttemptTimeoutSeconds"] = "30",
            ["SuperOffice:Http:TotalTimeoutSeconds"] = "60",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        return new SandboxReport(fixture, await ReportHarness.CreateAsync(values, clock: clock));
    }

    /// <summary>Replaces the sandbox's sales with exactly these (ids 1, 2, … in this order).</summary>
    public async Task SetSalesAsync(IEnumerable<object> sales)
    {
        await Sandbox.AdminSendAsync(HttpMethod.Delete, "sales");
        await Sandbox.AdminSendAsync(HttpMethod.Post, "sales", sales.ToArray());
    }

    public async Task<string> CompanyNameAsync(int contactId) =>
        (await Sandbox.AdminGetAsync($"contacts/{contactId}")).GetProperty("Name").GetString()!;

    /// <summary>The query parameters of every <c>GET …/v1/Sale</c> (the archive) in the sandbox's request log.</summary>
    public async Task<List<System.Collections.Specialized.NameValueCollection>> SaleArchiveQueriesAsync() =>
        [.. (await Sandbox.RequestsAsync())
            .Where(r => r.GetProperty("path").GetString()!.EndsWith("/v1/Sale", StringComparison.OrdinalIgnoreCase))
            .Select(r => HttpUtility.ParseQueryString(QueryOf(r)))];

    private static string QueryOf(JsonElement request) =>
        request.TryGetProperty("query", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString()! : "";

    public async ValueTask DisposeAsync()
    {
        await Report.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
