using System.Net;
using System.Text.Json;
using Connector.Sandbox;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Connector.Tests.Sandbox;

public sealed class SandboxAdminTests
{
    [Fact]
    public async Task The_request_log_counts_api_calls_with_their_auth_scheme_but_not_admin_calls()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        await sandbox.AdminSendAsync(HttpMethod.Delete, "requests");

        await api.GetAsync("Contact/1");
        await api.GetAsync("Contact/2");
        await api.SendAsync(SandboxFixture.Patch("Contact/2", """{"Department":"Log"}"""));
        using var anonymous = new HttpClient();
        await anonymous.GetAsync(new Uri(sandbox.V1, "Contact/1"));
        await sandbox.AdminGetAsync("faults");
        using var enrich = new HttpRequestMessage(HttpMethod.Post, sandbox.Server.CompanyExplorerBaseUrl + "/api/enrich") { Content = new StringContent("{\"contactId\":1}", System.Text.Encoding.UTF8, "application/json") };
        enrich.Headers.Add("X-Api-Key", sandbox.Options.CompanyExplorerApiKey);
        await sandbox.Http.SendAsync(enrich);

        var log = await sandbox.RequestsAsync();
        Assert.Equal(3, log.Count(r => r.GetProperty("method").GetString() == "GET" && r.GetProperty("path").GetString()!.Contains("/api/v1/Contact/", StringComparison.Ordinal)));
        var patch = Assert.Single(log, r => r.GetProperty("method").GetString() == "PATCH");
        Assert.Equal("/Cust12345/api/v1/Contact/2", patch.GetProperty("path").GetString());
        Assert.Equal(200, patch.GetProperty("status").GetInt32());
        Assert.Equal("Bearer", patch.GetProperty("auth").GetString());
        var refused = Assert.Single(log, r => r.GetProperty("status").GetInt32() == 401);
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("auth").ValueKind);
        Assert.DoesNotContain(log, r => r.GetProperty("path").GetString()!.StartsWith("/admin", StringComparison.Ordinal));
        Assert.Single(log, r => r.GetProperty("path").GetString() == "/companyexplorer/api/enrich" && r.GetProperty("status").GetInt32() == 200);

        await sandbox.AdminSendAsync(HttpMethod.Delete, "requests");
        Assert.Empty(await sandbox.RequestsAsync());
    }

    [Fact]
    public async Task The_page_lists_contacts_with_udfs_and_the_fault_switches()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var contact = await sandbox.AdminGetAsync("contacts/1");
        var html = await sandbox.Http.GetStringAsync("/");
        Assert.Contains(System.Net.WebUtility.HtmlEncode(contact.GetProperty("Name").GetString()!), html);
        Assert.Contains("Branche (KI)", html);
        Assert.Contains("malformedUdfs", html);
        Assert.Contains(contact.GetProperty("UserDefinedFields").GetProperty("SuperOffice:1").GetString()!, html);
    }

    [Fact]
    public async Task Large_sales_are_generated_on_first_archive_use()
    {
        await using var sandbox = await SandboxFixture.StartAsync(o => o.LargeSales = true);
        using var api = await sandbox.ApiClientAsync();
        using var response = await api.GetAsync("Sale?$select=saleId&$orderBy=saleId desc&$top=1");
        var page = await SandboxFixture.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("100000", page.GetProperty("value")[0].GetProperty("PrimaryKey").GetString());
    }

    [Fact]
    public void Options_bind_from_the_Sandbox_section_with_configured_delays_replacing_the_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sandbox:Port"] = "5080",
            ["Sandbox:MalformedUdfs"] = "true",
            ["Sandbox:WebhookRetryDelaysMs:0"] = "5",
        }).Build();
        var options = SandboxOptionsBinding.Bind(configuration.GetSection("Sandbox"));
        Assert.Equal(5080, options.Port);
        Assert.True(options.MalformedUdfs);
        Assert.Equal([5], options.WebhookRetryDelaysMs);
        Assert.Equal("Cust12345", options.ContextIdentifier);
    }
}
