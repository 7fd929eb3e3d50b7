using Connector.Core.Intake;
using Connector.Core.SuperOffice;
using Connector.Core.Telemetry;
using Connector.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Connector.Functions;

/// <summary><c>POST /api/superoffice/webhook</c>: verify, record, queue, answer fast.</summary>
public sealed class WebhookFunction(WebhookIntake intake, ILogger<WebhookFunction> logger)
{
    public const string RetryHeader = "X-SuperOffice-Retry";
    public const string HookTestHeader = "X-Hook-Test";

    [Function("SuperOfficeWebhook")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "superoffice/webhook")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await BoundedBodyReader.ReadAsync(request.Body, request.ContentLength, cancellationToken: cancellationToken);
        if (body is null)
        {
            logger.LogWarning("Webhook refused: the body is larger than {Limit} bytes", BoundedBodyReader.DefaultLimit);
            IntakeTelemetry.BodyRefused();
            return Responses.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large",
                $"A webhook body may be at most {BoundedBodyReader.DefaultLimit} bytes.");
        }

        var delivery = new IntakeRequest(
            body,
            request.Headers[WebhookSignature.HeaderName].FirstOrDefault(),
            string.Equals(request.Headers[HookTestHeader].FirstOrDefault(), "true", StringComparison.OrdinalIgnoreCase),
            request.Headers[RetryHeader].FirstOrDefault());

        IntakeResult result;
        try
        {
            result = await intake.AcceptAsync(delivery, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Storage is unavailable: nothing was acknowledged, so SuperOffice delivers the event again.
            logger.LogError(e, "Webhook could not be recorded; SuperOffice will retry it");
            return Responses.Problem(StatusCodes.Status503ServiceUnavailable, "Storage unavailable",
                "The event could not be recorded; deliver it again.");
        }

        if (!result.Settled.IsCompleted)
        {
            // The Queued mark is already running; registering it keeps the request open until it ends, after the answer went out.
            request.HttpContext.Response.OnCompleted(() => result.Settled);
        }
        return IntakeAnswers.For(result);
    }
}
