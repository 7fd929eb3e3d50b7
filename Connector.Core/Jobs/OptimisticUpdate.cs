namespace Connector.Core.Jobs;

/// <summary>
/// The one compare-and-retry loop for rows updated under optimistic concurrency (an ETag): read, decide, write on the
/// condition that the row is unchanged; when someone else wrote first, read again and decide again.
/// </summary>
public static class OptimisticUpdate
{
    public const int DefaultMaxConflicts = 10;

    /// <param name="read">Reads the current value (null when there is none).</param>
    /// <param name="decide">What to do with the current value (null when there is none).</param>
    /// <param name="tryWrite">The conditional write: the stored value, or null when the condition failed (a conflict).</param>
    /// <param name="firstRead">A value read just before, used instead of the first read.</param>
    /// <returns>The value as stored at the end, and whether this call wrote it.</returns>
    public static async Task<(T? Current, bool Written)> ApplyAsync<T>(
        Func<CancellationToken, Task<T?>> read,
        Func<T?, UpdateStep<T>> decide,
        Func<T, CancellationToken, Task<T?>> tryWrite,
        TimeProvider time,
        CancellationToken cancellationToken,
        T? firstRead = default,
        int maxConflicts = DefaultMaxConflicts)
        where T : class
    {
        var current = firstRead ?? await read(cancellationToken).ConfigureAwait(false);
        for (var conflicts = 0; ; )
        {
            switch (decide(current))
            {
                case UpdateStep<T>.Keep:
                    return (current, false);
                case UpdateStep<T>.Wait wait:
                    await Task.Delay(wait.Delay, time, cancellationToken).ConfigureAwait(false);
                    break;
                case UpdateStep<T>.Write write:
                    if (await tryWrite(write.Next, cancellationToken).ConfigureAwait(false) is { } stored)
                    {
                        return (stored, true);
                    }
                    if (++conflicts > maxConflicts)
                    {
                        throw new InvalidOperationException($"Gave up after {maxConflicts} concurrent updates of the same row.");
                    }
                    break;
            }
            current = await read(cancellationToken).ConfigureAwait(false);
        }
    }
}
