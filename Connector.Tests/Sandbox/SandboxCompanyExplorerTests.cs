using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Sandbox;

public sealed class SandboxCompanyExplorerTests
{
    private static async Task<HttpResponseMessage> EnrichAsync(SandboxFixture sandbox, int contactId, string name, string url = "", string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, sandbox.Server.CompanyExplorerBaseUrl + "/api/enrich")
        {
            Content = JsonContent.Create(new
            {
                source = "superoffice", tenant = "Cust12345", contactId, name, department = "", orgNr = "",
                urls = url.Length == 0 ? Array.Empty<string>() : [url], domains = Array.Empty<string>(), country = "DE", city = "Hamburg",
                phones = Array.Empty<string>(), emails = Array.Empty<string>(), category = "Kunde", business = "Handel",
            }),
        };
        request.Headers.Add("X-Api-Key", apiKey ?? sandbox.Options.CompanyExplorerApiKey);
        return await sandbox.Http.SendAsync(request);
    }

    [Theory]
    [InlineData("Alpen Abenteuer GmbH", "", "Leisure")]
    [InlineData("Nordlys AS", "https://www.freizeitpark.example", "Leisure")]
    [InlineData("Müller Bau AG", "", "Construction")]
    [InlineData("Fjord Soft AB", "", "Software")]
    [InlineData("Schmidt e.K.", "", "Other")]
    public async Task Enrichment_is_deterministic_from_name_and_url(string name, string url, string vertical)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var first = await EnrichAsync(sandbox, 1, name, url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var result = await SandboxFixture.JsonAsync(first);
        Assert.Equal(vertical, result.GetProperty("fields").GetProperty("vertical").GetString());
        var summary = result.GetProperty("fields").GetProperty("summary").GetString()!;
        Assert.Contains(name, summary);
        Assert.True(summary.Length <= 300);
        Assert.Equal("stub-1", result.GetProperty("version").GetString());

        using var second = await EnrichAsync(sandbox, 1, name, url);
        Assert.Equal(result.GetRawText(), (await SandboxFixture.JsonAsync(second)).GetRawText());
    }

    [Fact]
    public async Task A_wrong_api_key_gets_401()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var response = await EnrichAsync(sandbox, 1, "X", apiKey: "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Pending_answers_202_with_Retry_After_for_the_first_calls_per_contact_and_calls_are_counted()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        await sandbox.AdminSendAsync(HttpMethod.Put, "companyexplorer", new { pendingCount = 2, failStatus = 0, retryAfterSeconds = 3 });

        for (var i = 0; i < 2; i++)
        {
            using var pending = await EnrichAsync(sandbox, 5, "Bau AG");
            Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(3), pending.Headers.RetryAfter?.Delta);
            Assert.Equal("pending", (await SandboxFixture.JsonAsync(pending)).GetProperty("status").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await EnrichAsync(sandbox, 5, "Bau AG")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await EnrichAsync(sandbox, 6, "Bau AG")).StatusCode);

        var calls = await sandbox.AdminGetAsync("companyexplorer/calls");
        Assert.Equal(3, calls.GetProperty("5").GetInt32());
        Assert.Equal(1, calls.GetProperty("6").GetInt32());
    }

    [Theory]
    [InlineData(404)]
    [InlineData(422)]
    [InlineData(500)]
    public async Task The_fail_switch_answers_its_status(int status)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        await sandbox.AdminSendAsync(HttpMethod.Put, "companyexplorer", new { failStatus = status });
        using var response = await EnrichAsync(sandbox, 1, "Tech GmbH");
        Assert.Equal(status, (int)response.StatusCode);
    }
}
