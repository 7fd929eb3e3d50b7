using System.CommandLine;
using Connector.Cli.Output;
using Connector.Core.Jobs;

namespace Connector.Cli.Commands;

/// <summary><c>jobs show &lt;jobId&gt;</c>: one job record in full.</summary>
public static class JobsShowCommand
{
    public static Command Create(CommandBinder binder)
    {
        var jobId = new Argument<string>("jobId") { Description = "The job id (a webhook's EventId, or manual-…/backfill-… for operator jobs)." };
        return binder.Bind(new Command("show", "Show one job record.") { jobId }, async (scope, cancellationToken) =>
        {
            scope.RequireStorage();
            var id = scope.ParseResult.GetValue(jobId)!;
            var job = await scope.Get<JobStore>().GetAsync(id, cancellationToken).ConfigureAwait(false)
                      ?? throw new CliFailureException($"There is no job with id '{id}'; `jobs list` shows the recent ones.");
            var view = JobView.From(job);
            if (scope.Json)
            {
                scope.WriteJson(view, CliJson.Output.JobView);
            }
            else
            {
                JobText.Write(scope.Out, view);
            }
            return ExitCodes.Success;
        });
    }
}
