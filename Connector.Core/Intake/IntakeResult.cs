namespace Connector.Core.Intake;

/// <summary>What intake decided. <see cref="StatusCode"/> is what SuperOffice is answered.</summary>
public sealed record IntakeResult(IntakeOutcome Outcome, int StatusCode, string? JobId = null, string? Title = null, string? Detail = null)
{
    /// <summary>
    /// Bookkeeping that is still running when the answer is ready (marking the job <c>Queued</c> after its message was
    /// sent). The event is already safe on the queue, so the answer does not wait for it; the host awaits it after the
    /// response has been sent. It never faults.
    /// </summary>
    public Task Settled { get; init; } = Task.CompletedTask;

    public static IntakeResult Reject(int statusCode, string title, string detail) =>
        new(IntakeOutcome.Rejected, statusCode, Title: title, Detail: detail);

    public static IntakeResult Ok(IntakeOutcome outcome, string? jobId = null) => new(outcome, 200, jobId);
}
