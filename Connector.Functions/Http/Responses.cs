using System.Text.Json.Serialization;
using Connector.Core.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Connector.Functions.Http;

public sealed record WebhookAnswer(string Status, string? JobId);

/// <summary>The answer of <c>POST /api/reports/products</c>: the outcome and the report job (its details hold the summary).</summary>
public sealed record ReportAnswer(string Outcome, string JobId, JobView? Job);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(WebhookAnswer))]
[JsonSerializable(typeof(JobView))]
[JsonSerializable(typeof(ReportAnswer))]
[JsonSerializable(typeof(JobListAnswer))]
[JsonSerializable(typeof(JobStats))]
[JsonSerializable(typeof(ReplayRequest))]
[JsonSerializable(typeof(ReplayAnswer))]
[JsonSerializable(typeof(WebhooksAnswer))]
[JsonSerializable(typeof(Connector.Core.Operations.WebhookHealth))]
[JsonSerializable(typeof(ReportRunsAnswer))]
[JsonSerializable(typeof(SettingsAnswer))]
internal sealed partial class HttpJson : JsonSerializerContext;

/// <summary>The responses the HTTP functions give.</summary>
public static class Responses
{
    public static IActionResult Problem(int status, string title, string detail) =>
        new JsonResponse<Problem>(status, new Problem($"https://httpstatuses.io/{status}", title, status, detail),
            HttpJson.Default.Problem, "application/problem+json");

    public static IActionResult Ok(WebhookAnswer answer) => new JsonResponse<WebhookAnswer>(200, answer, HttpJson.Default.WebhookAnswer);

    public static IActionResult Report(ReportAnswer answer) => new JsonResponse<ReportAnswer>(200, answer, HttpJson.Default.ReportAnswer);

    public static IActionResult Job(JobView job) => new JsonResponse<JobView>(200, job, HttpJson.Default.JobView);

    /// <summary>The job as JSON, or 404 naming <paramref name="jobId"/> when there is none.</summary>
    public static IActionResult JobOrNotFound(JobRecord? job, string jobId) => job is null
        ? Problem(StatusCodes.Status404NotFound, "Job not found", $"There is no job with id '{jobId}'.")
        : Job(JobView.From(job));

    /// <summary>A 200 JSON answer of the ops API, typed by the source-generated contract.</summary>
    public static IActionResult Ops<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) => new JsonResponse<T>(200, value, typeInfo);

    public static IActionResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Bad request", detail);
}
