using System.Text.Json;
using Connector.Core.Jobs;

namespace Connector.Tests.Soak;

/// <summary>What a soak run left behind, gathered once at the end for <see cref="SoakJudge"/>.</summary>
/// <param name="Companies">Each company's mapped fields before the run and its UDF shape.</param>
/// <param name="JobsBeforeReplay">Sync jobs by id once the faults had stopped and the system settled.</param>
/// <param name="JobsAtEnd">Sync jobs by id after the failed ones were replayed and the system settled again.</param>
/// <param name="Poisoned">Job ids of the messages in the poison queue before the replay.</param>
/// <param name="Replayed">Job ids that were Failed before the replay (and were replayed).</param>
/// <param name="Events">The sandbox's raised contact events (<c>/admin/webhooks/events</c>).</param>
/// <param name="Deliveries">Every webhook delivery attempt (<c>/admin/webhooks/deliveries</c>).</param>
/// <param name="Requests">Every SuperOffice and Company Explorer call the sandbox answered (<c>/admin/requests</c>).</param>
/// <param name="FinalContacts">Each company as stored at the end (documented shape).</param>
/// <param name="CompanyExplorerFaults">What the Company Explorer stub's fault switches did.</param>
/// <param name="WebhookSender">The sandbox's webhook sender counters (payloads pending, held back late).</param>
/// <param name="SecretsFound">Where a secret showed in the captured logs or telemetry.</param>
public sealed record SoakEvidence(
    IReadOnlyList<SoakChange> Script,
    IReadOnlyDictionary<int, SoakCompany> Companies,
    IReadOnlyDictionary<string, JobRecord> JobsBeforeReplay,
    IReadOnlyDictionary<string, JobRecord> JobsAtEnd,
    IReadOnlyList<string> Poisoned,
    IReadOnlySet<string> Replayed,
    IReadOnlyList<JsonElement> Events,
    IReadOnlyList<JsonElement> Deliveries,
    IReadOnlyList<JsonElement> Requests,
    IReadOnlyDictionary<int, JsonElement> FinalContacts,
    JsonElement CompanyExplorerFaults,
    JsonElement WebhookSender,
    int ApiAssociateId,
    int TokenExpiries,
    StorageFaults StorageFaults,
    int WorkerErrors,
    IReadOnlyList<string> SecretsFound,
    int LogLines,
    int Spans,
    int Measurements,
    bool Settled);
