using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Storage.Blobs;
using Connector.Core.Jobs;
using Connector.Core.Reports;
using Connector.Core.Storage;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Reports;

/// <summary>The report over an in-memory sale source, written to Azurite and read back with a CSV parser.</summary>
public sealed class ProductReportGeneratorTests
{
    private static readonly Dictionary<string, string?> SmallPages = new() { ["ProductReport:PageSize"] = "3" };

    [Fact]
    public async Task Writes_one_row_per_sale_and_product_and_one_per_customer_and_product()
    {
        await using var harness = await ReportHarness.CreateAsync(SmallPages);
        var source = new InMemorySaleSource(SampleSales.Seeded);

        var result = await harness.Runner.RunScheduledAsync(source);

        Assert.Equal(ReportRunOutcome.Completed, result.Outcome);
        var blobs = result.Summary!.Blobs;
        var sales = await harness.ReadCsvAsync(blobs.SalesProducts);
        Assert.Equal(["SaleId", "SaleDate", "Status", "Amount", "CustomerId", "CustomerName", "Product", "ProductCode", "Quantity", "Heading"], sales.Header);
        Assert.Equal(
        [
            "101 | 2026-11-20 | Sold | 1234.50 | 10 | Müller GmbH | OMNIE |  | 2 | 2xOmnie CD-01 mit Nachlass",
            "101 | 2026-11-20 | Sold | 1234.50 | 10 | Müller GmbH | CD-01 |  | 1 | 2xOmnie CD-01 mit Nachlass",
            "102 | 2026-11-18 | Open | 99.9 | 11 | Schmidt, Weber & Co \"Nord\" | Service |  | 1 | Servicevertrag Omnie",
            "102 | 2026-11-18 | Open | 99.9 | 11 | Schmidt, Weber & Co \"Nord\" | OMNIE |  | 1 | Servicevertrag Omnie",
            "105 |  | Open | 10 | 10 | Müller GmbH | CD-01 |  | 3 | 3 Stk CD-01\nZeile 2",
            "107 | 2026-09-30 | Sold | 7 | 10 | Müller GmbH (alt) | OMNIE | RR-02-017-OMNIE | 1 | RR-02-017-OMNIE",
        ], sales.Rows);

        var customers = await harness.ReadCsvAsync(blobs.CustomerProducts);
        Assert.Equal(["CustomerId", "CustomerName", "Product", "Sales", "TotalQuantity", "FirstSaleDate", "LastSaleDate"], customers.Header);
        Assert.Equal(
        [
            "10 | Müller GmbH | CD-01 | 2 | 4 | 2026-11-20 | 2026-11-20",
            "10 | Müller GmbH | OMNIE | 2 | 3 | 2026-09-30 | 2026-11-20",
            "11 | Schmidt, Weber & Co \"Nord\" | OMNIE | 1 | 1 | 2026-11-18 | 2026-11-18",
            "11 | Schmidt, Weber & Co \"Nord\" | Service | 1 | 1 | 2026-11-18 | 2026-11-18",
        ], customers.Rows);

        var summary = await harness.ReadJsonAsync(blobs.Summary);
        Assert.Equal(7, summary.GetProperty("salesRead").GetInt32());
        Assert.Equal(6, summary.GetProperty("salesWithCompany").GetInt32());
        Assert.Equal(1, summary.GetProperty("salesWithoutCompany").GetInt32());
        Assert.Equal(4, summary.GetProperty("salesWithProduct").GetInt32());
        Assert.Equal(2, summary.GetProperty("salesWithoutProduct").GetInt32());
        Assert.Equal(["Omnielektro GmbH Angebot", ""], summary.GetProperty("sampleUnmatchedHeadings").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, summary.GetProperty("pagesFetched").GetInt32());
        Assert.Equal(6, summary.GetProperty("salesProductRows").GetInt32());
        Assert.Equal(4, summary.GetProperty("customerProductRows").GetInt32());
        Assert.Equal(2, summary.GetProperty("customers").GetInt32());
        Assert.Equal(["CD-01", "OMNIE", "Service"], summary.GetProperty("products").EnumerateArray().Select(e => e.GetString()));
        Assert.False(summary.GetProperty("empty").GetBoolean());
        Assert.False(summary.TryGetProperty("emptyStage", out _));
        Assert.True(summary.GetProperty("durationMs").GetInt64() >= 0);
        Assert.Equal(blobs.SalesProducts, summary.GetProperty("blobs").GetProperty("salesProducts").GetString());
    }

    [Fact]
    public async Task Csv_is_utf8_with_a_byte_order_mark_and_crlf_line_ends_and_quotes_only_where_needed()
    {
        await using var harness = await ReportHarness.CreateAsync();
        var result = await harness.Runner.RunScheduledAsync(new InMemorySaleSource(SampleSales.Seeded));

        var bytes = await harness.ReadBytesAsync(result.Summary!.Blobs.SalesProducts);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        Assert.StartsWith("SaleId,SaleDate,Status,Amount,CustomerId,CustomerName,Product,ProductCode,Quantity,Heading\r\n", text);
        Assert.Contains("\r\n101,2026-11-20,Sold,1234.50,10,Müller GmbH,OMNIE,,2,2xOmnie CD-01 mit Nachlass\r\n", text);
        Assert.Contains(",\"Schmidt, Weber & Co \"\"Nord\"\"\",", text);
        Assert.Contains(",\"3 Stk CD-01\nZeile 2\"\r\n", text);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), (await harness.ReadBytesAsync(result.Summary.Blobs.CustomerProducts))[..3]);
    }

    [Fact]
    public async Task The_job_records_outcome_counts_and_blob_names()
    {
        await using var harness = await ReportHarness.CreateAsync();
        var result = await harness.Runner.RunScheduledAsync(new InMemorySaleSource(SampleSales.Seeded));

        var job = await harness.Jobs.GetAsync("report-202611300600");
        Assert.NotNull(job);
        Assert.Equal(JobKinds.Report, job.Kind);
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Null(job.Reason);
        Assert.Null(job.ClaimedUntil);
        Assert.Equal("7 sales read, 4 with a product, 4 customer rows", job.Message);
        var details = JobView.From(job).Details!.Value;
        Assert.Equal(4, details.GetProperty("salesWithProduct").GetInt32());
        Assert.Equal(result.Summary!.Blobs.CustomerProducts, details.GetProperty("blobs").GetProperty("customerProducts").GetString());
        Assert.Equal("products/2026/11/summary-20261130-0600.json", details.GetProperty("blobs").GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Latest_points_to_the_newest_run_even_when_an_older_one_finishes_later()
    {
        await using var harness = await ReportHarness.CreateAsync();
        var newer = await harness.Runner.RunAsync(ReportRun.Manual(ReportHarness.MondayMorning.AddHours(1), "newer"), new InMemorySaleSource(SampleSales.Seeded));
        var latest = await harness.ReadJsonAsync(ReportBlobNames.Latest);
        Assert.Equal(newer.JobId, latest.GetProperty("jobId").GetString());
        Assert.Equal(newer.Summary!.Blobs.SalesProducts, latest.GetProperty("blobs").GetProperty("salesProducts").GetString());

        // The 06:00 occurrence runs (e.g. a retry) after the 07:00 manual run: latest stays at the newer one.
        await harness.Runner.RunScheduledAsync(new InMemorySaleSource(SampleSales.Seeded));
        Assert.Equal(newer.JobId, (await harness.ReadJsonAsync(ReportBlobNames.Latest)).GetProperty("jobId").GetString());

        var next = await harness.Runner.RunAsync(ReportRun.Manual(ReportHarness.MondayMorning.AddHours(2), "next"), new InMemorySaleSource([]));
        latest = await harness.ReadJsonAsync(ReportBlobNames.Latest);
        Assert.Equal(next.JobId, latest.GetProperty("jobId").GetString());
        Assert.True(latest.GetProperty("empty").GetBoolean());
    }

    [Fact]
    public async Task Latest_is_not_overwritten_when_a_newer_run_writes_it_between_our_read_and_our_write()
    {
        var newerElsewhere = ReportRun.Manual(ReportHarness.MondayMorning.AddHours(3), "newer-elsewhere");
        BlobClient? plainLatest = null;
        var raced = 0;
        var hook = new StorageRequestHook(
            m => m.Request.Method == RequestMethod.Put && m.Request.Uri.Path.EndsWith("/" + ReportBlobNames.Latest, StringComparison.Ordinal),
            before: async _ =>
            {
                if (Interlocked.Exchange(ref raced, 1) == 0)
                {
                    // Another instance's newer run lands after our read of latest and before our conditional write.
                    var theirs = new LatestReport(newerElsewhere.JobId, newerElsewhere.RunAt, newerElsewhere.RunAt, false, ReportBlobNames.For(newerElsewhere));
                    await plainLatest!.UploadAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(theirs, ReportJson.Default.LatestReport)), overwrite: true);
                }
            });
        var hooked = await hook.BlobServiceAsync();
        await using var harness = await ReportHarness.CreateAsync(configure: services => services.AddSingleton(hooked));
        plainLatest = new BlobServiceClient(await Azurite.GetConnectionStringAsync())
            .GetBlobContainerClient(harness.Services.GetRequiredService<StorageNames>().ReportsContainer).GetBlobClient(ReportBlobNames.Latest);

        var ours = await harness.Runner.RunScheduledAsync(new InMemorySaleSource(SampleSales.Seeded));

        Assert.Equal(ReportRunOutcome.Completed, ours.Outcome);
        Assert.Equal(1, raced);
        Assert.Equal(newerElsewhere.JobId, (await harness.ReadJsonAsync(ReportBlobNames.Latest)).GetProperty("jobId").GetString());
    }

    [Fact]
    public async Task The_sale_limit_and_page_size_reach_the_source()
    {
        await using var harness = await ReportHarness.CreateAsync(new Dictionary<string, string?>
        {
            ["ProductReport:SaleLimit"] = "5",
            ["ProductReport:PageSize"] = "2",
        });
        var source = new InMemorySaleSource(SampleSales.Seeded);
        var result = await harness.Runner.RunScheduledAsync(source);

        Assert.Equal(5, result.Summary!.SalesRead);
        Assert.Equal(3, result.Summary.PagesFetched);
        Assert.Equal(["101", "101", "102", "102", "105"], (await harness.ReadCsvAsync(result.Summary.Blobs.SalesProducts)).Rows.Select(r => r.Split(" | ")[0]));
    }

    public static TheoryData<string, SaleRow[], string, string> EmptyReports => new()
    {
        { "no sales", [], ReportEmptyStage.NoSales, "no sales returned by the archive" },
        {
            "no company",
            [new(1, SampleSales.Day(2026, 11, 1), "Sold", 1m, 0, null, "2x Omnie"), new(2, null, "Open", null, 0, null, "CD-01")],
            ReportEmptyStage.NoCompany, "all sales without a company"
        },
        {
            "no product",
            [new(1, SampleSales.Day(2026, 11, 1), "Sold", 1m, 7, "Acme AG", "Omnielektro GmbH Angebot"), new(2, null, "Open", null, 8, "Beta KG", "Rahmenvertrag")],
            ReportEmptyStage.NoProduct, "no heading matched a product"
        },
    };

    [Theory]
    [MemberData(nameof(EmptyReports))]
    public async Task An_empty_report_names_the_stage_that_dropped_the_rows_and_warns(string name, SaleRow[] sales, string stage, string reason)
    {
        await using var harness = await ReportHarness.CreateAsync();
        var result = await harness.Runner.RunScheduledAsync(new InMemorySaleSource(sales));

        Assert.Equal(ReportRunOutcome.Empty, result.Outcome);
        var summary = await harness.ReadJsonAsync(result.Summary!.Blobs.Summary);
        Assert.True(summary.GetProperty("empty").GetBoolean(), name);
        Assert.Equal(stage, summary.GetProperty("emptyStage").GetString());
        Assert.Equal(reason, summary.GetProperty("emptyReason").GetString());
        Assert.Equal(sales.Length, summary.GetProperty("salesRead").GetInt32());

        Assert.Empty((await harness.ReadCsvAsync(result.Summary.Blobs.SalesProducts)).Rows);
        Assert.Empty((await harness.ReadCsvAsync(result.Summary.Blobs.CustomerProducts)).Rows);

        var job = await harness.Jobs.GetAsync(result.JobId);
        Assert.Equal(JobStatus.Completed, job!.Status);
        Assert.Equal(ProductReportRunner.EmptyReason, job.Reason);
        Assert.Equal("Empty report: " + reason, job.Message);
        Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains(reason));
    }

    [Fact]
    public async Task Headings_that_matched_nothing_are_sampled_up_to_twenty()
    {
        await using var harness = await ReportHarness.CreateAsync();
        var sales = Enumerable.Range(1, 30).Select(i => new SaleRow(i, null, "Open", null, 5, "Acme AG", $"Angebot {i}")).ToArray();
        var result = await harness.Runner.RunScheduledAsync(new InMemorySaleSource(sales));

        Assert.Equal(ReportEmptyStage.NoProduct, result.Summary!.EmptyStage);
        Assert.Equal(30, result.Summary.SalesWithoutProduct);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"Angebot {i}"), result.Summary.SampleUnmatchedHeadings);
    }

    [Fact]
    public async Task Ten_thousand_sales_stream_through_with_exact_counts()
    {
        await using var harness = await ReportHarness.CreateAsync(new Dictionary<string, string?> { ["ProductReport:SaleLimit"] = "0" });
        var source = new InMemorySaleSource(SampleSales.Many(10_000));

        var result = await harness.Runner.RunScheduledAsync(source);

        var summary = result.Summary!;
        Assert.Equal(ReportRunOutcome.Completed, result.Outcome);
        Assert.Equal(50, summary.PagesFetched);
        Assert.Equal(10_000, summary.SalesRead);
        Assert.Equal(10_000, summary.SalesWithCompany);
        Assert.Equal(8_000, summary.SalesWithProduct);
        Assert.Equal(2_000, summary.SalesWithoutProduct);
        Assert.Equal(["Rahmenvertrag 2026"], summary.SampleUnmatchedHeadings);
        Assert.Equal(10_000, summary.SalesProductRows);
        Assert.Equal(100, summary.CustomerProductRows);
        Assert.Equal(80, summary.Customers);

        var sales = await harness.ReadCsvAsync(summary.Blobs.SalesProducts);
        Assert.Equal(10_000, sales.Rows.Count);
        Assert.Equal(8_000, sales.Rows.Select(r => r.Split(" | ")[0]).Distinct().Count());
        var customers = await harness.ReadCsvAsync(summary.Blobs.CustomerProducts);
        Assert.Equal(100, customers.Rows.Count);
        // Customer 1000 always bought "2xOmnie CD-01": 100 sales of it in 10,000.
        Assert.Contains("1000 | Kunde 1000 | OMNIE | 100 | 200 | ", string.Join("\n", customers.Rows));
    }
}
