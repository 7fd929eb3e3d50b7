using Connector.Core.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Connector.Functions.Http;

/// <summary>The HTTP answer to one webhook delivery: 200 for everything intake took or ignored, else the refusal's status.</summary>
public static class IntakeAnswers
{
    public static IActionResult For(IntakeResult result) => result.Rejection switch
    {
        null => Responses.Ok(new WebhookAnswer(result.Outcome.ToString(), result.JobId)),
        IntakeRejection.MissingSignature => Responses.Problem(StatusCodes.Status401Unauthorized, "Missing signature", result.Detail!),
        IntakeRejection.InvalidSignature => Responses.Problem(StatusCodes.Status401Unauthorized, "Invalid signature", result.Detail!),
        IntakeRejection.InvalidPayload => Responses.Problem(StatusCodes.Status400BadRequest, "Invalid webhook payload", result.Detail!),
        IntakeRejection.ForeignTenant => Responses.Problem(StatusCodes.Status403Forbidden, "Foreign tenant", result.Detail!),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Rejection, "Unknown rejection."),
    };
}
