using Connector.Core.Jobs;
using Connector.Core.Reports;
using Connector.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Connector.Functions;

/// <summary>
/// The product report: on the <c>ProductReport:Schedule</c> timer, and on <c>POST /api/reports/products</c> to run
/// now. Both call <see cref="ProductReportRunner"/>, which runs each occurrence (or manual run id) once.
/// </summary>
/// <remarks>
/// The schedule is the app setting <c>ProductReport__Schedule</c>: the host resolves <c>%ProductReport:Schedule%</c>
/// from its configuration, where <c>__</c> in a setting name becomes the section separator <c>:</c>.
/// </remarks>
public sealed class ProductReportFunction(ProductReportRunner runner, ISaleSource sales, ILogger<ProductReportFunction> logger)
{
    public const string ScheduleExpression = "%ProductReport:Schedule%";
    public const string RunIdParameter = "runId";

    [Function("ProductReportTimer")]
    public async Task RunOnSchedule([TimerTrigger(ScheduleExpression)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue)
        {
            logger.LogInformation("Product report timer is past due (scheduled {Next}); running the missed occurrence", timer.ScheduleStatus?.Next);
        }
        var result = await runner.RunScheduledAsync(sales, cancellationToken);
        if (result.Outcome == ReportRunOutcome.Failed)
        {
            // Recorded on the job (Failed, may be retried); the host logs the failed invocation too.
            throw new InvalidOperationException($"Product report {result.JobId} failed: {result.Error}");
        }
    }

    [Function("ProductReportNow")]
    public async Task<IActionResult> RunNow(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "reports/products")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var runId = request.Query[RunIdParameter].FirstOrDefault();
        if (runId is not null && !ReportRun.IsValidRunId(runId))
        {
            return Responses.Problem(StatusCodes.Status400BadRequest, "Invalid run id",
                $"'{RunIdParameter}' holds 1 to 64 letters, digits or '-'.");
        }

        var result = await runner.RunManualAsync(sales, runId, cancellationToken);
        return result.Outcome switch
        {
            ReportRunOutcome.AlreadyRunning => Responses.Problem(StatusCodes.Status409Conflict, "Report running",
                $"Report run {result.JobId} is in progress; see GET /api/jobs/{result.JobId}."),
            ReportRunOutcome.Failed => Responses.Problem(StatusCodes.Status500InternalServerError, "Report failed",
                $"Report run {result.JobId} failed: {result.Error}"),
            _ => Responses.Report(new ReportAnswer(result.Outcome.ToString(), result.JobId, result.Job is null ? null : JobView.From(result.Job))),
        };
    }
}
