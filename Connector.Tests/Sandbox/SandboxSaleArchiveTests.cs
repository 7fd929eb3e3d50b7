using System.Globalization;
using System.Net;
using System.Text.Json;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Sandbox;

public sealed class SandboxSaleArchiveTests
{
    private static async Task<JsonElement> QueryAsync(HttpClient api, string query, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await api.GetAsync("Sale?" + query);
        var json = await SandboxFixture.JsonAsync(response);
        Assert.True(expected == response.StatusCode, $"{query}: {(int)response.StatusCode} {json}");
        return json;
    }

    private static List<JsonElement> Rows(JsonElement page) => [.. page.GetProperty("value").EnumerateArray()];

    [Fact]
    public async Task Paging_with_top_and_skip_reads_every_sale_once_and_nextLink_stays_null()
    {
        await using var sandbox = await SandboxFixture.StartAsync(o => o.SaleCount = 1234);
        using var api = await sandbox.ApiClientAsync();
        var seen = new List<string>();
        for (var skip = 0; ; skip += 200)
        {
            var page = await QueryAsync(api, $"$select=saleId,heading,amount,date,saleStatus,contactId,contact/name&$top=200&$skip={skip}");
            Assert.Equal(JsonValueKind.Null, page.GetProperty("odata.nextLink").ValueKind);
            Assert.EndsWith("v1/Archive//$metadata", page.GetProperty("odata.metadata").GetString());
            var rows = Rows(page);
            seen.AddRange(rows.Select(r => r.GetProperty("PrimaryKey").GetString()!));
            Assert.All(rows, r => Assert.Equal("sale", r.GetProperty("EntityName").GetString()));
            if (rows.Count < 200)
            {
                break;
            }
        }
        Assert.Equal(1234, seen.Count);
        Assert.Equal(1234, seen.Distinct().Count());
    }

    [Fact]
    public async Task Rows_carry_the_selected_archive_columns_with_a_string_primary_key()
    {
        await using var sandbox = await SandboxFixture.StartAsync(o => o.SaleCount = 400);
        using var api = await sandbox.ApiClientAsync();
        var rows = Rows(await QueryAsync(api, "$select=saleId,heading,amount,date,saleStatus,contactId,contact/name,updatedDate,registeredDate,description,hasQuote"));
        var row = rows[0];
        Assert.Equal(JsonValueKind.String, row.GetProperty("PrimaryKey").ValueKind);
        Assert.Equal(row.GetProperty("saleId").GetInt32().ToString(CultureInfo.InvariantCulture), row.GetProperty("PrimaryKey").GetString());
        foreach (var column in new[] { "heading", "amount", "date", "saleStatus", "contactId", "contact/name", "updatedDate", "registeredDate", "description", "hasQuote" })
        {
            Assert.True(row.TryGetProperty(column, out _), column);
        }
        Assert.Contains(rows, r => r.GetProperty("contactId").GetInt32() == 0 && r.GetProperty("contact/name").GetString() == "");
        Assert.Contains(rows, r => r.GetProperty("updatedDate").GetString() == "0001-01-01T00:00:00");
        Assert.Contains(rows, r => r.GetProperty("heading").GetString()!.Contains("Omnie", StringComparison.Ordinal));
    }

    private static async Task<SandboxFixture> WithExactSalesAsync()
    {
        var sandbox = await SandboxFixture.StartAsync();
        await sandbox.AdminSendAsync(HttpMethod.Delete, "sales");
        var ids = await sandbox.AdminSendAsync(HttpMethod.Post, "sales", new object[]
        {
            new { heading = "2xOmnie CD-01 mit Nachlass", amount = 100m, date = "2024-01-10T00:00:00Z", status = "Sold", contactId = 1 },
            new { heading = "Wartungsvertrag Service 2024", amount = 200m, date = "2024-03-15T00:00:00Z", status = "Open", contactId = 2 },
            new { heading = "RR-02-017-OMNIE", amount = 300m, date = "2024-06-01T00:00:00Z", status = "Lost", contactId = 3 },
            new { heading = "Ohne Firma", amount = 400m, date = "2024-09-01T00:00:00Z", status = "Sold", contactId = 0 },
        });
        Assert.Equal(4, ids.GetArrayLength());
        return sandbox;
    }

    [Theory]
    [InlineData("contactId eq 2", "2")]
    [InlineData("contactId ne 0", "1,2,3")]
    [InlineData("contactId lt 2", "1,0")]
    [InlineData("contactId gt 1", "2,3")]
    [InlineData("contactId between (1, 2)", "1,2")]
    [InlineData("contactId gt 0 and contactId lt 3", "1,2")]
    [InlineData("date before '2024-03-01'", "1")]
    [InlineData("date after '2024-05-01'", "3,0")]
    [InlineData("date dateBetween ('2024-03-01', '2024-07-01')", "2,3")]
    [InlineData("heading contains 'omnie'", "1,3")]
    public async Task Filters_select_the_matching_sales(string filter, string expectedContactIds)
    {
        await using var sandbox = await WithExactSalesAsync();
        using var api = await sandbox.ApiClientAsync();
        var rows = Rows(await QueryAsync(api, "$select=contactId,date&$orderBy=date&$filter=" + Uri.EscapeDataString(filter)));
        Assert.Equal(expectedContactIds, string.Join(",", rows.Select(r => r.GetProperty("contactId").GetInt32())));
    }

    [Theory]
    [InlineData("contactId le 5")]
    [InlineData("contactId ge 5")]
    [InlineData("Contact ne null")]
    [InlineData("contactId eq 1 or contactId eq 2")]
    [InlineData("date lt '2024-01-01'")]
    public async Task Unsupported_filters_answer_400_instead_of_being_ignored(string filter)
    {
        await using var sandbox = await WithExactSalesAsync();
        using var api = await sandbox.ApiClientAsync();
        var error = await QueryAsync(api, "$filter=" + Uri.EscapeDataString(filter), HttpStatusCode.BadRequest);
        Assert.True(error.GetProperty("Error").GetBoolean());
        Assert.Equal("ArchiveFilter", error.GetProperty("ErrorType").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("ErrorMessage").GetString()));
    }

    [Fact]
    public async Task OrderBy_sorts_descending_and_Sale_by_id_shows_the_entity()
    {
        await using var sandbox = await WithExactSalesAsync();
        using var api = await sandbox.ApiClientAsync();
        var rows = Rows(await QueryAsync(api, "$select=saleId,amount&$orderBy=amount desc&$top=2"));
        Assert.Equal([400m, 300m], rows.Select(r => r.GetProperty("amount").GetDecimal()));

        var id = rows[0].GetProperty("saleId").GetInt32();
        var sale = await SandboxFixture.JsonAsync(await api.GetAsync($"Sale/{id}"));
        Assert.Equal("Ohne Firma", sale.GetProperty("Heading").GetString());
        Assert.Equal(JsonValueKind.Null, sale.GetProperty("Contact").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("Sale/999999")).StatusCode);
    }
}
