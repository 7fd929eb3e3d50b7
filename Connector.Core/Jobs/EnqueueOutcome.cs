namespace Connector.Core.Jobs;

public enum EnqueueOutcome
{
    /// <summary>The job was recorded (or completed from an earlier, interrupted attempt) and its message sent.</summary>
    Queued,
    /// <summary>The job was queued before; nothing new was written.</summary>
    AlreadyQueued,
}
