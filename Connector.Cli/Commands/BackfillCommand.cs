using System.CommandLine;
using System.Globalization;
using Connector.Cli.Output;
using Connector.Core.Configuration;
using Connector.Core.Intake;
using Connector.Core.Jobs;
using Connector.Core.SuperOffice;
using Connector.Core.Sync;

namespace Connector.Cli.Commands;

/// <summary>
/// <c>backfill --since DATE [--dry-run] [--rate N/s]</c>: a sync job for every company updated since the date, read from
/// the contact archive and queued at a bounded rate. Job ids are <c>backfill-{contactId}-{yyyyMMdd of --since}</c>, so a
/// rerun (after an interruption, or by mistake) queues no job twice; a job an interrupted run recorded but did not
/// queue is queued by the rerun.
/// </summary>
public static class BackfillCommand
{
    public const string ContactArchivePath = "v1/Contact";

    /// <summary>How long a run owns queueing a job it recorded; a rerun after an interruption takes over once it lapses.</summary>
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromSeconds(5);

    public static Command Create(CommandBinder binder)
    {
        var since = new Option<DateTimeOffset?>("--since")
        {
            Description = "Companies updated on or after this date (UTC), e.g. 2026-01-01.",
            Required = true,
            CustomParser = CliParsers.UtcDate,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only count and list the companies; queue nothing." };
        var rate = new Option<TimeSpan?>("--rate")
        {
            Description = "At most this many jobs queued per second (N/s) or minute (N/m).",
            CustomParser = BackfillRate.Parse,
            DefaultValueFactory = BackfillRate.Parse,
        };
        var command = new Command("backfill", "Queue enrichment jobs for the companies updated since a date (safe to interrupt and rerun).")
        {
            since, dryRun, rate,
        };

        return binder.Bind(command, async (scope, cancellationToken) =>
        {
            scope.RequireStorage();
            var from = scope.ParseResult.GetValue(since)!.Value;
            var dry = scope.ParseResult.GetValue(dryRun);
            var interval = scope.ParseResult.GetValue(rate) ?? TimeSpan.FromSeconds(0.1);
            var tenant = scope.Options<SuperOfficeOptions>().ContextIdentifier;
            var archive = scope.Get<SuperOfficeArchiveClient>();
            var jobs = scope.Get<JobStore>();
            var enqueuer = scope.Get<SyncJobEnqueuer>();
            var time = scope.Get<TimeProvider>();
            var progress = new ProgressLine(scope.Error, scope.Interactive);

            var query = new ArchiveQuery
            {
                Select = ["contactId", "name", "updatedDate"],
                // updatedDate is a date column: "after" compares days only, so "after" the day before keeps the --since day
                // itself; each row is checked against the exact --since time below.
                Filter = $"updatedDate after '{from.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'",
                // The primary key: archive pages are built anew, so only an order without ties neither skips nor repeats companies.
                OrderBy = "contactId",
            };
            var seen = new HashSet<int>();
            var jobIds = new List<string>();
            int queued = 0, existing = 0;
            var started = time.GetTimestamp();
            await foreach (var row in archive.QueryAsync(ContactArchivePath, query, cancellationToken).ConfigureAwait(false))
            {
                if ((row.GetInt("contactId") ?? row.PrimaryKey) is not { } contactId || !seen.Add(contactId)
                    || row.GetDate("updatedDate") is { } updated && updated < from)
                {
                    continue;
                }
                var jobId = $"backfill-{contactId.ToString(CultureInfo.InvariantCulture)}-{from:yyyyMMdd}";
                jobIds.Add(jobId);
                if (dry)
                {
                    if (await jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false) is null) { queued++; } else { existing++; }
                }
                else
                {
                    // The bounded rate: the n-th job is queued no earlier than n intervals after the start.
                    var due = interval * (queued + existing);
                    var wait = due - time.GetElapsedTime(started);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                    }
                    var result = await enqueuer.EnqueueAsync(JobRecords.ForManualSync(jobId, contactId, tenant, time.GetUtcNow(), "Backfill from the CLI."),
                        ClaimTimeout, cancellationToken).ConfigureAwait(false);
                    await result.Settled.ConfigureAwait(false);
                    if (result.Outcome == EnqueueOutcome.Queued) { queued++; } else { existing++; }
                }
                progress.Report(seen.Count, null, $"{seen.Count} companies, {queued} {(dry ? "to queue" : "queued")}, {existing} queued before");
            }
            progress.Done();

            var report = new BackfillReport(from, dry, jobIds.Count, queued, existing, jobIds);
            if (scope.Json)
            {
                scope.WriteJson(report, CliJson.Output.BackfillReport);
            }
            else
            {
                if (dry)
                {
                    foreach (var id in jobIds)
                    {
                        scope.Out.WriteLine(id);
                    }
                }
                scope.Out.WriteLine(dry
                    ? $"Dry run: {report.Companies} companies updated since {from:yyyy-MM-dd}; {queued} would be queued, {existing} were queued before."
                    : $"{report.Companies} companies updated since {from:yyyy-MM-dd}: {queued} jobs queued, {existing} queued before.");
            }
            return ExitCodes.Success;
        });
    }
}
