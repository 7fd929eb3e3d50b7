namespace Connector.Core.Sync;

/// <summary>What to do when a mapped field's current value cannot be read (the malformed-UDF tenant).</summary>
public enum UnreadableUdfPolicy
{
    /// <summary>Write the mapped fields anyway (the prototype's fail-open), unless we wrote that very value last time.</summary>
    WriteMapped,
    /// <summary>Leave fields whose current value is unknown alone.</summary>
    Skip,
}
