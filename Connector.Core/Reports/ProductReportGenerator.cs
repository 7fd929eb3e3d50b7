using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Connector.Core.Configuration;
using Connector.Core.Jobs;
using Connector.Core.Storage;
using Connector.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.Reports;

/// <summary>
/// Writes one product report: reads Sales page by page from an <see cref="ISaleSource"/>, finds the products in
/// each heading (<see cref="HeadingParser"/>) and streams one CSV row per sale and product to Blob storage as the
/// pages arrive (<see cref="CsvBlobWriter"/>),
/// so memory stays flat however many sales there are. The per-customer totals (customers × products, small) are
/// written at the end, then the summary and the <c>products/latest.json</c> pointer.
/// <para>
/// CSV: RFC 4180 (<see cref="Rfc4180"/>), UTF-8 <em>with</em> a byte order mark so that Excel, where sales people
/// open it, reads umlauts right (CSV parsers skip it); numbers and dates in the invariant culture, dates as
/// <c>yyyy-MM-dd</c>; text columns through <see cref="SpreadsheetText"/>, so a heading cannot become a formula.
/// </para>
/// </summary>
public sealed class ProductReportGenerator(
    BlobServiceClient blobs,
    StorageNames names,
    IOptionsMonitor<ProductReportOptions> options,
    TimeProvider time,
    ILogger<ProductReportGenerator> logger,
    IProductFamilySource? productFamilies = null)
{
    public const int MaxSampleHeadings = 20;
    public const int MaxSampleHeadingLength = 200;

    public static readonly string[] SalesProductsHeader =
        ["SaleId", "SaleDate", "Status", "Amount", "CustomerId", "CustomerName", "Product", "ProductCode", "Quantity", "Heading"];

    public static readonly string[] CustomerProductsHeader =
        ["CustomerId", "CustomerName", "Product", "Sales", "TotalQuantity", "FirstSaleDate", "LastSaleDate"];

    /// <summary>UTF-8 with a byte order mark (see the class remarks).</summary>
    public static readonly Encoding CsvEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    private const string CsvContentType = "text/csv; charset=utf-8";
    private const string JsonContentType = "application/json; charset=utf-8";

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(names.ReportsContainer);
    private Tuple<string, HeadingParser>? _parser;
    private readonly AsyncOnce _created = new(() => blobs.GetBlobContainerClient(names.ReportsContainer).CreateIfNotExistsAsync());

    public async Task<ReportSummary> GenerateAsync(
        ReportRun run,
        ISaleSource source,
        Func<ReportProgress, CancellationToken, ValueTask>? onPage = null,
        CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        var startedAt = time.GetUtcNow();
        var startedTicks = time.GetTimestamp();
        var blobNames = ReportBlobNames.For(run);
        logger.LogInformation("Product report {JobId} started ({Trigger}); up to {SaleLimit} sales in pages of {PageSize}",
            run.JobId, run.Trigger, settings.SaleLimit, settings.PageSize);

        var (familyNames, familiesProblem) = await LoadProductFamiliesAsync(settings, cancellationToken).ConfigureAwait(false);
        var parser = ParserFor(settings, familyNames);
        await _created.RunAsync().ConfigureAwait(false);

        var tally = new Tally();
        try
        {
            await using var salesCsv = new CsvBlobWriter(_container.GetBlockBlobClient(blobNames.SalesProducts), CsvContentType, CsvEncoding);
            await WriteSalesProductsAsync(salesCsv, source, settings, parser, tally, onPage, cancellationToken).ConfigureAwait(false);

            var emptyStage = tally.SalesProductRows > 0 ? null
                : tally.SalesRead == 0 ? ReportEmptyStage.NoSales
                : tally.SalesWithCompany == 0 ? ReportEmptyStage.NoCompany
                : ReportEmptyStage.NoProduct;
            var products = tally.CustomerProducts.Keys.Select(k => k.Product).Distinct(StringComparer.OrdinalIgnoreCase)
                .Order(StringComparer.OrdinalIgnoreCase).ToArray();
            var summary = new ReportSummary
            {
                JobId = run.JobId,
                Trigger = run.Trigger,
                ScheduledFor = run.ScheduledFor,
                StartedAt = startedAt,
                CompletedAt = time.GetUtcNow(),
                DurationMs = (long)time.GetElapsedTime(startedTicks).TotalMilliseconds,
                PagesFetched = tally.Pages,
                SalesRead = tally.SalesRead,
                SalesWithCompany = tally.SalesWithCompany,
                SalesWithoutCompany = tally.SalesRead - tally.SalesWithCompany,
                SalesWithProduct = tally.SalesWithProduct,
                SalesWithoutProduct = tally.SalesWithCompany - tally.SalesWithProduct,
                SampleUnmatchedHeadings = tally.UnmatchedSamples,
                SalesProductRows = tally.SalesProductRows,
                CustomerProductRows = tally.CustomerProducts.Count,
                Customers = tally.CustomerNames.Count,
                Products = products,
                ProductCount = products.Length,
                ProductFamilies = familyNames?.Count,
                ProductFamiliesProblem = familiesProblem,
                Empty = emptyStage is not null,
                EmptyStage = emptyStage,
                EmptyReason = emptyStage is null ? null : ReportEmptyStage.Describe(emptyStage),
                Blobs = blobNames,
                Settings = new ReportSettings(settings.SaleLimit, settings.PageSize, settings.KeywordList,
                    settings.ProductCodePattern, settings.UseProductFamilies),
            };
            // The three blobs are independent: commit the sales CSV and write the other two at once, reading the current
            // latest pointer meanwhile; latest points at them after all three are complete (its write is ETag-guarded
            // on that read, so a run that changed it in between makes us read again).
            using var commit = ConnectorTelemetry.Source.StartActivity("report commit");
            var latestRead = ReadLatestAsync(cancellationToken);
            await Task.WhenAll(
                salesCsv.CommitAsync(cancellationToken),
                UploadCsvAsync(blobNames.CustomerProducts, CustomerProductsCsv(tally), cancellationToken),
                UploadJsonAsync(blobNames.Summary, JsonSerializer.SerializeToUtf8Bytes(summary, ReportJson.Default.ReportSummary), cancellationToken),
                latestRead)
                .ConfigureAwait(false);
            await UpdateLatestAsync(new LatestReport(run.JobId, run.RunAt, summary.CompletedAt, summary.Empty, blobNames), latestRead,
                cancellationToken).ConfigureAwait(false);

            if (summary.Empty)
            {
                logger.LogWarning("Product report {JobId} is empty: {EmptyReason} ({SalesRead} sales read, {SalesWithCompany} with a company, " +
                                  "{SalesWithoutProduct} without a product); see {SummaryBlob}",
                    run.JobId, summary.EmptyReason, summary.SalesRead, summary.SalesWithCompany, summary.SalesWithoutProduct, blobNames.Summary);
            }
            else
            {
                logger.LogInformation("Product report {JobId} written: {SalesRead} sales read, {SalesWithProduct} with a product, " +
                                      "{SalesProductRows} sale rows, {CustomerProductRows} customer rows in {DurationMs} ms to {SalesBlob}",
                    run.JobId, summary.SalesRead, summary.SalesWithProduct, summary.SalesProductRows, summary.CustomerProductRows,
                    summary.DurationMs, blobNames.SalesProducts);
            }
            return summary;
        }
        catch (Exception e) when (e is not JobClaimLostException)
        {
            // The sales CSV is never committed half-written; the other blobs may be: remove what this run wrote.
            await DeleteQuietlyAsync(blobNames).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The parser for these settings, reused across runs while they stay the same: its regexes are compiled, which
    /// cost a run of 10,000 sales a noticeable share of its time when built anew each run.
    /// </summary>
    private HeadingParser ParserFor(ProductReportOptions settings, IReadOnlyList<string>? familyNames)
    {
        var key = string.Join('\n', settings.KeywordList) + "\u0001" + settings.ProductCodePattern + "\u0001" + string.Join('\n', familyNames ?? []);
        if (Volatile.Read(ref _parser) is { } cached && cached.Item1 == key)
        {
            return cached.Item2;
        }
        var parser = new HeadingParser(settings.KeywordList, settings.ProductCodePattern, familyNames);
        Volatile.Write(ref _parser, Tuple.Create(key, parser));
        return parser;
    }

    private async Task WriteSalesProductsAsync(
        CsvBlobWriter csv, ISaleSource source, ProductReportOptions settings, HeadingParser parser, Tally tally,
        Func<ReportProgress, CancellationToken, ValueTask>? onPage, CancellationToken cancellationToken)
    {
        var page = new StringBuilder();
        Rfc4180.AppendRecord(page, SalesProductsHeader);
        await csv.WriteAsync(page, cancellationToken).ConfigureAwait(false);

        // The next page is fetched while this one is parsed and written (one page ahead, so memory stays flat).
        var pages = source.ReadPagesAsync(settings.SaleLimit, settings.PageSize, cancellationToken).PrefetchAsync(ahead: 1, cancellationToken);
        await foreach (var salePage in pages.ConfigureAwait(false))
        {
            using var span = ConnectorTelemetry.Source.StartActivity("report page");
            page.Clear();
            tally.Pages++;
            var rowsBefore = tally.SalesProductRows;
            foreach (var sale in salePage.Rows)
            {
                AddSale(sale, parser, tally, page);
            }
            span?.SetTag(TelemetryAttributes.Page, tally.Pages);
            span?.SetTag(TelemetryAttributes.Rows, tally.SalesProductRows - rowsBefore);
            await csv.WriteAsync(page, cancellationToken).ConfigureAwait(false);
            if (onPage is not null)
            {
                await onPage(new ReportProgress(tally.Pages, tally.SalesRead), cancellationToken).ConfigureAwait(false);
            }
            if (settings.SaleLimit > 0 && tally.SalesRead >= settings.SaleLimit)
            {
                break;
            }
        }
    }

    private static void AddSale(SaleRow sale, HeadingParser parser, Tally tally, StringBuilder output)
    {
        tally.SalesRead++;
        // The archive is asked only for sales with a company; a row without one is still never a customer's.
        if (sale.CustomerId <= 0)
        {
            return;
        }
        tally.SalesWithCompany++;

        var products = parser.Parse(sale.Heading);
        if (products.Count == 0)
        {
            var sample = sale.Heading ?? "";
            sample = sample.Length > MaxSampleHeadingLength ? sample[..MaxSampleHeadingLength] : sample;
            if (tally.UnmatchedSamples.Count < MaxSampleHeadings && !tally.UnmatchedSamples.Contains(sample))
            {
                tally.UnmatchedSamples.Add(sample);
            }
            return;
        }
        tally.SalesWithProduct++;
        // Sales arrive newest first, so the first name seen is the customer's current one.
        tally.CustomerNames.TryAdd(sale.CustomerId, sale.CustomerName);

        var date = KnownDate(sale.SaleDate);
        var saleId = Invariant(sale.SaleId);
        var dateText = FormatDate(date);
        var amount = sale.Amount?.ToString(CultureInfo.InvariantCulture);
        var customerId = Invariant(sale.CustomerId);
        var status = SpreadsheetText.Neutralize(sale.Status);
        var customerName = SpreadsheetText.Neutralize(sale.CustomerName);
        var heading = SpreadsheetText.Neutralize(sale.Heading);
        foreach (var product in products)
        {
            Rfc4180.AppendRecord(output, saleId, dateText, status, amount, customerId, customerName,
                SpreadsheetText.Neutralize(product.Product), SpreadsheetText.Neutralize(product.Code), Invariant(product.Quantity), heading);
            tally.SalesProductRows++;

            var key = (sale.CustomerId, product.Product);
            if (!tally.CustomerProducts.TryGetValue(key, out var totals))
            {
                totals = new CustomerProductTotals();
                tally.CustomerProducts[key] = totals;
            }
            totals.Add(product.Quantity, date);
        }
    }

    private static StringBuilder CustomerProductsCsv(Tally tally)
    {
        var csv = new StringBuilder();
        Rfc4180.AppendRecord(csv, CustomerProductsHeader);
        foreach (var ((customerId, product), totals) in tally.CustomerProducts
                     .OrderBy(e => e.Key.CustomerId)
                     .ThenBy(e => e.Key.Product, StringComparer.OrdinalIgnoreCase))
        {
            Rfc4180.AppendRecord(csv, Invariant(customerId), SpreadsheetText.Neutralize(tally.CustomerNames.GetValueOrDefault(customerId)),
                SpreadsheetText.Neutralize(product), Invariant(totals.Sales),
                Invariant(totals.TotalQuantity), FormatDate(totals.FirstSaleDate), FormatDate(totals.LastSaleDate));
        }
        return csv;
    }

    private async Task<(IReadOnlyList<string>? Names, string? Problem)> LoadProductFamiliesAsync(ProductReportOptions settings, CancellationToken cancellationToken)
    {
        if (!settings.UseProductFamilies)
        {
            return (null, null);
        }
        if (productFamilies is null)
        {
            logger.LogWarning("ProductReport:UseProductFamilies is true but no product family source is registered; matching without families");
            return (null, "no product family source is registered");
        }
        try
        {
            return (await productFamilies.GetNamesAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Product families are not available; matching without them");
            return (null, "not available: " + e.Message);
        }
    }

    private async Task UploadCsvAsync(string blobName, StringBuilder csv, CancellationToken cancellationToken)
    {
        var text = csv.ToString();
        var bytes = new byte[CsvEncoding.Preamble.Length + CsvEncoding.GetByteCount(text)];
        CsvEncoding.Preamble.CopyTo(bytes);
        CsvEncoding.GetBytes(text, bytes.AsSpan(CsvEncoding.Preamble.Length));
        await UploadAsync(blobName, bytes, CsvContentType, null, cancellationToken).ConfigureAwait(false);
    }

    private Task UploadJsonAsync(string blobName, byte[] json, CancellationToken cancellationToken) =>
        UploadAsync(blobName, json, JsonContentType, null, cancellationToken);

    private async Task UploadAsync(string blobName, byte[] content, string contentType, BlobRequestConditions? conditions, CancellationToken cancellationToken) =>
        await _container.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Conditions = conditions,
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Points <c>products/latest.json</c> at this run unless a newer run (a later <see cref="ReportRun.RunAt"/>)
    /// got there first; ETag-guarded on <paramref name="firstRead"/> (and on a fresh read after a conflict), so two
    /// runs finishing together cannot leave the older one as latest.
    /// </summary>
    private async Task UpdateLatestAsync(LatestReport latest, Task<(LatestReport? Current, ETag? ETag)> firstRead, CancellationToken cancellationToken)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(latest, ReportJson.Default.LatestReport);
        var read = firstRead;
        for (var attempt = 0; attempt < 5; attempt++, read = ReadLatestAsync(cancellationToken))
        {
            var (existing, etag) = await read.ConfigureAwait(false);
            if (existing is not null && existing.RunAt > latest.RunAt)
            {
                logger.LogInformation("Product report {JobId}: {Latest} stays at the newer run {NewerJobId}",
                    latest.JobId, ReportBlobNames.Latest, existing.JobId);
                return;
            }
            var conditions = etag is { } match ? new BlobRequestConditions { IfMatch = match } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                await UploadAsync(ReportBlobNames.Latest, content, JsonContentType, conditions, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another run wrote it between our read and write: read again.
            }
        }
        logger.LogWarning("Product report {JobId}: {Latest} could not be updated (it kept changing)", latest.JobId, ReportBlobNames.Latest);
    }

    /// <summary>The current latest pointer (null when unreadable) and its ETag; no ETag when there is none yet.</summary>
    private async Task<(LatestReport? Current, ETag? ETag)> ReadLatestAsync(CancellationToken cancellationToken)
    {
        try
        {
            var current = await _container.GetBlobClient(ReportBlobNames.Latest).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return (TryRead(current.Value.Content), current.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, null);
        }
    }

    private static LatestReport? TryRead(BinaryData content)
    {
        try
        {
            return JsonSerializer.Deserialize(content.ToMemory().Span, ReportJson.Default.LatestReport);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task DeleteQuietlyAsync(ReportBlobNames blobNames)
    {
        foreach (var name in new[] { blobNames.SalesProducts, blobNames.CustomerProducts, blobNames.Summary })
        {
            try
            {
                await _container.GetBlobClient(name).DeleteIfExistsAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Partial report blob {BlobName} could not be deleted", name);
            }
        }
    }

    /// <summary>The archive sends <c>0001-01-01</c> for "no date".</summary>
    private static DateTimeOffset? KnownDate(DateTimeOffset? date) => date is { Year: > 1 } ? date : null;

    private static string? FormatDate(DateTimeOffset? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class Tally
    {
        public int Pages;
        public int SalesRead;
        public int SalesWithCompany;
        public int SalesWithProduct;
        public int SalesProductRows;
        public readonly List<string> UnmatchedSamples = [];
        public readonly Dictionary<int, string?> CustomerNames = [];
        public readonly Dictionary<(int CustomerId, string Product), CustomerProductTotals> CustomerProducts = [];
    }
}
