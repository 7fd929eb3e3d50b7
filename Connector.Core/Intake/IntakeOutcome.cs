namespace Connector.Core.Intake;

public enum IntakeOutcome
{
    /// <summary>A new job was recorded and queued.</summary>
    Queued,
    /// <summary>The EventId was seen before; nothing new was written.</summary>
    Duplicate,
    /// <summary>The registration test event.</summary>
    TestEvent,
    /// <summary>An event not listed in Webhook:Events, or about an entity other than a contact.</summary>
    EventIgnored,
    /// <summary>Our own change (a contact.changed by the API user): recorded as Skipped, not queued.</summary>
    SelfChange,
    /// <summary>Refused (401, 400, 403, 413); nothing written.</summary>
    Rejected,
}
