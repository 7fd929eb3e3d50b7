using System.Globalization;
using Connector.Core.Configuration;
using Connector.Core.Jobs;
using Connector.Core.SuperOffice;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.Recovery;

/// <summary>
/// Queues a sync job for every company changed since a time, read from the FindContact archive page by page (the
/// watchdog's recovery, the CLI's <c>recover</c> and <c>backfill</c>). Memory stays flat: one page at a time, no list
/// of companies. See docs/superoffice/archives.md for the query.
/// <list type="bullet">
/// <item><c>updatedDate afterTime '…'</c>: a <c>date</c> column compared to the second ("after or equal");
/// <c>after</c> would compare days only.</item>
/// <item>Then <c>registeredDate afterTime '…'</c> for companies whose <c>updatedDate</c> is empty: a company never
/// changed after its creation may have none (UNCONFIRMED), and one created during an outage must be enriched too.</item>
/// <item>Ordered by the primary key, the only order under which pages built anew neither skip nor repeat a row.</item>
/// </list>
/// </summary>
public sealed class ContactRecovery(
    SuperOfficeArchiveClient archive,
    JobStore jobs,
    SyncJobEnqueuer enqueuer,
    IOptionsMonitor<SuperOfficeOptions> superOffice,
    TimeProvider time,
    ILogger<ContactRecovery> logger)
{
    public const string ContactArchivePath = "v1/Contact";

    /// <summary>How long a run owns queueing a job it recorded; a rerun after an interruption takes over once it lapses.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The archive filters of a recovery from <paramref name="since"/>: updated, then created (see the class).</summary>
    public static (string Updated, string Registered) Filters(DateTimeOffset since)
    {
        var at = since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return ($"updatedDate afterTime '{at}'", $"registeredDate afterTime '{at}'");
    }

    /// <param name="onCompany">Called after each company (its job queued, or found queued before); may renew a claim or report progress.</param>
    public async Task<RecoveryResult> RunAsync(RecoveryRequest request, Func<RecoveredCompany, CancellationToken, ValueTask>? onCompany = null,
        CancellationToken cancellationToken = default)
    {
        var tenant = superOffice.CurrentValue.ContextIdentifier;
        var (updated, registered) = Filters(request.Since);
        int companies = 0, queued = 0, existing = 0;
        var started = time.GetTimestamp();

        async Task TakeAsync(int contactId, CancellationToken ct)
        {
            var jobId = request.JobIdFor(contactId);
            bool isNew;
            if (request.DryRun)
            {
                isNew = await jobs.GetAsync(jobId, ct).ConfigureAwait(false) is null;
            }
            else
            {
                // The bounded rate: the n-th new job is queued no earlier than n intervals after the start.
                var wait = request.Interval * queued - time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, ct).ConfigureAwait(false);
                }
                var result = await enqueuer.EnqueueAsync(JobRecords.ForManualSync(jobId, contactId, tenant, time.GetUtcNow(), request.Note), ClaimTimeout, ct)
                    .ConfigureAwait(false);
                await result.Settled.ConfigureAwait(false);
                isNew = result.Outcome == EnqueueOutcome.Queued;
            }
            companies++;
            if (isNew) { queued++; } else { existing++; }
            if (onCompany is not null)
            {
                await onCompany(new RecoveredCompany(contactId, jobId, isNew), ct).ConfigureAwait(false);
            }
        }

        var last = 0;
        await foreach (var row in Rows(updated, cancellationToken).ConfigureAwait(false))
        {
            // Ordered by contactId: an id not above the last one is a repeat.
            if (ContactIdOf(row) is { } contactId && contactId > last)
            {
                last = contactId;
                await TakeAsync(contactId, cancellationToken).ConfigureAwait(false);
            }
        }
        last = 0;
        await foreach (var row in Rows(registered, cancellationToken).ConfigureAwait(false))
        {
            // A company with an update time was in the first query (updated on or after its creation, so after Since).
            if (ContactIdOf(row) is { } contactId && contactId > last && !HasDate(row, "updatedDate"))
            {
                last = contactId;
                await TakeAsync(contactId, cancellationToken).ConfigureAwait(false);
            }
        }
        logger.LogInformation("Recovery since {Since} ({JobIdPrefix}): {Companies} companies, {Queued} jobs queued, {Existing} queued before (dry run: {DryRun})",
            request.Since, request.JobIdPrefix, companies, queued, existing, request.DryRun);
        return new RecoveryResult(companies, queued, existing);
    }

    /// <summary>Whether any company was updated or created from <paramref name="since"/> on: one row of each query at most.</summary>
    public async Task<bool> AnyChangedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var (updated, registered) = Filters(since);
        foreach (var filter in new[] { updated, registered })
        {
            await foreach (var _ in Rows(filter, cancellationToken, limit: 1).ConfigureAwait(false))
            {
                return true;
            }
        }
        return false;
    }

    private IAsyncEnumerable<ArchiveRow> Rows(string filter, CancellationToken cancellationToken, int? limit = null) =>
        archive.QueryAsync(ContactArchivePath, new ArchiveQuery
        {
            Select = ["contactId", "updatedDate", "registeredDate"],
            Filter = filter,
            OrderBy = "contactId",
            Limit = limit,
        }, cancellationToken);

    private static int? ContactIdOf(ArchiveRow row) => row.GetInt("contactId") ?? row.PrimaryKey;

    // An empty date column shows as an empty text or as the smallest date (UNCONFIRMED which).
    private static bool HasDate(ArchiveRow row, string column) => row.GetDate(column) is { Year: > 1900 };
}
