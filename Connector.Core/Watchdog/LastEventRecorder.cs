using Microsoft.Extensions.Logging;

namespace Connector.Core.Watchdog;

/// <summary>
/// Keeps when intake last accepted a delivery, for the watchdog's silence check. Intake calls it after its answer is
/// ready (the write runs while the response goes out, like the job's <c>Queued</c> mark) and at most one write per
/// <see cref="Interval"/> per instance reaches storage, so the mark may be up to that much early: a recovery window
/// that starts there only covers a little more.
/// </summary>
public sealed class LastEventRecorder(WatchdogStateStore store, TimeProvider time, ILogger<LastEventRecorder> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private long _nextWriteTicks;

    /// <summary>The mark's write, or a completed task when this instance wrote one within <see cref="Interval"/>. Never faults.</summary>
    public Task RecordAsync()
    {
        var now = time.GetUtcNow();
        var next = Interlocked.Read(ref _nextWriteTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextWriteTicks, now.UtcTicks + Interval.Ticks, next) != next)
        {
            return Task.CompletedTask;
        }
        return WriteAsync(now);
    }

    private async Task WriteAsync(DateTimeOffset now)
    {
        try
        {
            await store.RecordEventAsync(now, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Only the watchdog's silence check reads it; the next delivery tries again.
            Interlocked.Exchange(ref _nextWriteTicks, 0);
            logger.LogWarning(e, "The time of the last accepted webhook could not be recorded");
        }
    }
}
