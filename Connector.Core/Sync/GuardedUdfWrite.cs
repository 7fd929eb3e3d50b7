using Connector.Core.SuperOffice;
using Microsoft.Extensions.Logging;

namespace Connector.Core.Sync;

/// <summary>
/// Writes a decision's changes, each tested first to still hold the value the decision relied on
/// (<see cref="FieldChange.Expected"/>). When a test fails, someone changed the field after our read: the contact is
/// read again and the decision made again on the same enrichment, once. A second conflict writes nothing.
/// </summary>
internal sealed class GuardedUdfWrite(IContactGateway gateway, SyncTrace trace, ILogger logger)
{
    private const int MaxConflicts = 2;

    public async Task<GuardedWriteResult> RunAsync(SyncContact contact, SyncPlan plan, Func<SyncContact, SyncPlan> decide,
        CancellationToken cancellationToken)
    {
        for (var conflicts = 0; ; )
        {
            trace.SuperOfficeCalls++;
            var writes = plan.Diff.Changes.Select(c => new UdfWrite(c.Target, c.New, c.Expected, Absent: !contact.Udfs.ContainsKey(c.Target))).ToList();
            var outcome = await trace.TimeAsync("patch", () => gateway.WriteUdfsAsync(contact.ContactId, writes, cancellationToken)).ConfigureAwait(false);
            if (outcome == UdfWriteOutcome.Written)
            {
                return new GuardedWriteResult(GuardedWriteStatus.Written, contact, plan, conflicts);
            }
            if (++conflicts == MaxConflicts)
            {
                logger.LogWarning("Contact {ContactId}: a mapped field changed between our read and our write again; nothing written", contact.ContactId);
                return new GuardedWriteResult(GuardedWriteStatus.ConcurrentEdit, contact, plan, conflicts);
            }
            logger.LogInformation("Contact {ContactId}: a mapped field changed between our read and our write; reading it again", contact.ContactId);
            trace.SuperOfficeCalls++;
            var reread = await trace.TimeAsync("getContact", () => gateway.GetContactAsync(contact.ContactId, cancellationToken)).ConfigureAwait(false);
            if (reread is null || reread.Deleted)
            {
                return new GuardedWriteResult(GuardedWriteStatus.ContactGone, contact, plan, conflicts);
            }
            (contact, plan) = (reread, decide(reread));
            if (!plan.Writes)
            {
                return new GuardedWriteResult(GuardedWriteStatus.NothingToWrite, contact, plan, conflicts);
            }
        }
    }
}
