using System.CommandLine;
using Connector.Cli.Output;
using Connector.Core.Jobs;

namespace Connector.Cli.Commands;

/// <summary><c>jobs list [--status S] [--since DATE] [--contact ID] [--top N]</c>: the newest matching jobs first.</summary>
public static class JobsListCommand
{
    public static Command Create(CommandBinder binder)
    {
        var status = new Option<JobStatus?>("--status") { Description = "Only jobs with this status (Received, Queued, Processing, Retrying, Completed, Skipped, Failed)." };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only jobs received at or after this date (UTC), e.g. 2026-01-01.", CustomParser = CliParsers.UtcDate };
        var contact = new Option<int?>("--contact") { Description = "Only jobs for this contact id." };
        var top = new Option<int>("--top") { Description = "At most this many jobs, newest first.", DefaultValueFactory = _ => 50 };
        top.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--top must be at least 1.");
            }
        });
        var command = new Command("list", "List jobs, newest first.") { status, since, contact, top };

        return binder.Bind(command, async (scope, cancellationToken) =>
        {
            scope.RequireStorage();
            var filter = new JobFilter
            {
                Status = scope.ParseResult.GetValue(status),
                Since = scope.ParseResult.GetValue(since),
                ContactId = scope.ParseResult.GetValue(contact),
            };
            var jobs = new List<JobView>();
            await foreach (var job in scope.Get<JobStore>().QueryAsync(filter.ToODataFilter(), cancellationToken).ConfigureAwait(false))
            {
                jobs.Add(JobView.From(job));
            }
            var newest = jobs.OrderByDescending(j => j.ReceivedAt).ThenBy(j => j.JobId, StringComparer.Ordinal)
                .Take(scope.ParseResult.GetValue(top)).ToList();

            if (scope.Json)
            {
                scope.WriteJson(newest, CliJson.Output.ListJobView);
                return ExitCodes.Success;
            }
            if (newest.Count == 0)
            {
                scope.Out.WriteLine("No jobs match.");
                return ExitCodes.Success;
            }
            JobText.Table(newest).WriteTo(scope.Out);
            scope.Out.WriteLine(newest.Count < jobs.Count ? $"{newest.Count} of {jobs.Count} jobs (use --top for more)." : $"{jobs.Count} job(s).");
            return ExitCodes.Success;
        });
    }
}
