namespace Connector.Core.Sync;

public static class SyncEvents
{
    public const string ContactCreated = "contact.created";
    public const string ContactChanged = "contact.changed";
    /// <summary>A sync asked for by an operator (CLI <c>sync</c>, backfill): no event guards apply.</summary>
    public const string Manual = "manual";

    /// <summary>
    /// The echo of our own write: a <c>contact.changed</c> by the connector's API user. Only a change can be that echo;
    /// a <c>contact.created</c> by the API user (the CLI's <c>create-company</c>) is meant to be enriched. Intake and
    /// the worker both skip it (<c>SelfChange</c>).
    /// </summary>
    public static bool IsOwnEcho(string eventName, int changedByAssociateId, int apiAssociateId) =>
        changedByAssociateId == apiAssociateId && string.Equals(eventName, ContactChanged, StringComparison.OrdinalIgnoreCase);
}
