using Connector.Core.Enrichment;
using Connector.Core.Intake;
using Connector.Core.Jobs;

namespace Connector.Core.Sync;

/// <summary>
/// The decisions of the sync cycle, as pure functions of what the cycle has read: the event, the contact's state, the
/// contact, its enrichment and the policy. The orchestration (<see cref="ContactSyncProcessor"/>) reads, asks these,
/// and writes what they say.
/// <para>Loops are stopped by independent guards, any one of which suffices: our own changes are skipped
/// (<c>SelfChange</c>); a change touching no watched column is skipped (<c>NoRelevantChange</c>); only fields whose value
/// changes are written, so an enriched contact produces no write and no new webhook (<c>NoChange</c>); and more than
/// <see cref="SyncOptions.MaxWritesPerContactPerHour"/> writes to one contact are refused (<c>LoopSuspected</c>).</para>
/// </summary>
public static class SyncDecisions
{
    /// <summary>Allowed clock difference between the instance that received an event and the one that read the contact.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMilliseconds(50);

    /// <summary>The guards the event alone decides: our own change, and a change that touches no watched column. Null: go on.</summary>
    public static JobOutcome? ForEvent(SyncMessage message, int apiAssociateId, SyncOptions options)
    {
        if (message.Event == SyncEvents.Manual)
        {
            return null;
        }
        if (SyncEvents.IsOwnEcho(message.Event, message.ChangedByAssociateId, apiAssociateId))
        {
            return JobOutcome.Skipped(JobReasons.SelfChange, "Changed by the connector's own API user.");
        }
        if (message.Event == SyncEvents.ContactChanged && !options.Watches(message.Changes))
        {
            return JobOutcome.Skipped(JobReasons.NoRelevantChange, "The change touches none of Sync:WatchedFields.");
        }
        return null;
    }

    /// <summary>
    /// The guards that need the contact's state: an enrichment that already read the contact after this change
    /// (<c>Superseded</c>), too many writes within the hour (<c>LoopSuspected</c>), another job holding the contact.
    /// </summary>
    public static StateVerdict ForState(JobRecord job, SyncMessage message, ContactState state, DateTimeOffset now, int maxWritesPerHour)
    {
        if (IsCovered(job, message, state))
        {
            return StateVerdict.Ends(JobOutcome.Skipped(JobReasons.Superseded,
                $"An enrichment that read the contact at {state.CoveredReadAt:O} (updated {state.CoveredUpdatedDate:O}) already covered this change."));
        }
        var writes = state.WritesSince(now.AddHours(-1));
        if (writes >= maxWritesPerHour)
        {
            return StateVerdict.Ends(JobOutcome.Skipped(JobReasons.LoopSuspected,
                $"{writes} writes to this contact within the last hour; more than {maxWritesPerHour} are refused (Sync:MaxWritesPerContactPerHour)."));
        }
        return state.IsLeasedByOther(job.JobId, now) ? StateVerdict.Busy(state.LeaseJobId!) : StateVerdict.Free;
    }

    /// <summary>
    /// Whether an enrichment that already completed read the contact after this event's change: either intake received
    /// the event (so SuperOffice had committed the change) before that enrichment started reading, on our clock; or the
    /// event happened before the second of the contact's UpdatedDate as read (SuperOffice's clock; UpdatedDate may be
    /// whole seconds, so only strictly earlier events count). A manual sync is never covered, nor a job by its own
    /// enrichment: that attempt died before it recorded the job's outcome, so the job runs again and finds its values in
    /// place (<c>NoChange</c>) instead of ending <c>Skipped</c> for work it did itself.
    /// </summary>
    public static bool IsCovered(JobRecord job, SyncMessage message, ContactState state) =>
        message.Event != SyncEvents.Manual
        && state.CoveredJobId != job.JobId
        && ((state.CoveredReadAt is { } readAt && job.ReceivedAt != default && job.ReceivedAt < readAt - ClockSkew)
            || (message.EventTimestamp is { } happened && state.CoveredUpdatedDate is { } updated && happened < updated));

    /// <summary>A contact that is gone ends the job. Null: go on.</summary>
    public static JobOutcome? ForContact(SyncContact? contact) => contact switch
    {
        null => JobOutcome.Skipped(JobReasons.ContactNotFound, "The contact does not exist."),
        { Deleted: true } => JobOutcome.Skipped(JobReasons.ContactNotFound, "The contact is deleted."),
        _ => null,
    };

    /// <summary>
    /// What Company Explorer's answer means: still analysing is a transient failure (the job is retried after its
    /// Retry-After); a company it cannot enrich ends the job. Null: the fields are there, go on.
    /// </summary>
    public static JobOutcome? ForEnrichment(EnrichmentResult enrichment) => enrichment.Status switch
    {
        EnrichmentStatus.Pending => throw new SyncTransientException("Company Explorer is still analysing this company.", enrichment.RetryAfter),
        EnrichmentStatus.NotEnrichable => JobOutcome.Skipped(JobReasons.NotEnrichable, enrichment.Message ?? "Company Explorer cannot enrich this company."),
        _ => null,
    };

    /// <summary>The mapped fields with the enrichment's values, encoded for their UDFs (null where the enrichment has none).</summary>
    public static IReadOnlyList<PlannedField> Fields(IReadOnlyList<ResolvedField> fields, EnrichmentResult enrichment, Func<UdfTarget, string, string> encode) =>
        [.. fields.Select(f => new PlannedField(f.Mapping,
            enrichment.Fields.TryGetValue(f.Mapping.Source, out var value) && !string.IsNullOrWhiteSpace(value) ? encode(f.Target, value) : null))];

    /// <summary>What to write to the contact as read, or how the job ends when there is nothing to write or it is a dry run.</summary>
    public static SyncPlan Plan(SyncContact contact, IReadOnlyList<PlannedField> fields, ContactState state, SyncOptions options)
    {
        var diff = SyncDiff.Compute(fields, contact.Udfs, state.LastWritten, options.UnreadableUdfPolicy);
        var note = UnreadableNote(contact);
        if (diff.Changes.Count == 0)
        {
            return new SyncPlan(diff, JobOutcome.Completed(JobReasons.NoChange, "Nothing to change." + note));
        }
        return options.DryRun
            ? new SyncPlan(diff, JobOutcome.Completed(JobReasons.DryRun, $"Dry run: {diff.Changes.Count} field(s) would be written." + note))
            : new SyncPlan(diff, null);
    }

    /// <summary>
    /// The planned values the contact already holds: they count as ours. Such a value is what this enrichment would write, so
    /// either we wrote it (a write whose record was lost, e.g. a worker that died after its PATCH) or it is the same text a
    /// person typed; either way <see cref="OverwritePolicy.OverwriteOwn"/> may replace it when the enrichment changes.
    /// </summary>
    public static IReadOnlyDictionary<string, string> FoundInPlace(SyncDiff.Result diff, IReadOnlyList<PlannedField> planned)
    {
        var unchanged = diff.Kept.Where(k => k.Why == "Unchanged").Select(k => k.Target).ToHashSet(StringComparer.Ordinal);
        return planned.Where(p => p.NewValue is not null && unchanged.Contains(p.Mapping.Target))
            .GroupBy(p => p.Mapping.Target).ToDictionary(g => g.Key, g => g.First().NewValue!);
    }

    public static string UnreadableNote(SyncContact contact) => contact.UdfsUnreadable ? " Some UserDefinedFields were unreadable." : "";
}
