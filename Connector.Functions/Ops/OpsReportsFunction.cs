using Connector.Core.Jobs;
using Connector.Core.Operations;
using Connector.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Functions.Ops;

/// <summary>
/// Product report runs (<c>GET /api/ops/reports</c>) and their files (<c>GET /api/ops/reports/{jobId}/files/{file}</c>,
/// file <c>sales</c>, <c>customers</c> or <c>summary</c>), streamed from container <c>reports</c> through the app:
/// no storage key or SAS leaves it.
/// </summary>
public sealed class OpsReportsFunction(ReportRuns reports)
{
    [Function("OpsReports")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "ops/reports")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        OpsRequest.NoStore(request.HttpContext.Response);
        if (!OpsRequest.TryInt(request, "limit", 1, ReportRuns.MaxRuns, out var limit, out var problem))
        {
            return Responses.BadRequest(problem!);
        }
        var cursor = OpsRequest.Text(request, "cursor");
        if (cursor is not null && !JobIndexKeys.IsRowKey(cursor))
        {
            return Responses.BadRequest("cursor is not one this API gave out.");
        }
        var (runs, next) = await reports.ListAsync(limit ?? 10, cursor, cancellationToken);
        return Responses.Ops(new ReportRunsAnswer(runs, next), HttpJson.Default.ReportRunsAnswer);
    }

    [Function("OpsReportFile")]
    public async Task<IActionResult> File(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "ops/reports/{jobId}/files/{file}")] HttpRequest request,
        string jobId,
        string file,
        CancellationToken cancellationToken)
    {
        OpsRequest.NoStore(request.HttpContext.Response);
        if (!Enum.TryParse<ReportFile>(file, ignoreCase: true, out var which) || int.TryParse(file, out _))
        {
            return Responses.BadRequest("The file is sales, customers or summary.");
        }
        var download = await reports.OpenAsync(jobId, which, cancellationToken);
        return download is null
            ? Responses.Problem(StatusCodes.Status404NotFound, "Report file not found", $"Report run '{jobId}' has no {which.ToString().ToLowerInvariant()} file.")
            : new StreamAnswer(download);
    }
}
