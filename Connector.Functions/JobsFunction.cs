using Connector.Core.Jobs;
using Connector.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Functions;

/// <summary>The job endpoints: <c>GET /api/jobs/{jobId}</c> and <c>POST /api/jobs/{jobId}/replay</c>.</summary>
public sealed class JobsFunction(JobStore jobs, JobReplayer replayer)
{
    [Function("GetJob")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "jobs/{jobId}")] HttpRequest request,
        string jobId,
        CancellationToken cancellationToken)
    {
        return Responses.JobOrNotFound(await jobs.GetAsync(jobId, cancellationToken), jobId);
    }

    /// <summary><c>POST /api/jobs/{jobId}/replay</c>: a failed job back on the queue.</summary>
    [Function("ReplayJob")]
    public async Task<IActionResult> Replay(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "jobs/{jobId}/replay")] HttpRequest request,
        string jobId,
        CancellationToken cancellationToken)
    {
        var (outcome, job) = await replayer.ReplayAsync(jobId, cancellationToken);
        return outcome switch
        {
            ReplayOutcome.Replayed => Responses.Job(JobView.From(job!)),
            ReplayOutcome.NotFailed => Responses.Problem(StatusCodes.Status409Conflict, "Job not failed",
                $"Job '{jobId}' is {job?.Status}; only failed jobs are replayed."),
            _ => Responses.Problem(StatusCodes.Status404NotFound, "Job not found", $"There is no sync job with id '{jobId}'."),
        };
    }
}
