namespace Connector.Core.SuperOffice;

/// <summary>The body SuperOffice POSTs to a webhook target (PascalCase JSON).</summary>
public sealed record WebhookPayload(
    Guid EventId,
    string Event,
    int PrimaryKey,
    string Entity,
    string ContextIdentifier,
    int ChangedByAssociateId,
    DateTimeOffset? Timestamp,
    IReadOnlyList<string> Changes,
    string? WebhookName)
{
    public const string TestEvent = "test";
    public const string ContactEntity = "contact";

    public bool IsTest => string.Equals(Event, TestEvent, StringComparison.OrdinalIgnoreCase);

    /// <summary>The event is about a contact (a company), so <see cref="PrimaryKey"/> is a contact id.</summary>
    public bool IsContact => string.Equals(Entity, ContactEntity, StringComparison.OrdinalIgnoreCase);
}
