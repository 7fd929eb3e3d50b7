using System.Text.Json;
using Connector.Core.Reports;
using Connector.Core.SuperOffice;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.SuperOffice;

/// <summary>The Sale archive pages with $top/$skip until a short page (the sandbox's nextLink is always null).</summary>
public sealed class SuperOfficeArchiveTests
{
    private static readonly ArchiveQuery Query = new()
    {
        Select = ["saleId", "heading", "amount", "date", "saleStatus", "contact/name"],
        OrderBy = "saleId asc",
        PageSize = 200,
    };

    [Fact]
    public async Task All_1001_sales_arrive_in_six_pages()
    {
        await using var h = await ClientHarness.StartAsync(o => o.SaleCount = 1001);

        var rows = new List<ArchiveRow>();
        await foreach (var row in h.Archive.GetSalesAsync(Query))
        {
            rows.Add(row);
        }

        Assert.Equal(1001, rows.Count);
        Assert.Equal(1001, rows.Select(r => r.PrimaryKey).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(r.PrimaryKey, r.GetInt("saleId")));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.PrimaryKeyText)));
        var pages = (await h.RequestsAsync("/v1/Sale")).Select(r => r.GetProperty("query").GetString()!).ToList();
        Assert.Equal(6, pages.Count);
        Assert.All(pages, q => Assert.Contains("$top=200", q));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"$skip={i * 200}"), pages.Select(q => q[q.IndexOf("$skip=", StringComparison.Ordinal)..]));
    }

    [Fact]
    public async Task A_limit_stops_early_and_asks_for_no_more_than_needed()
    {
        await using var h = await ClientHarness.StartAsync(o => o.SaleCount = 1001);

        var rows = new List<ArchiveRow>();
        await foreach (var row in h.Archive.GetSalesAsync(Query with { Limit = 250 }))
        {
            rows.Add(row);
        }

        Assert.Equal(250, rows.Count);
        var pages = (await h.RequestsAsync("/v1/Sale")).Select(r => r.GetProperty("query").GetString()!).ToList();
        Assert.Equal(2, pages.Count);
        Assert.Contains("$top=50", pages[1]);
    }

    [Fact]
    public async Task Filters_pass_through_and_empty_dates_read_as_null()
    {
        await using var h = await ClientHarness.StartAsync(o => o.SaleCount = 0);
        await h.Sandbox.AdminSendAsync(HttpMethod.Post, "sales", new object[]
        {
            new { heading = "Undated", amount = 10m, date = (DateTime?)DateTime.MinValue, status = "Open", contactId = 1 },
            new { heading = "Dated", amount = 20m, date = (DateTime?)new DateTime(2025, 5, 1), status = "Sold", contactId = 2 },
        });

        var rows = new List<ArchiveRow>();
        await foreach (var row in h.Archive.GetSalesAsync(Query with { Filter = "saleStatus oneOf (1)" }))
        {
            rows.Add(row);
        }

        var undated = Assert.Single(rows);
        Assert.Equal("Undated", undated.GetText("heading"));
        Assert.Null(undated.GetDate("date"));
        Assert.Equal(10m, undated.GetDecimal("amount"));
    }

    [Theory]
    [InlineData("""{"PrimaryKey":"7","saleId":7,"contact/contactId":42}""", 42)]
    [InlineData("""{"PrimaryKey":"7","saleId":7,"contact/contactId":0}""", 0)]
    [InlineData("""{"PrimaryKey":"7","saleId":7,"contact/contactId":null}""", 0)]
    [InlineData("""{"PrimaryKey":"7","saleId":7}""", 0)]
    // contactId is FindSale's list column: the report neither filters on it nor reads its value.
    [InlineData("""{"PrimaryKey":"7","saleId":7,"contactId":42}""", 0)]
    public void The_company_id_is_read_from_the_int_column_contact_contactId(string json, int expected)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(expected, SuperOfficeSaleSource.ToSale(ArchiveRow.Parse(document.RootElement)!).CustomerId);
    }

    [Fact]
    public async Task An_unknown_column_is_a_typed_error()
    {
        await using var h = await ClientHarness.StartAsync();
        var error = await Assert.ThrowsAsync<SuperOfficeApiException>(async () =>
        {
            await foreach (var _ in h.Archive.GetSalesAsync(Query with { Select = ["nope"] }))
            {
            }
        });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("nope", error.SuperOfficeMessage);
    }

    [Fact]
    public async Task The_report_reads_sales_with_a_company_newest_first_page_by_page()
    {
        await using var h = await ClientHarness.StartAsync(o => o.SaleCount = 1001);
        var source = h.Services.GetRequiredService<ISaleSource>();

        var pages = new List<SalePage>();
        await foreach (var page in source.ReadPagesAsync(limit: 0, pageSize: 300, CancellationToken.None))
        {
            pages.Add(page);
        }

        var sales = pages.SelectMany(p => p.Rows).ToList();
        Assert.NotEmpty(sales);
        Assert.All(pages, p => Assert.InRange(p.Rows.Count, 1, 300));
        Assert.All(sales, s => Assert.True(s.CustomerId > 0));
        Assert.Equal(sales.Count, sales.Select(s => s.SaleId).Distinct().Count());
        var dates = sales.Where(s => s.SaleDate is not null).Select(s => s.SaleDate!.Value).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        var query = (await h.RequestsAsync("/v1/Sale")).First().GetProperty("query").GetString()!;
        Assert.Contains("$filter=contact%2FcontactId%20gt%200&", query);
        Assert.Contains("$orderBy=date%20desc%2CsaleId%20desc&", query);

        var families = await h.Services.GetRequiredService<IProductFamilySource>().GetNamesAsync(CancellationToken.None);
        Assert.NotEmpty(families);
    }
}
