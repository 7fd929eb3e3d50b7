using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Connector.Core.Reports;

/// <summary>Reads ahead of the consumer: the next items are fetched while the current one is being worked on.</summary>
public static class AsyncEnumerablePrefetch
{
    /// <summary>
    /// Enumerates <paramref name="source"/> on a background task, at most <paramref name="ahead"/> items ahead of the
    /// consumer (so memory stays bounded), in order. A failure of the source reaches the consumer when it gets there;
    /// when the consumer stops early or fails, the source is cancelled and awaited before this returns.
    /// </summary>
    public static async IAsyncEnumerable<T> PrefetchAsync<T>(this IAsyncEnumerable<T> source, int ahead,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ahead, 1);
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(ahead)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source.WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    await channel.Writer.WriteAsync(item, stop.Token).ConfigureAwait(false);
                }
                channel.Writer.TryComplete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        }, CancellationToken.None);

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }
}
