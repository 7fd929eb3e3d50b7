using System.Globalization;
using System.Net;
using System.Text.Json;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Sandbox;

/// <summary>
/// The sandbox's FindSale archive (<c>GET v1/Sale</c>) as SuperOffice documents it: column types with their operators,
/// 400 for an operator a column's type does not take, and pages built anew, so ties move between pages.
/// </summary>
public sealed class SandboxSaleArchiveTests
{
    private static Task<JsonElement> QueryAsync(HttpClient api, string query, HttpStatusCode expected = HttpStatusCode.OK) =>
        ArchiveRequest.GetAsync(api, "Sale", query, expected);

    private static List<JsonElement> Rows(JsonElement page) => [.. page.GetProperty("value").EnumerateArray()];

    private static async Task<List<int>> PageSaleIdsAsync(HttpClient api, string orderBy, int pageSize)
    {
        var ids = new List<int>();
        for (var skip = 0; ; skip += pageSize)
        {
            var rows = Rows(await QueryAsync(api, $"$select=saleId,date&$orderBy={Uri.EscapeDataString(orderBy)}&$top={pageSize}&$skip={skip}"));
            ids.AddRange(rows.Select(r => r.GetProperty("saleId").GetInt32()));
            if (rows.Count < pageSize)
            {
                return ids;
            }
        }
    }

    [Fact]
    public async Task Paging_by_the_primary_key_reads_every_sale_once_and_nextLink_stays_null()
    {
        await using var sandbox = await SandboxFixture.StartAsync(o => o.SaleCount = 1234);
        using var api = await sandbox.ApiClientAsync();
        var seen = new List<string>();
        for (var skip = 0; ; skip += 200)
        {
            var page = await QueryAsync(api, $"$select=saleId,heading,amount,date,saleStatus,contactId,contact/name&$orderBy=saleId&$top=200&$skip={skip}");
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
    public async Task Sales_that_share_a_date_move_between_pages_unless_the_order_ends_with_the_primary_key()
    {
        await using var sandbox = await SandboxFixture.StartAsync(o => o.SaleCount = 1500);
        using var api = await sandbox.ApiClientAsync();

        // The seeded sale dates are days, so many sales share one.
        var all = Rows(await QueryAsync(api, "$select=saleId,date&$orderBy=saleId"));
        Assert.Equal(1500, all.Count);
        Assert.True(all.Select(r => r.GetProperty("date").GetString()).Distinct().Count() < 1000);

        var withoutTieBreak = await PageSaleIdsAsync(api, "date desc", 100);
        Assert.Equal(1500, withoutTieBreak.Count);
        Assert.True(withoutTieBreak.Distinct().Count() < 1500, "paging by date alone should repeat some sales and skip others");

        var withTieBreak = await PageSaleIdsAsync(api, "date desc,saleId desc", 100);
        Assert.Equal(all.Select(r => r.GetProperty("saleId").GetInt32()).Order(), withTieBreak.Order());

        // The same page asked twice is the same page: the order of ties is seeded by $skip, not random.
        var once = (await QueryAsync(api, "$select=saleId&$orderBy=date&$top=50&$skip=300")).GetRawText();
        var again = (await QueryAsync(api, "$select=saleId&$orderBy=date&$top=50&$skip=300")).GetRawText();
        Assert.Equal(once, again);
    }

    [Fact]
    public async Task Rows_carry_the_selected_archive_columns_with_a_string_primary_key()
    {
        await using var sandbox = await SandboxFixture.StartAsync(o => o.SaleCount = 400);
        using var api = await sandbox.ApiClientAsync();
        var rows = Rows(await QueryAsync(api,
            "$select=saleId,heading,amount,date,saleStatus,contactId,contact/contactId,contact/name,updatedDate,registeredDate,description,hasQuote"));
        var row = rows[0];
        Assert.Equal(JsonValueKind.String, row.GetProperty("PrimaryKey").ValueKind);
        Assert.Equal(row.GetProperty("saleId").GetInt32().ToString(CultureInfo.InvariantCulture), row.GetProperty("PrimaryKey").GetString());
        foreach (var column in new[] { "heading", "amount", "date", "saleStatus", "contactId", "contact/contactId", "contact/name", "updatedDate", "registeredDate", "description", "hasQuote" })
        {
            Assert.True(row.TryGetProperty(column, out _), column);
        }
        Assert.Contains(rows, r => r.GetProperty("contact/contactId").GetInt32() == 0 && r.GetProperty("contact/name").GetString() == "");
        Assert.Contains(rows, r => r.GetProperty("updatedDate").GetString() == "0001-01-01T00:00:00");
        Assert.Contains(rows, r => r.GetProperty("heading").GetString()!.Contains("Omnie", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.EndsWith("T00:00:00", r.GetProperty("date").GetString()));
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

    /// <summary>Each documented operator of each column type, on four known sales; the answer as their company ids by date.</summary>
    [Theory]
    // int: restriction-types' names and the OData spellings of the numbers page
    [InlineData("contact/contactId eq 2", "2")]
    [InlineData("contact/contactId = 2", "2")]
    [InlineData("contact/contactId equals 2", "2")]
    [InlineData("contact/contactId set 2", "2")]
    [InlineData("contact/contactId ne 0", "1,2,3")]
    [InlineData("contact/contactId unequals 0", "1,2,3")]
    [InlineData("contact/contactId lt 2", "1,0")]
    [InlineData("contact/contactId less 2", "1,0")]
    [InlineData("contact/contactId gt 1", "2,3")]
    [InlineData("contact/contactId greater 0", "1,2,3")]
    [InlineData("contact/contactId between (1, 2)", "1,2")]
    [InlineData("contact/contactId gt 0 and contact/contactId lt 3", "1,2")]
    // decimal
    [InlineData("amount greater 250", "3,0")]
    [InlineData("amount between (100.5, 300)", "2,3")]
    // listAny: oneOf / notOneOf, and equals as the OData lists page shows it
    [InlineData("contactId oneOf (1,3)", "1,3")]
    [InlineData("contactId notOneOf (0)", "1,2,3")]
    [InlineData("contactId NotOneOf (0)", "1,2,3")]
    [InlineData("contactId equals 2", "2")]
    [InlineData("saleStatus oneOf (2)", "1,0")]
    [InlineData("saleStatus notOneOf (1, 2)", "3")]
    // date: only the date part; the datetime operators use the time
    [InlineData("date before '2024-03-01'", "1")]
    [InlineData("date after '2024-05-01'", "3,0")]
    [InlineData("date after '2024-1-10'", "2,3,0")]
    [InlineData("date after '2024-06-01T12:00:00'", "0")]
    [InlineData("date date '2024-06-01'", "3")]
    [InlineData("date beforeOrEqual '2024-03-15'", "1,2")]
    [InlineData("date dateBetween ('2024-03-01', '2024-07-01')", "2,3")]
    [InlineData("date between ('2024-03-15','2024-06-01')", "2,3")]
    [InlineData("date afterTime '2024-06-01T00:00:00'", "3,0")]
    [InlineData("date afterTime '2024-06-01T00:00:01'", "0")]
    [InlineData("date beforeTime '2024-06-01T00:00:00'", "1,2")]
    [InlineData("date dateTime '2024-06-01T00:00:00Z'", "3")]
    [InlineData("date beforeToday", "1,2,3,0")]
    [InlineData("date afterToday", "")]
    // string (heading is stringorPK)
    [InlineData("heading contains 'omnie'", "1,3")]
    [InlineData("heading notContains 'omnie'", "2,0")]
    [InlineData("heading begins 'Wartung'", "2")]
    [InlineData("heading notBegins 'W'", "1,3,0")]
    [InlineData("heading is 'ohne firma'", "0")]
    [InlineData("heading isNot 'Ohne Firma'", "1,2,3")]
    [InlineData("heading in ('RR-02-017-OMNIE', 'Ohne Firma')", "3,0")]
    [InlineData("heading between ('O', 'S')", "3,0")]
    // bool, associate
    [InlineData("hasQuote set false", "1,2,3,0")]
    [InlineData("hasQuote set true", "")]
    [InlineData("associateId associateIsOneOf (12)", "1,2,3,0")]
    [InlineData("associateId associateIsNotOneOf (12, 13)", "")]
    [InlineData("associateId currentAssociate", "")]
    public async Task Each_column_type_takes_its_documented_operators(string filter, string expectedContactIds)
    {
        await using var sandbox = await WithExactSalesAsync();
        using var api = await sandbox.ApiClientAsync();
        var rows = Rows(await QueryAsync(api, "$select=contact/contactId,date&$orderBy=date&$filter=" + Uri.EscapeDataString(filter)));
        Assert.Equal(expectedContactIds, string.Join(",", rows.Select(r => r.GetProperty("contact/contactId").GetInt32())));
    }

    [Theory]
    // contactId is a list column: a comparison has no documented meaning there
    [InlineData("contactId gt 0")]
    [InlineData("contactId eq 2")]
    [InlineData("contactId ne 0")]
    // operators the restriction types do not give
    [InlineData("contact/contactId le 5")]
    [InlineData("contact/contactId ge 5")]
    [InlineData("contact/contactId oneOf (1)")]
    [InlineData("date lt '2024-01-01'")]
    [InlineData("heading eq 'Ohne Firma'")]
    [InlineData("saleStatus eq 'Open'")]
    [InlineData("hasQuote eq true")]
    // no such column, no such value
    [InlineData("Contact ne null")]
    // values that do not fit
    [InlineData("date after '01.06.2024'")]
    [InlineData("date after 'yesterday'")]
    [InlineData("contactId oneOf ('Acme')")]
    [InlineData("amount gt 'lots'")]
    [InlineData("contact/contactId between (1)")]
    [InlineData("date today '2024-01-01'")]
    [InlineData("hasQuote set maybe")]
    // the filter's own shape
    [InlineData("contact/contactId eq 1 or contact/contactId eq 2")]
    [InlineData("contact/contactId gt 0 and")]
    [InlineData("heading contains 'unclosed")]
    [InlineData("contactId oneOf (1 2)")]
    public async Task A_filter_the_documentation_gives_no_meaning_answers_400_instead_of_rows(string filter)
    {
        await using var sandbox = await WithExactSalesAsync();
        using var api = await sandbox.ApiClientAsync();
        var error = await QueryAsync(api, "$filter=" + Uri.EscapeDataString(filter), HttpStatusCode.BadRequest);
        Assert.True(error.GetProperty("Error").GetBoolean());
        Assert.Equal("ArchiveFilter", error.GetProperty("ErrorType").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("ErrorMessage").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("ErrorSource").GetString()));
    }

    [Fact]
    public async Task The_error_for_a_list_column_names_its_type_and_operators()
    {
        await using var sandbox = await WithExactSalesAsync();
        using var api = await sandbox.ApiClientAsync();
        var error = await QueryAsync(api, "$filter=" + Uri.EscapeDataString("contactId gt 0"), HttpStatusCode.BadRequest);
        Assert.Equal(
            "Operator 'gt' does not apply to 'contactId', a listAny column of FindSale; it takes oneOf, notOneOf, equals.",
            error.GetProperty("ErrorMessage").GetString());
    }

    [Theory]
    [InlineData("$select=saleId,nope", "ArchiveSelect")]
    [InlineData("$orderBy=nope", "ArchiveOrderBy")]
    [InlineData("$orderBy=description", "ArchiveOrderBy")]
    [InlineData("$orderBy=date%20sideways", "ArchiveOrderBy")]
    [InlineData("$top=-1", "ArchiveQuery")]
    [InlineData("$skip=ten", "ArchiveQuery")]
    public async Task Other_parts_of_the_query_are_checked_too(string query, string errorType)
    {
        await using var sandbox = await WithExactSalesAsync();
        using var api = await sandbox.ApiClientAsync();
        var error = await QueryAsync(api, query, HttpStatusCode.BadRequest);
        Assert.Equal(errorType, error.GetProperty("ErrorType").GetString());
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
