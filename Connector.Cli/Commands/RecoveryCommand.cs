using System.CommandLine;
using Connector.Cli.Output;
using Connector.Core.Recovery;

namespace Connector.Cli.Commands;

/// <summary>
/// What <c>backfill</c> and <c>recover</c> share: <c>--since</c>, <c>--dry-run</c>, <c>--rate</c>, and a
/// <see cref="ContactRecovery"/> run (the watchdog's own recovery) with a progress line and a report.
/// </summary>
public static class RecoveryCommand
{
    public static Command Create(CommandBinder binder, string name, string description, string sinceDescription,
        Func<DateTimeOffset, RecoveryRequest> request, Func<CommandScope, TimeSpan?> defaultInterval)
    {
        var since = new Option<DateTimeOffset?>("--since")
        {
            Description = sinceDescription,
            Required = true,
            CustomParser = CliParsers.UtcDate,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only count and list the companies; queue nothing." };
        var rate = new Option<TimeSpan?>("--rate")
        {
            Description = "At most this many jobs queued per second (N/s) or minute (N/m).",
            CustomParser = result => result.Tokens.Count == 0 ? null : BackfillRate.Parse(result),
        };
        var command = new Command(name, description) { since, dryRun, rate };

        return binder.Bind(command, async (scope, cancellationToken) =>
        {
            scope.RequireStorage();
            var from = scope.ParseResult.GetValue(since)!.Value;
            var dry = scope.ParseResult.GetValue(dryRun);
            var interval = scope.ParseResult.GetValue(rate) ?? defaultInterval(scope) ?? TimeSpan.FromSeconds(0.1);
            var progress = new ProgressLine(scope.Error, scope.Interactive);
            var jobIds = new List<string>();
            var recovery = scope.Get<ContactRecovery>();

            var result = await recovery.RunAsync(request(from) with { Interval = interval, DryRun = dry }, (company, _) =>
            {
                jobIds.Add(company.JobId);
                progress.Report(jobIds.Count, null, $"{jobIds.Count} companies");
                return ValueTask.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            progress.Done();

            var report = new BackfillReport(from, dry, result.Companies, result.Queued, result.Existing, jobIds);
            if (scope.Json)
            {
                scope.WriteJson(report, CliJson.Output.BackfillReport);
                return ExitCodes.Success;
            }
            if (dry)
            {
                foreach (var id in jobIds)
                {
                    scope.Out.WriteLine(id);
                }
            }
            var when = from.TimeOfDay == TimeSpan.Zero ? $"{from:yyyy-MM-dd}" : $"{from:yyyy-MM-dd'T'HH:mm:ss'Z'}";
            scope.Out.WriteLine(dry
                ? $"Dry run: {report.Companies} companies updated since {when}; {result.Queued} would be queued, {result.Existing} were queued before."
                : $"{report.Companies} companies updated since {when}: {result.Queued} jobs queued, {result.Existing} queued before.");
            return ExitCodes.Success;
        });
    }
}
