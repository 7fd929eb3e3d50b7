namespace Connector.Bench;

/// <summary>The system clock moved by <see cref="Shift"/> (to make a benchmark's jobs expire without waiting 30 days).</summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
}
