using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Connector.Core.Configuration;
using Connector.Core.Enrichment;
using Connector.Core.Intake;
using Connector.Core.Jobs;
using Connector.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.Sync;

/// <summary>
/// Runs one message from <c>contact-sync</c>: claims the job, takes the contact's lease, reads the contact, asks
/// Company Explorer, writes what <see cref="SyncDecisions"/> says and records the outcome. What to do is decided in
/// <see cref="SyncDecisions"/>; the job's statuses are written by <see cref="JobLifecycle"/>.
/// <para>To keep table round trips off the critical path, the job and the contact's state are read together, the claim
/// and the lease are written together, and a contact quiet on this instance is read from SuperOffice meanwhile
/// (<see cref="ContactRead"/>); it is used only once both the claim and the lease are held. The early read is kept
/// because it pays: more jobs per second in the paired benchmark rounds (docs/benchmarks.md, "Early read").</para>
/// <para>Transient failures re-queue the message with a growing, jittered delay (<c>Retrying</c>); after
/// <see cref="SyncOptions.MaxAttempts"/> the job is <c>Failed</c> and the message goes to <c>contact-sync-poison</c>.</para>
/// <para>Each run is a span that continues the trace the message carries (from the webhook's request on), with a span per
/// step; every log line written meanwhile carries the job's id and contact (<see cref="JobLogScope"/>).</para>
/// </summary>
public sealed class ContactSyncProcessor(
    JobLifecycle jobs,
    ContactLeases leases,
    IContactGateway gateway,
    CompanyExplorerClient explorer,
    SyncFieldMap fieldMap,
    RecentContacts recentContacts,
    IOptionsMonitor<SyncOptions> syncOptions,
    IOptionsMonitor<SuperOfficeOptions> superOfficeOptions,
    TimeProvider time,
    ILogger<ContactSyncProcessor> logger)
{
    public async Task<JobRecord> ProcessAsync(SyncMessage message, CancellationToken cancellationToken = default)
    {
        using var span = TraceContext.StartContinuing("sync", ActivityKind.Consumer, message.TraceParent);
        span?.SetTag(TelemetryAttributes.JobId, message.JobId);
        span?.SetTag(TelemetryAttributes.ContactId, message.ContactId);
        span?.SetTag(TelemetryAttributes.EventName, message.Event);
        if (message.Event != SyncEvents.Manual)
        {
            // A webhook's job id is its EventId (JobRecords.WebhookJobId).
            span?.SetTag(TelemetryAttributes.EventId, message.JobId);
        }
        using var scope = logger.BeginJobScope(message.JobId, message.ContactId);
        var started = Stopwatch.GetTimestamp();
        var claimed = new StrongBox<bool>();
        try
        {
            var job = await RunAsync(message, claimed, cancellationToken).ConfigureAwait(false);
            JobTelemetry.Describe(span, job);
            if (claimed.Value)
            {
                span?.SetTag(TelemetryAttributes.Attempt, job.Attempt);
                ConnectorMetrics.SyncRun(Stopwatch.GetElapsedTime(started), job.Status.ToString(), job.Reason);
            }
            return job;
        }
        catch (Exception e)
        {
            JobTelemetry.Failed(span, e);
            throw;
        }
    }

    private async Task<JobRecord> RunAsync(SyncMessage message, StrongBox<bool> claimed, CancellationToken cancellationToken)
    {
        var options = syncOptions.CurrentValue;
        var decided = SyncDecisions.ForEvent(message, superOfficeOptions.CurrentValue.ApiAssociateId, options);
        var trace = new SyncTrace();
        // A contact quiet on this instance is most likely free and not yet covered: start its GET with the table reads.
        using var early = decided is null && recentContacts.Touch(message.ContactId) ? StartRead(message.ContactId, trace, cancellationToken) : null;
        // The job and the contact's state are different rows: read both at once. The event alone may decide the job.
        var jobRead = jobs.GetOrRecordAsync(message, cancellationToken);
        var stateRead = decided is null ? leases.ReadAsync(message.ContactId, cancellationToken) : null;
        JobRecord job;
        try
        {
            await Task.WhenAll(stateRead is null ? [jobRead] : [jobRead, stateRead]).ConfigureAwait(false);
            job = await jobRead.ConfigureAwait(false);
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
        using var start = stateRead is null
            ? null
            : new CycleStart(trace.TimeAsync("lease", () => leases.TakeAsync(job, message, stateRead.Result, options.MaxWritesPerContactPerHour, cancellationToken)), early);
        JobClaim claim;
        try
        {
            claim = await trace.TimeAsync("claim", () => jobs.ClaimAsync(job, cancellationToken)).ConfigureAwait(false);
        }
        catch
        {
            await AbandonAsync(start, job.JobId, releaseLease: true).ConfigureAwait(false);
            throw;
        }
        if (claim.Claimed is not { } mine)
        {
            // Another worker runs this job now: the lease (same job id) is its to give back. Otherwise it is ours.
            var elsewhere = claim.Current?.Status == JobStatus.Processing;
            await AbandonAsync(start, job.JobId, releaseLease: !elsewhere).ConfigureAwait(false);
            logger.LogInformation("Job {JobId} is {Status} by another worker; message ignored", job.JobId, claim.Current?.Status.ToString() ?? "removed");
            return claim.Current ?? job;
        }
        job = mine;
        claimed.Value = true;

        try
        {
            var cycle = decided is not null ? new CycleOutcome(decided) : await RunCycleAsync(job, message, start!, trace, options, cancellationToken).ConfigureAwait(false);
            if (cycle.BusyWith is { } other)
            {
                return await jobs.WaitAsync(job, message, TimeSpan.FromSeconds(options.ContactBusyDelaySeconds),
                    $"Waiting: job {other} is working on this contact.", Details(trace), cancellationToken).ConfigureAwait(false);
            }
            // The contact's state and the job are different rows: write both at once.
            var ending = jobs.EndAsync(job, cycle.Outcome!, Details(trace), cancellationToken);
            await Task.WhenAll(ending, cycle.PendingStateWrite ?? Task.CompletedTask).ConfigureAwait(false);
            return await ending.ConfigureAwait(false);
        }
        catch (SyncTransientException e)
        {
            return await RetryOrGiveUpAsync(job, message, e.Message, e.RetryAfter, trace, options, cancellationToken).ConfigureAwait(false);
        }
        catch (CompanyExplorerException e) when (e.IsTransient)
        {
            return await RetryOrGiveUpAsync(job, message, e.Message, e.RetryAfter, trace, options, cancellationToken).ConfigureAwait(false);
        }
        catch (CompanyExplorerException e)
        {
            return await jobs.EndAsync(job, JobOutcome.Failed(JobReasons.EnrichmentFailed, e.Message), Details(trace), cancellationToken).ConfigureAwait(false);
        }
        catch (SyncPermanentException e)
        {
            return await jobs.EndAsync(job, JobOutcome.Failed(e.Reason, e.Message), Details(trace), cancellationToken).ConfigureAwait(false);
        }
    }

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
                await leases.ReleaseAsync(leased, jobId, s => s, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Job {JobId}: the contact's lease could not be checked; it lapses by itself", jobId);
        }
    }

    /// <summary>The cycle once the job is claimed: lease → contact → enrichment → plan → guarded write → the contact's new state.</summary>
    private async Task<CycleOutcome> RunCycleAsync(JobRecord job, SyncMessage message, CycleStart start, SyncTrace trace, SyncOptions options,
        CancellationToken cancellationToken)
    {
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
            var verdict = SyncDecisions.ForState(job, message, leased, time.GetUtcNow(), options.MaxWritesPerContactPerHour);
            if (verdict.Outcome?.Reason == JobReasons.LoopSuspected)
            {
                logger.LogWarning("Contact {ContactId}: job {JobId} refused as a suspected loop ({Message})", message.ContactId, job.JobId, verdict.Outcome.Message);
            }
            // Not decided by the state now (the other job's lease ended meanwhile): wait a turn like a busy contact.
            return verdict.Outcome is { } ends ? new CycleOutcome(ends) : new CycleOutcome(null, verdict.BusyWith ?? leased.LeaseJobId ?? "another job");
        }

        var released = false;
        try
        {
            var readAt = start.Read?.StartedAt ?? time.GetUtcNow();
            // Not read early (the contact was busy here lately): read it now that the lease is held. Nothing is awaited
            // before an early read, so it never runs on unobserved.
            var contact = await (start.Read?.Reading ?? ReadNowAsync(message.ContactId, trace, cancellationToken)).ConfigureAwait(false);
            var fields = await fieldMap.GetAsync(cancellationToken).ConfigureAwait(false);
            if (SyncDecisions.ForContact(contact) is { } gone)
            {
                return new CycleOutcome(gone);
            }
            trace.UdfsUnreadable = contact!.UdfsUnreadable;

            trace.CompanyExplorerCalls++;
            var enrichment = await trace.TimeAsync("enrich",
                () => explorer.EnrichAsync(EnrichmentRequestFactory.From(contact, superOfficeOptions.CurrentValue.ContextIdentifier), cancellationToken))
                .ConfigureAwait(false);
            trace.EnrichmentVersion = enrichment.Version;
            ContactState Covered(ContactState s) => s with { CoveredUpdatedDate = contact.UpdatedDate, CoveredReadAt = readAt, CoveredJobId = job.JobId };
            if (SyncDecisions.ForEnrichment(enrichment) is { } notEnrichable)
            {
                await leases.ReleaseAsync(leased, job.JobId, Covered, cancellationToken).ConfigureAwait(false);
                released = true;
                return new CycleOutcome(notEnrichable);
            }

            var planned = SyncDecisions.Fields(fields, enrichment, gateway.Encode);
            SyncPlan Decide(SyncContact read) => SyncDecisions.Plan(read, planned, leased, options);
            SyncPlan plan;
            using (ConnectorTelemetry.Source.StartActivity("sync diff"))
            {
                plan = Decide(contact);
            }
            var note = "";
            trace.Record(plan.Diff);
            if (plan.Writes)
            {
                // A person's value typed after our read survives: the write tests what the decision relied on, and on a
                // conflict the contact is read and decided again.
                var write = await new GuardedUdfWrite(gateway, trace, logger).RunAsync(contact, plan, Decide, cancellationToken).ConfigureAwait(false);
                (contact, plan) = (write.Contact, write.Plan);
                if (write.Conflicts > 0)
                {
                    note = " A mapped field changed between our read and our write: the contact was read and decided again.";
                }
                switch (write.Status)
                {
                    case GuardedWriteStatus.ContactGone:
                        return new CycleOutcome(JobOutcome.Skipped(JobReasons.ContactNotFound, "The contact was deleted while it was being enriched."));
                    case GuardedWriteStatus.ConcurrentEdit:
                        trace.Record(plan.Diff with { Changes = [], Kept = [.. plan.Diff.Kept, .. plan.Diff.Changes.Select(c => new FieldKept(c.Source, c.Target, JobReasons.ConcurrentEdit))] });
                        return new CycleOutcome(JobOutcome.Skipped(JobReasons.ConcurrentEdit,
                            "A mapped field changed between our read and our write, and again after we read the contact once more (someone is " +
                            "editing it): nothing was written, so their values stay. The next change of a watched column, or the CLI's sync, enriches it."));
                }
            }
            trace.Record(plan.Diff);
            trace.DryRun = plan.Outcome?.Reason == JobReasons.DryRun;
            var found = SyncDecisions.FoundInPlace(plan.Diff, planned);
            if (plan.Outcome is { } unwritten)
            {
                var state = trace.DryRun ? null : leases.ReleaseAsync(leased, job.JobId, s => Covered(s).WithOwn(found), cancellationToken);
                released = state is not null;
                return new CycleOutcome(unwritten with { Message = unwritten.Message + note }, PendingStateWrite: state);
            }

            var written = plan.Diff.Changes.ToDictionary(c => c.Target, c => c.New);
            var writtenAt = time.GetUtcNow();
            var stateWrite = leases.ReleaseAsync(leased, job.JobId, s => Covered(s).WithOwn(found).WithOwn(written).WithWriteAt(writtenAt), cancellationToken);
            released = true;
            return new CycleOutcome(JobOutcome.Completed(null, $"{written.Count} field(s) written." + SyncDecisions.UnreadableNote(contact) + note),
                PendingStateWrite: stateWrite);
        }
        finally
        {
            if (!released)
            {
                await leases.ReleaseAsync(leased, job.JobId, s => s, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private ContactRead StartRead(int contactId, SyncTrace trace, CancellationToken cancellationToken) =>
        ContactRead.Start(ct => ReadNowAsync(contactId, trace, ct), time.GetUtcNow(), cancellationToken);

    private Task<SyncContact?> ReadNowAsync(int contactId, SyncTrace trace, CancellationToken cancellationToken)
    {
        trace.SuperOfficeCalls++;
        return trace.TimeAsync("getContact", () => gateway.GetContactAsync(contactId, cancellationToken));
    }

    private async Task<JobRecord> RetryOrGiveUpAsync(JobRecord job, SyncMessage message, string cause, TimeSpan? retryAfter, SyncTrace trace,
        SyncOptions options, CancellationToken cancellationToken)
    {
        if (job.Attempt >= options.MaxAttempts)
        {
            return await jobs.GiveUpAsync(job, message, cause, Details(trace), cancellationToken).ConfigureAwait(false);
        }
        var delay = RetryDelay.For(job.Attempt, TimeSpan.FromSeconds(options.RetryBaseDelaySeconds), retryAfter, Random.Shared.NextDouble());
        return await jobs.RetryLaterAsync(job, message, delay, cause, Details(trace), cancellationToken).ConfigureAwait(false);
    }

    private static string Details(SyncTrace trace) => JsonSerializer.Serialize(trace.ToDetails(), ConnectorJson.Default.SyncDetails);
}
