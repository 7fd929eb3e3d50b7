using System.CommandLine;
using System.Globalization;
using Connector.Core.Recovery;

namespace Connector.Cli.Commands;

/// <summary>
/// <c>backfill --since DATE [--dry-run] [--rate N/s]</c>: a sync job for every company updated since the date, read from
/// the contact archive and queued at a bounded rate (<see cref="ContactRecovery"/>, the watchdog's recovery). Job ids
/// are <c>backfill-{contactId}-{yyyyMMdd of --since}</c>, so a rerun (after an interruption, or by mistake) queues no job
/// twice; a job an interrupted run recorded but did not queue is queued by the rerun.
/// </summary>
public static class BackfillCommand
{
    public static Command Create(CommandBinder binder) => RecoveryCommand.Create(binder, "backfill",
        "Queue enrichment jobs for the companies updated since a date (safe to interrupt and rerun).",
        "Companies updated on or after this date (UTC), e.g. 2026-01-01.",
        since => new RecoveryRequest(since, "backfill", since.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture), default, "Backfill from the CLI."),
        _ => TimeSpan.FromSeconds(0.1));
}
