using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Connector.Core.Jobs;
using Connector.Core.Reports;
using Connector.Core.Storage;

namespace Connector.Core.Operations;

/// <summary>
/// Product report runs for the operations page: the newest runs (jobs of kind <c>Report</c>, from the job index) with
/// their summaries, and a run's files opened from container <c>reports</c> for streaming. Which blob a file is comes
/// from the run's own summary, never from the caller, so nothing outside a run's three files can be read.
/// </summary>
public sealed class ReportRuns(JobHistory history, JobStore jobs, BlobServiceClient blobs, StorageNames names, TimeProvider time)
{
    public const int MaxRuns = 50;
    public static readonly TimeSpan Range = TimeSpan.FromDays(90);

    public async Task<(IReadOnlyList<ReportRunView> Runs, string? NextCursor)> ListAsync(int limit, string? cursor, CancellationToken cancellationToken = default)
    {
        var page = await history.ListAsync(new JobQuery
        {
            Kind = JobKinds.Report,
            From = time.GetUtcNow() - Range,
            Limit = Math.Clamp(limit, 1, MaxRuns),
            Cursor = cursor,
        }, cancellationToken).ConfigureAwait(false);
        var runs = await Task.WhenAll(page.Jobs.Select(async summary =>
            new ReportRunView(summary, ReadSummary(await jobs.GetAsync(summary.JobId, cancellationToken).ConfigureAwait(false))))).ConfigureAwait(false);
        return (runs, page.NextCursor);
    }

    /// <summary>The file of a run, open for reading; null when the run, its summary or the blob does not exist.</summary>
    public async Task<ReportDownload?> OpenAsync(string jobId, ReportFile file, CancellationToken cancellationToken = default)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job?.Kind != JobKinds.Report || ReadSummary(job)?.Blobs is not { } blobNames)
        {
            return null;
        }
        var (name, contentType) = file switch
        {
            ReportFile.Sales => (blobNames.SalesProducts, "text/csv; charset=utf-8"),
            ReportFile.Customers => (blobNames.CustomerProducts, "text/csv; charset=utf-8"),
            _ => (blobNames.Summary, "application/json; charset=utf-8"),
        };
        try
        {
            var blob = blobs.GetBlobContainerClient(names.ReportsContainer).GetBlobClient(name);
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new ReportDownload(download.Value.Content, contentType, download.Value.Details.ContentLength, name[(name.LastIndexOf('/') + 1)..]);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public static ReportSummary? ReadSummary(JobRecord? job)
    {
        if (job?.Kind != JobKinds.Report || string.IsNullOrWhiteSpace(job.Details))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(job.Details, ReportJson.Default.ReportSummary);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
