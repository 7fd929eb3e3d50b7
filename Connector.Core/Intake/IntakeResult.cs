namespace Connector.Core.Intake;

/// <summary>What intake decided about one delivery; the Functions layer turns it into the HTTP answer.</summary>
public sealed record IntakeResult(IntakeOutcome Outcome, string? JobId = null, IntakeRejection? Rejection = null, string? Detail = null)
{
    /// <summary>
    /// Bookkeeping still running when the answer is ready (marking the job <c>Queued</c> after its message was sent).
    /// The event is already safe on the queue, so the answer does not wait for it. It never faults.
    /// </summary>
    public Task Settled { get; init; } = Task.CompletedTask;

    public static IntakeResult Reject(IntakeRejection rejection, string detail) => new(IntakeOutcome.Rejected, Rejection: rejection, Detail: detail);

    public static IntakeResult Ok(IntakeOutcome outcome, string? jobId = null) => new(outcome, jobId);
}
