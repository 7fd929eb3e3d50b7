using Connector.Core.Intake;
using Connector.Core.Jobs;
using Connector.Core.Sync;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Sync;

/// <summary>Coalescing: which enrichment covers a job (<see cref="SyncDecisions.ForState"/>), as a pure decision.</summary>
public sealed class CoverageTests
{
    private static readonly DateTimeOffset Received = new(2026, 1, 5, 10, 15, 30, TimeSpan.Zero);

    private static readonly JobRecord Job = new()
    {
        JobId = "job-a", Kind = JobKinds.ContactSync, Status = JobStatus.Processing, Event = "contact.changed", ContactId = 7,
        ReceivedAt = Received, UpdatedAt = Received, Attempt = 2,
    };

    private static readonly SyncMessage Message = new("job-a", 7, "contact.changed", Received, ["name"], 12, TestServices.Tenant);

    /// <summary>An enrichment by <paramref name="jobId"/> that read the contact a second after this job's event arrived.</summary>
    private static ContactState CoveredBy(string jobId) => new()
    {
        ContactId = 7, CoveredReadAt = Received.AddSeconds(1), CoveredUpdatedDate = Received.AddSeconds(1), CoveredJobId = jobId,
    };

    [Fact]
    public void A_later_enrichment_by_another_job_supersedes_the_job()
    {
        var verdict = SyncDecisions.ForState(Job, Message, CoveredBy("job-b"), Received.AddSeconds(2), maxWritesPerHour: 3);

        Assert.Equal(JobStatus.Skipped, verdict.Outcome?.Status);
        Assert.Equal(JobReasons.Superseded, verdict.Outcome?.Reason);
    }

    [Fact]
    public void The_jobs_own_enrichment_from_an_attempt_that_died_before_recording_does_not_supersede_it()
    {
        // The state recorded job-a's enrichment, but job-a's outcome was never saved: its message came back.
        var verdict = SyncDecisions.ForState(Job, Message, CoveredBy("job-a"), Received.AddSeconds(2), maxWritesPerHour: 3);

        Assert.Same(StateVerdict.Free, verdict);
    }
}
