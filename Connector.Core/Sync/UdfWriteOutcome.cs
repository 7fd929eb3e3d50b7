namespace Connector.Core.Sync;

/// <summary>How a guarded UDF write ended.</summary>
public enum UdfWriteOutcome
{
    Written,
    /// <summary>A field no longer held the value the write was based on; nothing was written.</summary>
    Conflict,
}
