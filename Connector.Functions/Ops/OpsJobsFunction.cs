using System.Text.Json;
using Connector.Core.Intake;
using Connector.Core.Jobs;
using Connector.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Connector.Functions.Ops;

/// <summary>
/// The jobs of the operations page: counts (<c>GET /api/ops/summary</c>), lists (<c>GET /api/ops/jobs</c>,
/// <c>GET /api/ops/failed</c>), one job (<c>GET /api/ops/jobs/{jobId}</c>) and replay (<c>POST /api/ops/replay</c>).
/// </summary>
public sealed class OpsJobsFunction(
    JobHistory history, JobStore jobs, BulkReplay replay, IConfiguration configuration, TimeProvider time, ILogger<OpsJobsFunction> logger)
{
    /// <summary>The failed list's default window.</summary>
    public static readonly TimeSpan FailedWindow = TimeSpan.FromDays(7);

    [Function("OpsSummary")]
    public async Task<IActionResult> Summary(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "ops/summary")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        OpsRequest.NoStore(request.HttpContext.Response);
        return Responses.Ops(await history.StatsAsync(cancellationToken), HttpJson.Default.JobStats);
    }

    [Function("OpsJobs")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "ops/jobs")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        OpsRequest.NoStore(request.HttpContext.Response);
        JobStatus? status = null;
        if (OpsRequest.Text(request, "status") is { } statusText)
        {
            if (!Enum.TryParse<JobStatus>(statusText, ignoreCase: true, out var parsed) || int.TryParse(statusText, out _))
            {
                return Responses.BadRequest($"'status' must be one of {string.Join(", ", Enum.GetNames<JobStatus>())}.");
            }
            status = parsed;
        }
        if (!OpsRequest.TryTime(request, "from", out var from, out var problem)
            || !OpsRequest.TryTime(request, "to", out var to, out problem)
            || !OpsRequest.TryInt(request, "contactId", 1, int.MaxValue, out var contactId, out problem)
            || !OpsRequest.TryInt(request, "limit", 1, JobQuery.MaxLimit, out var limit, out problem))
        {
            return Responses.BadRequest(problem!);
        }
        var query = new JobQuery
        {
            Status = status,
            Kind = OpsRequest.Text(request, "kind"),
            ContactId = contactId,
            From = from,
            To = to,
            Cursor = OpsRequest.Text(request, "cursor"),
            Limit = limit ?? JobQuery.DefaultLimit,
        };
        return await PageAsync(query, cancellationToken);
    }

    [Function("OpsFailedJobs")]
    public async Task<IActionResult> Failed(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "ops/failed")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        OpsRequest.NoStore(request.HttpContext.Response);
        if (!OpsRequest.TryTime(request, "since", out var since, out var problem)
            || !OpsRequest.TryInt(request, "limit", 1, JobQuery.MaxLimit, out var limit, out problem))
        {
            return Responses.BadRequest(problem!);
        }
        return await PageAsync(new JobQuery
        {
            Status = JobStatus.Failed,
            From = since ?? time.GetUtcNow() - FailedWindow,
            Cursor = OpsRequest.Text(request, "cursor"),
            Limit = limit ?? JobQuery.DefaultLimit,
        }, cancellationToken);
    }

    [Function("OpsJob")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "ops/jobs/{jobId}")] HttpRequest request,
        string jobId,
        CancellationToken cancellationToken)
    {
        OpsRequest.NoStore(request.HttpContext.Response);
        return Responses.JobOrNotFound(await jobs.GetAsync(jobId, cancellationToken), jobId);
    }

    /// <summary>Replays the given failed jobs (<c>{"jobIds": [...]}</c>) or the failed sync jobs received since a time (<c>{"since": "..."}</c>).</summary>
    [Function("OpsReplay")]
    public async Task<IActionResult> Replay(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "ops/replay")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        OpsRequest.NoStore(request.HttpContext.Response);
        if (!OpsRequest.IsWriteAllowed(request))
        {
            return Responses.Problem(StatusCodes.Status403Forbidden, "Write refused", $"A write needs the header {OpsRequest.WriteHeader}.");
        }
        var body = await BoundedBodyReader.ReadAsync(request.Body, request.ContentLength, 64 * 1024, cancellationToken);
        ReplayRequest? replayRequest = null;
        try
        {
            replayRequest = body is null ? null : JsonSerializer.Deserialize(body, HttpJson.Default.ReplayRequest);
        }
        catch (JsonException)
        {
        }
        var ids = replayRequest?.JobIds;
        if (replayRequest is null || (ids is null) == (replayRequest.Since is null) || ids?.Count is 0 or > BulkReplay.MaxJobs)
        {
            return Responses.BadRequest($"The body is JSON with either \"jobIds\" (1 to {BulkReplay.MaxJobs} job ids) or \"since\" (an ISO 8601 time), not both.");
        }

        var who = OpsRequest.Operator(request, configuration);
        logger.LogInformation("Ops replay requested by {Operator}: jobs {JobIds}, failed since {Since}", who,
            ids is null ? "-" : string.Join(",", ids), replayRequest.Since);
        var result = ids is not null
            ? await replay.ReplayAsync(ids, who, cancellationToken)
            : await replay.ReplayFailedSinceAsync(replayRequest.Since!.Value, who, cancellationToken);
        logger.LogInformation("Ops replay by {Operator}: {Replayed} of {Count} jobs queued, more left: {More}", who, result.Replayed, result.Items.Count, result.More);
        return Responses.Ops(new ReplayAnswer(result.Items, result.Replayed, result.More), HttpJson.Default.ReplayAnswer);
    }

    private async Task<IActionResult> PageAsync(JobQuery query, CancellationToken cancellationToken)
    {
        if (query.Problem() is { } problem)
        {
            return Responses.BadRequest(problem);
        }
        var page = await history.ListAsync(query, cancellationToken);
        return Responses.Ops(new JobListAnswer(page.Jobs, page.NextCursor), HttpJson.Default.JobListAnswer);
    }
}
