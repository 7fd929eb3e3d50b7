using System.CommandLine;
using System.Globalization;
using Connector.Cli.Output;
using Connector.Core.Jobs;

namespace Connector.Cli.Commands;

/// <summary><c>jobs purge [--scan]</c>: the daily retention purge, now (<see cref="JobRetention"/>).</summary>
public static class JobsPurgeCommand
{
    public static Command Create(CommandBinder binder)
    {
        var scan = new Option<bool>("--scan")
        {
            Description = "Also find expired job rows that have no index row (written before the job index existed); this reads every job row.",
        };
        var command = new Command("purge", "Delete jobs received more than Jobs:RetentionDays (default 30) days ago, with their index and count rows.") { scan };
        return binder.Bind(command, async (scope, cancellationToken) =>
        {
            scope.RequireStorage();
            var progress = new ProgressLine(scope.Error, scope.Interactive);
            var result = await scope.Get<JobRetention>().PurgeAsync(scope.ParseResult.GetValue(scan),
                new Progress<PurgeResult>(p => progress.Report((int)p.JobRows, null, "jobs deleted")), cancellationToken).ConfigureAwait(false);
            progress.Done();
            if (scope.Json)
            {
                scope.WriteJson(result, CliJson.Output.PurgeResult);
            }
            else
            {
                scope.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Deleted {result.JobRows} job(s), {result.IndexRows} index row(s) and {result.CountRows} count row(s) received before {result.Cutoff:yyyy-MM-dd HH:mm:ss} UTC."));
            }
            return ExitCodes.Success;
        });
    }
}
