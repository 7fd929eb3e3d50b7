using System.CommandLine;
using System.Globalization;
using Azure.Storage.Blobs;
using Connector.Cli.Output;
using Connector.Core.Reports;
using Connector.Core.Storage;

namespace Connector.Cli.Commands;

/// <summary>
/// <c>report products [--out DIR | --blob] [--limit N]</c>: the timer's product report, now, through the same
/// <see cref="ProductReportRunner"/> (a manual run, recorded as a job). With <c>--blob</c> it goes to container
/// <c>reports</c> and moves <c>products/latest.json</c>, as the timer's does; with <c>--out</c> (the default, the current
/// folder) it is written to a scratch container, saved to the folder and the scratch container deleted, so the
/// reports the business reads are untouched.
/// </summary>
public static class ReportProductsCommand
{
    public static Command Create(CommandBinder binder)
    {
        var output = new Option<string?>("--out") { Description = "Write the CSV files and the summary to this folder (default: the current folder)." };
        var blob = new Option<bool>("--blob") { Description = "Write to Blob container reports, as the timer does (moves products/latest.json)." };
        var limit = new Option<int?>("--limit") { Description = "Read at most this many sales (ProductReport:SaleLimit; 0 = all)." };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 0)
            {
                r.AddError("--limit must be 0 (all sales) or more.");
            }
        });
        var products = new Command("products", "Run the product report now, to local files (--out) or to Blob (--blob), with progress.") { output, blob, limit };
        products.Validators.Add(r =>
        {
            if (r.GetValue(blob) && r.GetValue(output) is not null)
            {
                r.AddError("Give --out DIR or --blob, not both.");
            }
        });

        return binder.Bind(products, async (scope, cancellationToken) =>
        {
            if (scope.ParseResult.GetValue(limit) is { } max)
            {
                scope.Override("ProductReport:SaleLimit", max.ToString(CultureInfo.InvariantCulture));
            }
            var toBlob = scope.ParseResult.GetValue(blob);
            var folder = Path.GetFullPath(scope.ParseResult.GetValue(output) ?? ".", scope.WorkingDirectory);
            if (!toBlob)
            {
                if (!Directory.Exists(folder))
                {
                    throw new CliUsageException($"--out {folder} is not a folder; create it first.");
                }
                var scratch = "cli-report-" + Guid.NewGuid().ToString("N")[..12];
                scope.UseStorageNames(names => names with { ReportsContainer = scratch });
            }
            scope.RequireStorage();

            var progress = new ProgressLine(scope.Error, scope.Interactive, every: 1);
            var sales = new ProgressSaleSource(scope.Get<ISaleSource>(), (pages, read) =>
                progress.Report(pages, null, $"{pages} pages, {read} sales read"));
            var names = scope.Get<StorageNames>();
            ReportRunResult result;
            var files = new List<string>();
            try
            {
                result = await scope.Get<ProductReportRunner>().RunManualAsync(sales, cancellationToken: cancellationToken).ConfigureAwait(false);
                progress.Done();
                if (result.Summary is { } summary && result.Outcome is ReportRunOutcome.Completed or ReportRunOutcome.Empty)
                {
                    var blobs = new[] { summary.Blobs.SalesProducts, summary.Blobs.CustomerProducts, summary.Blobs.Summary };
                    if (toBlob)
                    {
                        files.AddRange(blobs.Select(b => $"{names.ReportsContainer}/{b}"));
                    }
                    else
                    {
                        var container = scope.Get<BlobServiceClient>().GetBlobContainerClient(names.ReportsContainer);
                        foreach (var name in blobs)
                        {
                            var file = Path.Combine(folder, Path.GetFileName(name));
                            await container.GetBlobClient(name).DownloadToAsync(file, cancellationToken).ConfigureAwait(false);
                            files.Add(file);
                        }
                    }
                }
            }
            finally
            {
                if (!toBlob)
                {
                    await scope.Get<BlobServiceClient>().GetBlobContainerClient(names.ReportsContainer).DeleteIfExistsAsync(cancellationToken: CancellationToken.None)
                        .ConfigureAwait(false);
                }
            }

            var report = new ReportProductsReport(result.JobId, result.Outcome, toBlob ? "blob" : folder, files, result.Summary, result.Error);
            if (scope.Json)
            {
                scope.WriteJson(report, CliJson.Output.ReportProductsReport);
            }
            else
            {
                scope.Out.WriteLine($"Product report {report.JobId}: {report.Outcome}");
                if (result.Summary is { } s)
                {
                    scope.Out.WriteLine($"{s.SalesRead} sales read in {s.PagesFetched} pages, {s.SalesWithCompany} with a company, {s.SalesWithProduct} with a product; " +
                                        $"{s.SalesProductRows} sale rows, {s.CustomerProductRows} customer rows, {s.Products.Count} products.");
                    if (s.Empty)
                    {
                        scope.Out.WriteLine($"The report is empty: {s.EmptyReason}");
                    }
                }
                foreach (var file in files)
                {
                    scope.Out.WriteLine(file);
                }
            }
            return result.Outcome switch
            {
                ReportRunOutcome.Completed or ReportRunOutcome.Empty => ExitCodes.Success,
                ReportRunOutcome.Failed => throw new CliFailureException($"Product report {result.JobId} failed: {result.Error}"),
                _ => throw new CliFailureException($"Product report {result.JobId} did not run: {result.Outcome}."),
            };
        });
    }
}
