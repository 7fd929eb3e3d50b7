namespace Connector.Core.Sync;

public static class SyncEvents
{
    public const string ContactCreated = "contact.created";
    public const string ContactChanged = "contact.changed";
    /// <summary>A sync asked for by an operator (CLI <c>sync</c>, backfill): no event guards apply.</summary>
    public const string Manual = "manual";
}
