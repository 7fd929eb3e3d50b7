using System.Globalization;
using System.Net;
using System.Text.Json;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Sandbox;

/// <summary>
/// The sandbox's FindContact archive (<c>GET v1/Contact</c>, companies) on the same archive engine as FindSale: its
/// documented column types, paging by the primary key, and <c>updatedDate</c> to the second.
/// </summary>
public sealed class SandboxContactArchiveTests
{
    private static Task<JsonElement> QueryAsync(HttpClient api, string query, HttpStatusCode expected = HttpStatusCode.OK) =>
        ArchiveRequest.GetAsync(api, "Contact", query, expected);

    private static async Task<List<JsonElement>> RowsAsync(HttpClient api, string filter, string select = "contactId,updatedDate") =>
        [.. (await QueryAsync(api, $"$select={select}&$orderBy=contactId&$filter={Uri.EscapeDataString(filter)}"))
            .GetProperty("value").EnumerateArray()];

    private static List<int> Ids(IEnumerable<JsonElement> rows) => [.. rows.Select(r => r.GetProperty("contactId").GetInt32())];

    [Fact]
    public async Task Rows_carry_the_documented_columns_and_paging_by_contactId_reads_every_company_once()
    {
        await using var sandbox = await SandboxFixture.StartAsync(o => o.CompanyCount = 450);
        using var api = await sandbox.ApiClientAsync();
        var seen = new List<int>();
        for (var skip = 0; ; skip += 200)
        {
            var page = await QueryAsync(api, $"$select=contactId,name,department,orgnr,number,countryId,country,business,category,updatedDate,registeredDate&$orderBy=contactId&$top=200&$skip={skip}");
            Assert.Equal(JsonValueKind.Null, page.GetProperty("odata.nextLink").ValueKind);
            var rows = page.GetProperty("value").EnumerateArray().ToList();
            seen.AddRange(Ids(rows));
            if (rows.Count < 200)
            {
                break;
            }
        }
        Assert.Equal(Enumerable.Range(1, 450), seen);

        var company = await sandbox.AdminGetAsync("contacts/7");
        var row = (await RowsAsync(api, "contactId eq 7", "contactId,name,department,orgnr,countryId,country,updatedDate,registeredDate")).Single();
        Assert.Equal("7", row.GetProperty("PrimaryKey").GetString());
        Assert.Equal("contact", row.GetProperty("EntityName").GetString());
        Assert.Equal(company.GetProperty("Name").GetString(), row.GetProperty("name").GetString());
        Assert.Equal(company.GetProperty("Department").GetString(), row.GetProperty("department").GetString());
        Assert.Equal(company.GetProperty("OrgNr").GetString(), row.GetProperty("orgnr").GetString());
        Assert.Equal(company.GetProperty("Country").GetProperty("CountryId").GetInt32(), row.GetProperty("countryId").GetInt32());
        Assert.Equal(company.GetProperty("Country").GetProperty("Name").GetString(), row.GetProperty("country").GetString());
        Assert.Equal(company.GetProperty("UpdatedDate").GetString(), row.GetProperty("updatedDate").GetString());
        Assert.Equal(company.GetProperty("CreatedDate").GetString(), row.GetProperty("registeredDate").GetString());
    }

    [Fact]
    public async Task UpdatedDate_afterTime_finds_a_change_to_the_second_and_after_compares_days()
    {
        await using var sandbox = await SandboxFixture.StartAsync(o => o.CompanyCount = 30);
        using var api = await sandbox.ApiClientAsync();
        await sandbox.AdminSendAsync(HttpMethod.Post, "contacts/5/edit", new { fields = new Dictionary<string, string> { ["Department"] = "Einkauf Nord" } });
        var updated = (await RowsAsync(api, "contactId eq 5")).Single().GetProperty("updatedDate").GetString()!;
        var at = DateTime.ParseExact(updated, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

        // The seeded companies changed years ago; only company 5 changed now.
        Assert.Equal([5], Ids(await RowsAsync(api, $"updatedDate afterTime '{Iso(at)}'")));
        Assert.Equal([5], Ids(await RowsAsync(api, $"updatedDate afterTime '{Iso(at)}Z'")));
        Assert.Equal([5], Ids(await RowsAsync(api, $"updatedDate afterTime '{Iso(at.AddSeconds(-1))}'")));
        Assert.Empty(await RowsAsync(api, $"updatedDate afterTime '{Iso(at.AddSeconds(1))}'"));
        Assert.Equal([5], Ids(await RowsAsync(api, $"updatedDate dateTime '{Iso(at)}'")));
        Assert.DoesNotContain(5, Ids(await RowsAsync(api, $"updatedDate beforeTime '{Iso(at)}'")));
        // "after" on a date column uses the date only: nothing changed after that day.
        Assert.Empty(await RowsAsync(api, $"updatedDate after '{Iso(at)}'"));
        Assert.Equal([5], Ids(await RowsAsync(api, $"updatedDate date '{Iso(at)}'")));
        Assert.Equal([5], Ids(await RowsAsync(api, $"updatedDate after '{at.AddDays(-1):yyyy-MM-dd}'")));
    }

    [Fact]
    public async Task Filters_by_the_documented_types_agree_with_the_unfiltered_rows()
    {
        await using var sandbox = await SandboxFixture.StartAsync(o => o.CompanyCount = 120);
        using var api = await sandbox.ApiClientAsync();
        var all = (await QueryAsync(api, "$select=contactId,name,countryId,registeredDate&$orderBy=contactId")).GetProperty("value").EnumerateArray().ToList();
        Assert.Equal(120, all.Count);
        DateTime Registered(JsonElement r) => DateTime.Parse(r.GetProperty("registeredDate").GetString()!, CultureInfo.InvariantCulture);
        var cutoff = Registered(all[60]).Date;

        Assert.Equal(Ids(all.Where(r => r.GetProperty("countryId").GetInt32() == 578)), Ids(await RowsAsync(api, "countryId eq 578")));
        Assert.Equal(Ids(all.Where(r => r.GetProperty("countryId").GetInt32() is 578 or 752)), Ids(await RowsAsync(api, "country oneOf (578, 752)")));
        Assert.Equal(Ids(all.Where(r => r.GetProperty("name").GetString()!.StartsWith("Müller", StringComparison.OrdinalIgnoreCase))),
            Ids(await RowsAsync(api, "name begins 'müller'")));
        Assert.Equal(Ids(all.Where(r => Registered(r).Date < cutoff)),
            Ids(await RowsAsync(api, $"registeredDate before '{cutoff:yyyy-MM-dd}'")));
        Assert.Equal(Ids(all), Ids(await RowsAsync(api, "registeredDate beforeToday")));
        Assert.Equal(Ids(all.Where(r => r.GetProperty("contactId").GetInt32() > 100)), Ids(await RowsAsync(api, "contactId gt 100")));
    }

    [Theory]
    [InlineData("contactId oneOf (1, 2)")]
    [InlineData("name eq 'Acme'")]
    [InlineData("updatedDate gt '2020-01-01'")]
    [InlineData("updatedDate after '2020-01-01 10:00'")]
    [InlineData("country eq 578")]
    [InlineData("orgNumber is '1'")]
    public async Task A_filter_the_documentation_gives_no_meaning_answers_400(string filter)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        var error = await QueryAsync(api, "$filter=" + Uri.EscapeDataString(filter), HttpStatusCode.BadRequest);
        Assert.Equal("ArchiveFilter", error.GetProperty("ErrorType").GetString());
    }
}
