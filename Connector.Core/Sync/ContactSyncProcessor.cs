using System.Text.Json;
using Connector.Core.Configuration;
using Connector.Core.Enrichment;
using Connector.Core.Intake;
using Connector.Core.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.Sync;

/// <summary>
/// One message from <c>contact-sync</c>: job <c>Processing</c> → guards → GET contact → enrich → map → diff → PATCH → outcome.
/// <para>Loops are stopped by independent guards, any one of which suffices: our own changes are skipped
/// (<c>SelfChange</c>, at intake and again here); a change touching no watched column is skipped; only fields whose value
/// changes are written (an enriched contact produces no PATCH, so no new webhook); and more than
/// <see cref="SyncOptions.MaxWritesPerContactPerHour"/> writes to one contact are refused (<c>LoopSuspected</c>).</para>
/// <para>Transient failures re-queue the message with a growing visibility delay (the job shows <c>Retrying</c>);
/// after <see cref="SyncOptions.MaxAttempts"/> the job is <c>Failed</c> and the message goes to <c>contact-sync-poison</c>.</para>
/// </summary>
public sealed class ContactSyncProcessor(
    JobStore jobs,
    ContactStateStore states,
    IContactGateway gateway,
    CompanyExplorerClient explorer,
    SyncFieldMap fieldMap,
    SyncQueue queue,
    RecentContacts recentContacts,
    IOptionsMonitor<SyncOptions> syncOptions,
    IOptionsMonitor<SuperOfficeOptions> superOfficeOptions,
    TimeProvider time,
    ILogger<ContactSyncProcessor> logger)
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);

    /// <summary>Allowed clock difference between the instance that received an event and the one that read the contact.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMilliseconds(50);

    public async Task<JobRecord> ProcessAsync(SyncMessage message, CancellationToken cancellationToken = default)
    {
        var options = syncOptions.CurrentValue;
        var decided = DecideFromMessage(message, options);
        var trace = new SyncTrace();
        // A contact quiet on this instance is most likely free and not yet covered: start its GET with the table reads.
        using var early = decided is null && recentContacts.Touch(message.ContactId) ? StartRead(message.ContactId, trace, cancellationToken) : null;
        // The job and the contact's state are different rows: read both at once. The message alone may decide the job.
        var jobRead = jobs.GetAsync(message.JobId, cancellationToken);
        var stateRead = decided is null ? states.GetAsync(message.ContactId, cancellationToken) : null;
        JobRecord job;
        try
        {
            await Task.WhenAll(stateRead is null ? [jobRead] : [jobRead, stateRead]).ConfigureAwait(false);
            job = await jobRead.ConfigureAwait(false) ?? await RecordMissingJobAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await (early?.DiscardAsync() ?? Task.CompletedTask).ConfigureAwait(false);
            throw;
        }
        if (job.IsFinished)
        {
            await (early?.DiscardAsync() ?? Task.CompletedTask).ConfigureAwait(false);
            logger.LogInformation("Job {JobId} is already {Status}; message ignored", job.JobId, job.Status);
            return job;
        }

        // While the job is claimed, take the contact's lease (the early GET, if any, runs on).
        using var start = stateRead is null ? null : StartCycle(job, message, await stateRead.ConfigureAwait(false), early, trace, options, cancellationToken);
        (JobRecord? Claimed, JobRecord? Current) claim;
        try
        {
            claim = await trace.TimeAsync("claim", () => ClaimAsync(job, cancellationToken)).ConfigureAwait(false);
        }
        catch
        {
            await AbandonAsync(start, job.JobId, releaseLease: true).ConfigureAwait(false);
            throw;
        }
        if (claim.Claimed is null)
        {
            // Another worker runs this job now: the lease (same job id) is its to give back. Otherwise it is ours.
            var elsewhere = claim.Current?.Status == JobStatus.Processing;
            await AbandonAsync(start, job.JobId, releaseLease: !elsewhere).ConfigureAwait(false);
            logger.LogInformation("Job {JobId} is {Status} by another worker; message ignored", job.JobId, claim.Current?.Status.ToString() ?? "removed");
            return claim.Current ?? job;
        }
        job = claim.Claimed;

        try
        {
            var outcome = decided ?? await RunCycleAsync(job, message, start!, trace, options, cancellationToken).ConfigureAwait(false);
            if (outcome.BusyWith is not null)
            {
                await queue.SendAsync(message, TimeSpan.FromSeconds(options.ContactBusyDelaySeconds), cancellationToken).ConfigureAwait(false);
                return await SaveAsync(job with { Status = JobStatus.Queued, Attempt = job.Attempt - 1, Message = outcome.Message }, trace, cancellationToken)
                    .ConfigureAwait(false);
            }
            // The contact's state and the job are different rows: write both at once.
            var finishing = FinishAsync(job, outcome, trace, cancellationToken);
            await Task.WhenAll(finishing, outcome.PendingStateWrite ?? Task.CompletedTask).ConfigureAwait(false);
            return await finishing.ConfigureAwait(false);
        }
        catch (SyncTransientException e)
        {
            return await RetryOrFailAsync(job, message, e.Message, e.RetryAfter, trace, options, cancellationToken).ConfigureAwait(false);
        }
        catch (CompanyExplorerException e) when (e.IsTransient)
        {
            return await RetryOrFailAsync(job, message, e.Message, null, trace, options, cancellationToken).ConfigureAwait(false);
        }
        catch (CompanyExplorerException e)
        {
            return await FinishAsync(job, new CycleOutcome(JobStatus.Failed, "EnrichmentFailed", e.Message), trace, cancellationToken).ConfigureAwait(false);
        }
        catch (SyncPermanentException e)
        {
            return await FinishAsync(job, new CycleOutcome(JobStatus.Failed, e.Reason, e.Message), trace, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The guards the message alone decides: our own change, and a change that touches no watched column.</summary>
    private CycleOutcome? DecideFromMessage(SyncMessage message, SyncOptions options)
    {
        if (message.Event == SyncEvents.Manual)
        {
            return null;
        }
        if (SyncEvents.IsOwnEcho(message.Event, message.ChangedByAssociateId, superOfficeOptions.CurrentValue.ApiAssociateId))
        {
            return CycleOutcome.Skipped(JobReasons.SelfChange, "Changed by the connector's own API user.");
        }
        if (message.Event == SyncEvents.ContactChanged && !options.Watches(message.Changes))
        {
            return CycleOutcome.Skipped(JobReasons.NoRelevantChange, "The change touches none of Sync:WatchedFields.");
        }
        return null;
    }

    /// <summary>
    /// Marks the job Processing with its ETag. A change by intake (marking it Queued after the send) is retried; another
    /// worker's claim or a finished job is not: then <c>Claimed</c> is null and <c>Current</c> is the job as it is now.
    /// </summary>
    private async Task<(JobRecord? Claimed, JobRecord? Current)> ClaimAsync(JobRecord job, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var claimed = await jobs.TryReplaceAsync(job with
            {
                Status = JobStatus.Processing,
                Attempt = job.Attempt + 1,
                UpdatedAt = time.GetUtcNow(),
            }, cancellationToken).ConfigureAwait(false);
            if (claimed is not null)
            {
                return (claimed, claimed);
            }
            var current = await jobs.GetAsync(job.JobId, cancellationToken).ConfigureAwait(false);
            if (current is null || current.IsFinished || current.Status == JobStatus.Processing || attempt >= 4)
            {
                return (null, current);
            }
            job = current;
        }
    }

    /// <summary>
    /// One conditional write checks the guards that need the contact's state and takes the lease. A GET started early
    /// (the contact was quiet here) runs on meanwhile; otherwise the contact is read once the lease is held.
    /// </summary>
    private CycleStart StartCycle(JobRecord job, SyncMessage message, ContactState state, ContactRead? early, SyncTrace trace, SyncOptions options,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        ContactState? Lease(ContactState s) => IsCovered(job, message, s) || s.WritesSince(now.AddHours(-1)) >= options.MaxWritesPerContactPerHour
                                               || s.IsLeasedByOther(job.JobId, now)
            ? null
            : s with { LeaseJobId = job.JobId, LeaseUntil = now + LeaseDuration };

        var leasing = trace.TimeAsync("lease", () => states.UpdateAsync(message.ContactId, Lease, cancellationToken, read: state));
        return new CycleStart(leasing, early);
    }

    private ContactRead StartRead(int contactId, SyncTrace trace, CancellationToken cancellationToken) =>
        ContactRead.Start(ct => ReadNowAsync(contactId, trace, ct), time.GetUtcNow(), cancellationToken);

    /// <summary>The job was not claimed: drop the early GET and (unless another worker runs the job) give back a lease taken meanwhile.</summary>
    private async Task AbandonAsync(CycleStart? start, string jobId, bool releaseLease)
    {
        if (start is null)
        {
            return;
        }
        await start.DiscardReadAsync().ConfigureAwait(false);
        try
        {
            var (leased, acquired) = await start.Lease.ConfigureAwait(false);
            if (acquired && releaseLease)
            {
                await ReleaseAsync(leased, jobId, s => s, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Job {JobId}: the contact's lease could not be checked; it lapses by itself", jobId);
        }
    }

    private async Task<CycleOutcome> RunCycleAsync(JobRecord job, SyncMessage message, CycleStart start, SyncTrace trace, SyncOptions options,
        CancellationToken cancellationToken)
    {
        var contactId = message.ContactId;
        var now = time.GetUtcNow();
        var loopLimit = options.MaxWritesPerContactPerHour;
        (ContactState State, bool Applied) lease;
        try
        {
            lease = await start.Lease.ConfigureAwait(false);
        }
        catch
        {
            await start.DiscardReadAsync().ConfigureAwait(false);
            throw;
        }
        var (leased, acquired) = lease;
        if (!acquired)
        {
            await start.DiscardReadAsync().ConfigureAwait(false);
            if (IsCovered(job, message, leased))
            {
                return Superseded(leased);
            }
            if (leased.WritesSince(now.AddHours(-1)) >= loopLimit)
            {
                logger.LogWarning("Contact {ContactId}: {Writes} writes within the last hour; job {JobId} refused as a suspected loop",
                    contactId, leased.WritesSince(now.AddHours(-1)), job.JobId);
                return CycleOutcome.Skipped(JobReasons.LoopSuspected,
                    $"More than {loopLimit} writes to this contact within an hour (Sync:MaxWritesPerContactPerHour).");
            }
            return CycleOutcome.Busy(leased.LeaseJobId!);
        }

        var released = false;
        try
        {
            var readAt = start.Read?.StartedAt ?? time.GetUtcNow();
            // Not read early (the contact was busy here lately): read it now that the lease is held. Nothing is awaited
            // before an early read, so it never runs on unobserved.
            var contact = await (start.Read?.Reading ?? ReadNowAsync(contactId, trace, cancellationToken)).ConfigureAwait(false);
            var fields = await fieldMap.GetAsync(cancellationToken).ConfigureAwait(false);
            if (contact is null || contact.Deleted)
            {
                return CycleOutcome.Skipped(JobReasons.ContactNotFound, contact is null ? "The contact does not exist." : "The contact is deleted.");
            }
            trace.UdfsUnreadable = contact.UdfsUnreadable;

            trace.CompanyExplorerCalls++;
            var enrichment = await trace.TimeAsync("enrich",
                () => explorer.EnrichAsync(EnrichmentRequestFactory.From(contact, superOfficeOptions.CurrentValue.ContextIdentifier), cancellationToken))
                .ConfigureAwait(false);
            trace.EnrichmentVersion = enrichment.Version;
            switch (enrichment.Status)
            {
                case EnrichmentStatus.Pending:
                    throw new SyncTransientException("Company Explorer is still analysing this company.", enrichment.RetryAfter);
                case EnrichmentStatus.NotEnrichable:
                    await ReleaseAsync(leased, job.JobId, s => s with { CoveredUpdatedDate = contact.UpdatedDate, CoveredReadAt = readAt }, cancellationToken).ConfigureAwait(false);
                    released = true;
                    return CycleOutcome.Skipped(JobReasons.NotEnrichable, enrichment.Message ?? "Company Explorer cannot enrich this company.");
            }

            var planned = fields.Select(f => new PlannedField(f.Mapping,
                enrichment.Fields.TryGetValue(f.Mapping.Source, out var value) && !string.IsNullOrWhiteSpace(value) ? gateway.Encode(f.Target, value) : null)).ToList();
            SyncDiff.Result Decide(SyncContact read) => SyncDiff.Compute(planned, read.Udfs, leased.LastWritten, options.UnreadableUdfPolicy);
            var diff = Decide(contact);
            trace.Written = diff.Changes;
            trace.Kept = diff.Kept;
            var notes = contact.UdfsUnreadable ? " Some UserDefinedFields were unreadable." : "";

            if (diff.Changes.Count > 0 && options.DryRun)
            {
                trace.DryRun = true;
                return CycleOutcome.Completed("DryRun", $"Dry run: {diff.Changes.Count} field(s) would be written." + notes);
            }
            if (diff.Changes.Count > 0)
            {
                // A person's value typed after our read survives: the write tests what the decision relied on, and on a
                // conflict the contact is read and decided again.
                var write = await new GuardedUdfWrite(gateway, trace, logger).RunAsync(contact, diff, Decide, cancellationToken).ConfigureAwait(false);
                if (write.Conflicts > 0)
                {
                    (contact, diff) = (write.Contact, write.Diff);
                    trace.Written = diff.Changes;
                    trace.Kept = diff.Kept;
                    notes += " A mapped field changed between our read and our write: the contact was read and decided again.";
                }
                switch (write.Status)
                {
                    case GuardedWriteStatus.ContactGone:
                        return CycleOutcome.Skipped(JobReasons.ContactNotFound, "The contact was deleted while it was being enriched.");
                    case GuardedWriteStatus.ConcurrentEdit:
                        trace.Written = [];
                        trace.Kept = [.. diff.Kept, .. diff.Changes.Select(c => new FieldKept(c.Source, c.Target, JobReasons.ConcurrentEdit))];
                        return CycleOutcome.Skipped(JobReasons.ConcurrentEdit,
                            "A mapped field changed between our read and our write, and again after we read the contact once more (someone is " +
                            "editing it): nothing was written, so their values stay. The next change of a watched column, or the CLI's sync, enriches it.");
                }
            }
            if (diff.Changes.Count == 0)
            {
                var unchangedWrite = ReleaseAsync(leased, job.JobId, s => s with { CoveredUpdatedDate = contact.UpdatedDate, CoveredReadAt = readAt }, cancellationToken);
                released = true;
                return CycleOutcome.Completed(JobReasons.NoChange, "Nothing to change." + notes) with { PendingStateWrite = unchangedWrite };
            }

            var patch = diff.Changes.ToDictionary(c => c.Target, c => c.New);
            var writtenAt = time.GetUtcNow();
            var stateWrite = ReleaseAsync(leased, job.JobId, s => s with
            {
                LastWritten = s.LastWritten.Concat(patch).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value),
                WriteTimes = [.. s.WriteTimes, writtenAt],
                CoveredUpdatedDate = contact.UpdatedDate,
                CoveredReadAt = readAt,
            }, cancellationToken);
            released = true;
            return CycleOutcome.Completed(null, $"{patch.Count} field(s) written." + notes) with { PendingStateWrite = stateWrite };
        }
        finally
        {
            if (!released)
            {
                await ReleaseAsync(leased, job.JobId, s => s, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private Task<SyncContact?> ReadNowAsync(int contactId, SyncTrace trace, CancellationToken cancellationToken)
    {
        trace.SuperOfficeCalls++;
        return trace.TimeAsync("getContact", () => gateway.GetContactAsync(contactId, cancellationToken));
    }

    /// <summary>
    /// Whether an enrichment that already completed read the contact after this event's change: either intake received
    /// the event (so SuperOffice had committed the change) before that enrichment started reading, on our clock; or the
    /// event happened before the second of the contact's UpdatedDate as read (SuperOffice's clock; UpdatedDate may be
    /// whole seconds, so only strictly earlier events count).
    /// </summary>
    private static bool IsCovered(JobRecord job, SyncMessage message, ContactState state) =>
        message.Event != SyncEvents.Manual
        && ((state.CoveredReadAt is { } readAt && job.ReceivedAt != default && job.ReceivedAt < readAt - ClockSkew)
            || (message.EventTimestamp is { } happened && state.CoveredUpdatedDate is { } updated && happened < updated));

    private static CycleOutcome Superseded(ContactState state) => CycleOutcome.Skipped(JobReasons.Superseded,
        $"An enrichment that read the contact at {state.CoveredReadAt:O} (updated {state.CoveredUpdatedDate:O}) already covered this change.");

    /// <summary>Applies the final change and gives the lease up: one conditional write on the leased state, re-read only on conflict.</summary>
    private async Task ReleaseAsync(ContactState leased, string jobId, Func<ContactState, ContactState> change, CancellationToken cancellationToken)
    {
        ContactState? Release(ContactState s)
        {
            var next = change(s);
            return s.LeaseJobId == jobId ? next with { LeaseJobId = null, LeaseUntil = null } : next;
        }

        try
        {
            if (!await states.TryReplaceAsync(Release(leased)!, cancellationToken).ConfigureAwait(false))
            {
                await states.UpdateAsync(leased.ContactId, Release, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The lease lapses by itself; the write, if any, is recorded in the job.
            logger.LogWarning(e, "Contact {ContactId}: state could not be updated after job {JobId}", leased.ContactId, jobId);
        }
    }

    private async Task<JobRecord> RetryOrFailAsync(JobRecord job, SyncMessage message, string cause, TimeSpan? retryAfter, SyncTrace trace,
        SyncOptions options, CancellationToken cancellationToken)
    {
        if (job.Attempt >= options.MaxAttempts)
        {
            logger.LogError("Job {JobId} failed after {Attempts} attempts: {Cause}; the message is in the poison queue", job.JobId, job.Attempt, cause);
            await queue.SendToPoisonAsync(message, cancellationToken).ConfigureAwait(false);
            return await FinishAsync(job, new CycleOutcome(JobStatus.Failed, "RetriesExhausted", cause), trace, cancellationToken).ConfigureAwait(false);
        }

        var delay = RetryDelay.For(job.Attempt, TimeSpan.FromSeconds(options.RetryBaseDelaySeconds), retryAfter, Random.Shared.NextDouble());
        logger.LogWarning("Job {JobId} attempt {Attempt} failed transiently ({Cause}); retrying in {Delay}", job.JobId, job.Attempt, cause, delay);
        await queue.SendAsync(message, delay, cancellationToken).ConfigureAwait(false);
        return await SaveAsync(job with { Status = JobStatus.Retrying, Message = $"{cause} Next attempt in {delay.TotalSeconds:0} s." }, trace, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<JobRecord> FinishAsync(JobRecord job, CycleOutcome outcome, SyncTrace trace, CancellationToken cancellationToken)
    {
        var finished = await SaveAsync(job with { Status = outcome.Status, Reason = outcome.Reason, Message = outcome.Message }, trace, cancellationToken)
            .ConfigureAwait(false);
        logger.LogInformation("Job {JobId} for contact {ContactId}: {Status} {Reason} ({SuperOfficeCalls} SuperOffice calls, {ExplorerCalls} Company Explorer calls)",
            job.JobId, job.ContactId, outcome.Status, outcome.Reason, trace.SuperOfficeCalls, trace.CompanyExplorerCalls);
        return finished;
    }

    private async Task<JobRecord> SaveAsync(JobRecord job, SyncTrace trace, CancellationToken cancellationToken)
    {
        var updated = job with
        {
            UpdatedAt = time.GetUtcNow(),
            Details = JsonSerializer.Serialize(trace.ToDetails(), ConnectorJson.Default.SyncDetails),
        };
        // The job was claimed with its ETag; nobody else writes it while it is Processing.
        return await jobs.TryReplaceAsync(updated, cancellationToken).ConfigureAwait(false)
               ?? throw new InvalidOperationException($"Job {job.JobId} was changed while it was being processed.");
    }

    private async Task<JobRecord> RecordMissingJobAsync(SyncMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var job = new JobRecord
        {
            JobId = message.JobId,
            Kind = JobKinds.ContactSync,
            Status = JobStatus.Queued,
            Event = message.Event,
            ContactId = message.ContactId,
            ContextIdentifier = message.ContextIdentifier,
            ChangedByAssociateId = message.ChangedByAssociateId,
            EventTimestamp = message.EventTimestamp,
            Changes = message.Changes,
            ReceivedAt = now,
            UpdatedAt = now,
        };
        return await jobs.TryAddAsync(job, cancellationToken).ConfigureAwait(false)
               ?? await jobs.GetAsync(message.JobId, cancellationToken).ConfigureAwait(false)
               ?? throw new InvalidOperationException($"Job {message.JobId} could not be recorded.");
    }
}
