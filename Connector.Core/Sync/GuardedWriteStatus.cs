namespace Connector.Core.Sync;

/// <summary>How a guarded write ended.</summary>
internal enum GuardedWriteStatus
{
    Written,
    /// <summary>After a conflict the contact was read again, and the new decision writes nothing.</summary>
    NothingToWrite,
    /// <summary>After a conflict the contact was gone or deleted.</summary>
    ContactGone,
    /// <summary>A second conflict: nothing was written.</summary>
    ConcurrentEdit,
}
