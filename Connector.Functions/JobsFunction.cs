using Connector.Core.Jobs;
using Connector.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Functions;

/// <summary><c>GET /api/jobs/{jobId}</c>: one job record as JSON.</summary>
public sealed class JobsFunction(JobStore jobs)
{
    [Function("GetJob")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "jobs/{jobId}")] HttpRequest request,
        string jobId,
        CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken);
        return job is null
            ? Responses.Problem(StatusCodes.Status404NotFound, "Job not found", $"There is no job with id '{jobId}'.")
            : Responses.Job(JobView.From(job));
    }
}
