using Connector.Core.Jobs;

namespace Connector.Core.Sync;

/// <summary>What the contact's state says about a job before the contact is read (see <see cref="SyncDecisions.ForState"/>).</summary>
public sealed record StateVerdict
{
    private StateVerdict()
    {
    }

    /// <summary>Take the contact's lease and go on.</summary>
    public static StateVerdict Free { get; } = new();

    /// <summary>Another job holds the contact: wait for it (this job is then usually covered by its enrichment).</summary>
    public string? BusyWith { get; private init; }

    /// <summary>The job ends here (<c>Superseded</c>, <c>LoopSuspected</c>).</summary>
    public JobOutcome? Outcome { get; private init; }

    public static StateVerdict Busy(string otherJobId) => new() { BusyWith = otherJobId };

    public static StateVerdict Ends(JobOutcome outcome) => new() { Outcome = outcome };
}
