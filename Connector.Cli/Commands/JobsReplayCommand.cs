using System.CommandLine;
using Connector.Cli.Output;
using Connector.Core.Jobs;

namespace Connector.Cli.Commands;

/// <summary><c>jobs replay &lt;jobId&gt; | --failed</c>: failed sync jobs back on the queue (<see cref="JobReplayer"/>).</summary>
public static class JobsReplayCommand
{
    public static Command Create(CommandBinder binder)
    {
        var jobId = new Argument<string?>("jobId") { Description = "The failed job to replay.", Arity = ArgumentArity.ZeroOrOne };
        var failed = new Option<bool>("--failed") { Description = "Replay every failed sync job." };
        var command = new Command("replay", "Put a failed sync job (or, with --failed, every failed one) back on the queue.") { jobId, failed };
        command.Validators.Add(r =>
        {
            var hasId = r.GetValue(jobId) is not null;
            if (hasId == r.GetValue(failed))
            {
                r.AddError("Give either a job id or --failed (not both).");
            }
        });

        return binder.Bind(command, async (scope, cancellationToken) =>
        {
            scope.RequireStorage();
            var replayer = scope.Get<JobReplayer>();
            var ids = new List<string>();
            if (scope.ParseResult.GetValue(failed))
            {
                var filter = new JobFilter { Status = JobStatus.Failed, Kind = JobKinds.ContactSync }.ToODataFilter();
                await foreach (var job in scope.Get<JobStore>().QueryAsync(filter, cancellationToken).ConfigureAwait(false))
                {
                    ids.Add(job.JobId);
                }
            }
            else
            {
                ids.Add(scope.ParseResult.GetValue(jobId)!);
            }

            var reports = new List<ReplayReport>();
            foreach (var id in ids)
            {
                var (outcome, job) = await replayer.ReplayAsync(id, cancellationToken).ConfigureAwait(false);
                reports.Add(new ReplayReport(id, outcome, job?.Status, outcome switch
                {
                    ReplayOutcome.Replayed => "Back on the queue.",
                    ReplayOutcome.NotFailed => $"It is {job?.Status}; only failed jobs are replayed.",
                    _ => "There is no sync job with this id.",
                }));
            }

            if (scope.Json)
            {
                scope.WriteJson(reports, CliJson.Output.ListReplayReport);
            }
            else
            {
                foreach (var report in reports)
                {
                    scope.Out.WriteLine($"{report.JobId}: {report.Outcome}. {report.Message}");
                }
                scope.Out.WriteLine($"{reports.Count(r => r.Outcome == ReplayOutcome.Replayed)} job(s) replayed.");
            }

            if (!scope.ParseResult.GetValue(failed) && reports[0].Outcome != ReplayOutcome.Replayed)
            {
                throw new CliFailureException($"Job {reports[0].JobId} was not replayed: {reports[0].Message}");
            }
            return ExitCodes.Success;
        });
    }
}
