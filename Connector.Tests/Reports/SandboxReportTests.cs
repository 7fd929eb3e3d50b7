using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Core.Jobs;
using Connector.Core.Reports;
using Connector.Core.SuperOffice;
using Connector.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Reports;

/// <summary>
/// The product report end to end: the real <see cref="Connector.Functions.ProductReportFunction"/> and
/// <see cref="SuperOfficeSaleSource"/> reading the sandbox's Sale archive over HTTP, blobs and jobs on Azurite.
/// </summary>
public sealed class SandboxReportTests
{
    private static readonly DateTime Newest = new(2026, 10, 31, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>Sale i (1-based) is dated <see cref="Newest"/> minus i days; they are posted oldest first, so its id is 17 − i.</summary>
    private static readonly (string Heading, int ContactId, int Amount, string Status)[] Headings =
    [
        ("2xOmnie CD-01 mit Nachlass", 1, 1234, "Sold"),        // 1  → OMNIE 2, CD-01 1
        ("Wartungsvertrag Service 2024", 2, 990, "Open"),       // 2  → Service 1
        ("RR-02-017-OMNIE", 3, 45, "Sold"),                     // 3  → OMNIE 1 (code RR-02-017-OMNIE)
        ("Servicevertrag Omnie", 1, 300, "Lost"),               // 4  → Service 1, OMNIE 1
        ("3 Stk CD-01", 0, 10, "Sold"),                         // 5  no company: filtered by the archive
        ("Omnie", 0, 20, "Sold"),                               // 6  no company
        ("Schulung vor Ort", 2, 700, "Sold"),                   // 7  no product
        ("Omnielektro GmbH Angebot", 3, 80, "Open"),            // 8  no product (not the word Omnie)
        ("2 x Omnie", 4, 1999, "Sold"),                         // 9  → OMNIE 2
        ("1x RR-02-017-OMNIE, 2x CD-01", 4, 650, "Stalled"),    // 10 → OMNIE 1 (code RR-02-017-OMNIE), CD-01 2
        ("Lizenz Omnie Pro 2025", 5, 120, "Sold"),              // 11 → OMNIE 1
        ("2 Stück Service \"Premium\"", 5, 55, "Sold"),         // 12 → Service 2 (quotes in the CSV)
        ("Kundendienst vor Ort", 1, 60, "Open"),                // 13 no product
        ("10 x Service", 3, 1000, "Sold"),                      // 14 → Service 10
        ("Rahmenvertrag 2026", 0, 5000, "Open"),                // 15 no company
        ("Wartungsservice Q3", 2, 400, "Sold"),                 // 16 → Service 1
    ];

    private static int IdOf(int i) => Headings.Length + 1 - i;

    private static string DateOf(int i) => Newest.AddDays(-i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IEnumerable<object> PostedSales() => Headings
        .Select((s, index) => (s, i: index + 1))
        .Reverse()
        .Select(x => (object)new { heading = x.s.Heading, amount = x.s.Amount, date = Newest.AddDays(-x.i), status = x.s.Status, contactId = x.s.ContactId });

    private static TimerInfo Fire() => new()
    {
        ScheduleStatus = new ScheduleStatus { Next = ReportHarness.MondayMorning.UtcDateTime },
    };

    private static async Task<HttpTestRequest.Executed> PostNowAsync(SandboxReport report, string? query = null)
    {
        var request = HttpTestRequest.Create("POST");
        if (query is not null)
        {
            request.QueryString = new QueryString(query);
        }
        return await HttpTestRequest.ExecuteAsync(await report.Function().RunNow(request, CancellationToken.None));
    }

    [Fact]
    public async Task A_report_over_known_sales_has_exactly_their_rows_and_sends_the_archive_query()
    {
        await using var report = await SandboxReport.StartAsync();
        await report.SetSalesAsync(PostedSales());
        await report.Sandbox.AdminSendAsync(HttpMethod.Delete, "requests");
        var names = new Dictionary<int, string>();
        for (var id = 1; id <= 5; id++)
        {
            names[id] = await report.CompanyNameAsync(id);
        }

        var answer = await PostNowAsync(report, "?runId=sandbox-known");

        Assert.Equal(200, answer.StatusCode);
        Assert.Equal("Completed", answer.Json.GetProperty("outcome").GetString());
        var summary = await report.Report.ReadJsonAsync(answer.Json.GetProperty("job").GetProperty("details").GetProperty("blobs").GetProperty("summary").GetString()!);
        Assert.Equal(13, summary.GetProperty("salesRead").GetInt32()); // the three without a company never leave the archive
        Assert.Equal(13, summary.GetProperty("salesWithCompany").GetInt32());
        Assert.Equal(0, summary.GetProperty("salesWithoutCompany").GetInt32());
        Assert.Equal(10, summary.GetProperty("salesWithProduct").GetInt32());
        Assert.Equal(3, summary.GetProperty("salesWithoutProduct").GetInt32());
        Assert.Equal(["Schulung vor Ort", "Omnielektro GmbH Angebot", "Kundendienst vor Ort"],
            summary.GetProperty("sampleUnmatchedHeadings").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(1, summary.GetProperty("pagesFetched").GetInt32());
        Assert.Equal(13, summary.GetProperty("salesProductRows").GetInt32());
        Assert.Equal(10, summary.GetProperty("customerProductRows").GetInt32());
        Assert.False(summary.GetProperty("empty").GetBoolean());

        string Row(int i, string product, int quantity, string code = "")
        {
            var (heading, contactId, amount, status) = Headings[i - 1];
            return string.Join(" | ", IdOf(i), DateOf(i), status, amount, contactId, names[contactId], product, code, quantity, heading);
        }
        var (header, rows) = await report.Report.ReadCsvAsync(summary.GetProperty("blobs").GetProperty("salesProducts").GetString()!);
        Assert.Equal(ProductReportGenerator.SalesProductsHeader, header);
        Assert.Equal(
        [
            Row(1, "OMNIE", 2), Row(1, "CD-01", 1),
            Row(2, "Service", 1),
            Row(3, "OMNIE", 1, "RR-02-017-OMNIE"),
            Row(4, "Service", 1), Row(4, "OMNIE", 1),
            Row(9, "OMNIE", 2),
            Row(10, "OMNIE", 1, "RR-02-017-OMNIE"), Row(10, "CD-01", 2),
            Row(11, "OMNIE", 1),
            Row(12, "Service", 2),
            Row(14, "Service", 10),
            Row(16, "Service", 1),
        ], rows);

        string Total(int contactId, string product, int sales, int quantity, int first, int last) =>
            string.Join(" | ", contactId, names[contactId], product, sales, quantity, DateOf(first), DateOf(last));
        var (customerHeader, customerRows) = await report.Report.ReadCsvAsync(summary.GetProperty("blobs").GetProperty("customerProducts").GetString()!);
        Assert.Equal(ProductReportGenerator.CustomerProductsHeader, customerHeader);
        Assert.Equal(
        [
            Total(1, "CD-01", 1, 1, 1, 1), Total(1, "OMNIE", 2, 3, 4, 1), Total(1, "Service", 1, 1, 4, 4),
            Total(2, "Service", 2, 2, 16, 2),
            Total(3, "OMNIE", 1, 1, 3, 3), Total(3, "Service", 1, 10, 14, 14),
            Total(4, "CD-01", 1, 2, 10, 10), Total(4, "OMNIE", 2, 3, 10, 9),
            Total(5, "OMNIE", 1, 1, 11, 11), Total(5, "Service", 1, 2, 12, 12),
        ], customerRows);

        var queries = await report.SaleArchiveQueriesAsync();
        var query = Assert.Single(queries);
        Assert.Equal("contact/contactId gt 0", query["$filter"]);
        Assert.Equal("date desc,saleId desc", query["$orderBy"]);
        Assert.Equal(["saleId", "heading", "amount", "date", "saleStatus", "contact/contactId", "contact/name"], query["$select"]!.Split(','));
        Assert.Equal("200", query["$top"]);
        Assert.Equal("0", query["$skip"]);
    }

    [Fact]
    public async Task No_sales_gives_an_empty_report_that_names_the_archive_stage()
    {
        await using var report = await SandboxReport.StartAsync();
        await report.SetSalesAsync([]);

        var result = await report.Report.Runner.RunManualAsync(report.Sales, "sandbox-none");

        Assert.Equal(ReportRunOutcome.Empty, result.Outcome);
        var summary = await report.Report.ReadJsonAsync(result.Summary!.Blobs.Summary);
        Assert.Equal(ReportEmptyStage.NoSales, summary.GetProperty("emptyStage").GetString());
        Assert.Equal("no sales returned by the archive", summary.GetProperty("emptyReason").GetString());
        Assert.Equal(0, summary.GetProperty("salesRead").GetInt32());
        var job = await report.Report.Jobs.GetAsync(result.JobId);
        Assert.Equal(JobStatus.Completed, job!.Status);
        Assert.Equal(ProductReportRunner.EmptyReason, job.Reason);
        Assert.Contains(report.Report.Logs.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("is empty: no sales returned by the archive"));
        var (_, rows) = await report.Report.ReadCsvAsync(result.Summary.Blobs.SalesProducts);
        Assert.Empty(rows);
    }

    [Fact]
    public async Task Only_sales_without_a_company_are_filtered_by_the_archive_and_the_summary_says_so()
    {
        await using var report = await SandboxReport.StartAsync();
        await report.SetSalesAsync(
        [
            new { heading = "2xOmnie CD-01", amount = 10, date = Newest, status = "Sold", contactId = 0 },
            new { heading = "Service", amount = 20, date = Newest.AddDays(-1), status = "Sold", contactId = 0 },
        ]);

        var result = await report.Report.Runner.RunManualAsync(report.Sales, "sandbox-no-company");

        // contact/contactId gt 0 runs in the archive, so sales without a company never reach the report: it read none.
        Assert.Equal(ReportRunOutcome.Empty, result.Outcome);
        Assert.Equal(ReportEmptyStage.NoSales, result.Summary!.EmptyStage);
        Assert.Equal(0, result.Summary.SalesRead);
        Assert.Equal("contact/contactId gt 0", Assert.Single(await report.SaleArchiveQueriesAsync())["$filter"]);
        // The sandbox holds them: the archive without the filter returns both.
        using var api = await report.Sandbox.ApiClientAsync();
        var all = await SandboxFixture.JsonAsync(await api.GetAsync("Sale?$select=saleId,contactId"));
        Assert.Equal(2, all.GetProperty("value").GetArrayLength());
        Assert.Contains(report.Report.Logs.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("is empty"));
    }

    [Fact]
    public async Task Ten_thousand_sales_are_all_read_and_agree_with_the_archive()
    {
        await using var report = await SandboxReport.StartAsync(o => o.SaleCount = 10_000,
            new Dictionary<string, string?> { ["ProductReport:SaleLimit"] = "0" });

        // Independent count: page the archive ourselves, unfiltered, two columns.
        using var api = await report.Sandbox.ApiClientAsync();
        var withCompany = new HashSet<int>();
        var total = 0;
        for (var skip = 0; ; skip += 1000)
        {
            var page = (await SandboxFixture.JsonAsync(await api.GetAsync($"Sale?$select=saleId,contact/contactId&$orderBy=saleId&$top=1000&$skip={skip}")))
                .GetProperty("value").EnumerateArray().ToList();
            total += page.Count;
            foreach (var row in page.Where(r => ContactIdOf(r) > 0))
            {
                withCompany.Add(SaleIdOf(row));
            }
            if (page.Count < 1000)
            {
                break;
            }
        }
        Assert.Equal(10_000, total);
        await report.Sandbox.AdminSendAsync(HttpMethod.Delete, "requests");

        var result = await report.Report.Runner.RunManualAsync(report.Sales, "sandbox-10k");

        Assert.Equal(ReportRunOutcome.Completed, result.Outcome);
        var summary = result.Summary!;
        Assert.Equal(withCompany.Count, summary.SalesRead);
        Assert.Equal(withCompany.Count, summary.SalesWithCompany);
        Assert.Equal(summary.SalesRead, summary.SalesWithProduct + summary.SalesWithoutProduct);
        Assert.Equal((withCompany.Count + 199) / 200, summary.PagesFetched);
        Assert.Equal(summary.PagesFetched + (withCompany.Count % 200 == 0 ? 1 : 0), (await report.SaleArchiveQueriesAsync()).Count);

        var (_, rows) = await report.Report.ReadCsvAsync(summary.Blobs.SalesProducts);
        Assert.Equal(summary.SalesProductRows, rows.Count);
        var saleIds = rows.Select(r => int.Parse(r[..r.IndexOf(" | ", StringComparison.Ordinal)], CultureInfo.InvariantCulture)).ToHashSet();
        Assert.Equal(summary.SalesWithProduct, saleIds.Count);
        Assert.Subset(withCompany, saleIds);
        var dates = rows.Select(r => r.Split(" | ")[1]).ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates); // newest first

        var (_, customerRows) = await report.Report.ReadCsvAsync(summary.Blobs.CustomerProducts);
        Assert.Equal(summary.CustomerProductRows, customerRows.Count);
        Assert.Equal(summary.SalesProductRows, customerRows.Sum(r => int.Parse(r.Split(" | ")[3], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Typed_text_that_would_start_a_formula_is_written_as_text_and_numbers_stay_numbers()
    {
        await using var report = await SandboxReport.StartAsync();
        const string Formula = "=HYPERLINK(\"http://example.invalid\",\"Rechnung\")";
        var company = await report.Sandbox.AdminSendAsync(HttpMethod.Post, "contacts", new { name = Formula });
        var companyId = company.GetProperty("ContactId").GetInt32();
        string[] headings = ["=1+1 Omnie", "+49 Omnie Hotline", "-Omnie Rabatt", "@SUM(A1) Service", "\tOmnie", "\rOmnie", "Omnie = gut"];
        await report.SetSalesAsync(headings.Select((heading, i) => (object)new
        {
            heading, amount = i == 2 ? -250.5m : 100m + i, date = Newest.AddDays(-i), status = "Sold", contactId = companyId,
        }));

        var result = await report.Report.Runner.RunManualAsync(report.Sales, "sandbox-formulas");
        Assert.True(result.Outcome == ReportRunOutcome.Completed, result.Error);

        var (header, rows) = await report.Report.ReadCsvAsync(result.Summary!.Blobs.SalesProducts);
        var fields = rows.Select(r => r.Split(" | ")).ToList();
        int Column(string name) => Array.IndexOf(header, name);
        Assert.Equal(["'=1+1 Omnie", "'+49 Omnie Hotline", "'-Omnie Rabatt", "'@SUM(A1) Service", "'\tOmnie", "'\rOmnie", "Omnie = gut"],
            fields.Select(f => f[Column("Heading")]));
        Assert.All(fields, f => Assert.Equal("'" + Formula, f[Column("CustomerName")]));
        Assert.Equal(["100", "101", "-250.5", "103", "104", "105", "106"], fields.Select(f => f[Column("Amount")]));

        var (customerHeader, customerRows) = await report.Report.ReadCsvAsync(result.Summary.Blobs.CustomerProducts);
        Assert.All(customerRows, r => Assert.Equal("'" + Formula, r.Split(" | ")[Array.IndexOf(customerHeader, "CustomerName")]));
        Assert.Equal(2, customerRows.Count); // OMNIE and Service
    }

    /// <summary>
    /// Every sale with a company, read in one request ordered by the primary key (no paging, so no ties can move), as
    /// the report's rows, in the report's order: newest first, then the higher sale id.
    /// </summary>
    private static async Task<List<SaleRow>> AllSalesWithACompanyAsync(SandboxReport report)
    {
        using var api = await report.Sandbox.ApiClientAsync();
        var all = await SandboxFixture.JsonAsync(await api.GetAsync(
            "Sale?$select=saleId,heading,amount,date,saleStatus,contact/contactId,contact/name&$orderBy=saleId&$top=1000000&$filter="
            + Uri.EscapeDataString("contact/contactId gt 0")));
        return [.. all.GetProperty("value").EnumerateArray()
            .Select(row => SuperOfficeSaleSource.ToSale(ArchiveRow.Parse(row)!))
            .OrderByDescending(s => s.SaleDate).ThenByDescending(s => s.SaleId)];
    }

    [Fact]
    public async Task The_report_over_the_seeded_sales_has_the_same_rows_however_the_archive_orders_ties_on_each_page()
    {
        await using var report = await SandboxReport.StartAsync(o => { o.SaleCount = 3000; o.CompanyCount = 300; },
            new Dictionary<string, string?> { ["ProductReport:SaleLimit"] = "0", ["ProductReport:PageSize"] = "200" });
        var expected = await AllSalesWithACompanyAsync(report);
        // The seeded sales share dates across page boundaries, so pages by date alone would differ from page to page.
        var boundaryTies = Enumerable.Range(1, expected.Count / 200).Count(k => expected[k * 200 - 1].SaleDate == expected[k * 200].SaleDate);
        Assert.True(boundaryTies >= 3, $"only {boundaryTies} page boundaries fall inside a date");

        var paged = await report.Report.Runner.RunManualAsync(report.Sales, "sandbox-paged");
        var whole = await report.Report.Runner.RunManualAsync(new InMemorySaleSource(expected), "in-memory-whole");

        Assert.True(paged.Outcome == ReportRunOutcome.Completed, paged.Error);
        Assert.True(whole.Outcome == ReportRunOutcome.Completed, whole.Error);
        Assert.Equal(expected.Count, paged.Summary!.SalesRead);
        Assert.Equal((expected.Count + 199) / 200, paged.Summary.PagesFetched);
        var (_, pagedSales) = await report.Report.ReadCsvAsync(paged.Summary.Blobs.SalesProducts);
        var (_, wholeSales) = await report.Report.ReadCsvAsync(whole.Summary!.Blobs.SalesProducts);
        Assert.Equal(wholeSales, pagedSales);
        var (_, pagedCustomers) = await report.Report.ReadCsvAsync(paged.Summary.Blobs.CustomerProducts);
        var (_, wholeCustomers) = await report.Report.ReadCsvAsync(whole.Summary.Blobs.CustomerProducts);
        Assert.Equal(wholeCustomers, pagedCustomers);
    }

    [Fact]
    public async Task Paging_the_seeded_sales_without_the_primary_key_as_the_last_order_key_repeats_some_and_skips_others()
    {
        await using var report = await SandboxReport.StartAsync(o => { o.SaleCount = 3000; o.CompanyCount = 300; });
        var expected = (await AllSalesWithACompanyAsync(report)).Select(s => s.SaleId).Order().ToList();
        var archive = report.Report.Services.GetRequiredService<SuperOfficeArchiveClient>();
        async Task<List<int>> PageAsync(string orderBy)
        {
            var query = new ArchiveQuery { Select = ["saleId"], Filter = SaleArchiveQuery.HasCompanyFilter, OrderBy = orderBy, PageSize = 200 };
            var ids = new List<int>();
            await foreach (var row in archive.QueryAsync(SuperOfficeArchiveClient.SalePath, query))
            {
                ids.Add(row.GetInt("saleId")!.Value);
            }
            return ids;
        }

        var byDateAlone = await PageAsync("date desc");
        Assert.Equal(expected.Count, byDateAlone.Count);
        Assert.True(byDateAlone.Distinct().Count() < expected.Count, "paging by date alone should repeat some sales and lose as many");

        Assert.Equal(expected, (await PageAsync(SaleArchiveQuery.OrderBy)).Order());
    }

    [Fact]
    public async Task A_duplicate_timer_fire_runs_the_report_once()
    {
        await using var report = await SandboxReport.StartAsync();
        await report.SetSalesAsync(PostedSales());
        await report.Sandbox.AdminSendAsync(HttpMethod.Delete, "requests");
        var function = report.Function();

        await Task.WhenAll(function.RunOnSchedule(Fire(), CancellationToken.None), function.RunOnSchedule(Fire(), CancellationToken.None));
        report.Report.Clock.Advance(TimeSpan.FromSeconds(5));
        await function.RunOnSchedule(Fire(), CancellationToken.None);

        Assert.Single(await report.SaleArchiveQueriesAsync());
        var job = await report.Report.Jobs.GetAsync("report-202611300600");
        Assert.Equal(JobStatus.Completed, job!.Status);
        Assert.Equal(1, job.Attempt);
        var csv = (await report.Report.BlobNamesAsync()).Where(n => n.Contains("/sales-products-")).ToList();
        Assert.Equal(["products/2026/11/sales-products-20261130-0600.csv"], csv);
        var (_, rows) = await report.Report.ReadCsvAsync(csv[0]);
        Assert.Equal(13, rows.Count);
    }

    private static int ContactIdOf(JsonElement row) => IntOf(row, "contact/contactId");

    private static int SaleIdOf(JsonElement row) => IntOf(row, "saleId");

    private static int IntOf(JsonElement row, string column)
    {
        var value = row.TryGetProperty(column, out var direct) ? direct : row.GetProperty("ColumnProperties").GetProperty(column).GetProperty("RawValue");
        return value.ValueKind == JsonValueKind.Number ? value.GetInt32() : int.Parse(value.GetString()!, CultureInfo.InvariantCulture);
    }
}
