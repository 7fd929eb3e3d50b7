namespace Connector.Core.Intake;

/// <summary>What intake decided. <see cref="StatusCode"/> is what SuperOffice is answered.</summary>
public sealed record IntakeResult(IntakeOutcome Outcome, int StatusCode, string? JobId = null, string? Title = null, string? Detail = null)
{
    public static IntakeResult Reject(int statusCode, string title, string detail) =>
        new(IntakeOutcome.Rejected, statusCode, Title: title, Detail: detail);

    public static IntakeResult Ok(IntakeOutcome outcome, string? jobId = null) => new(outcome, 200, jobId);
}
