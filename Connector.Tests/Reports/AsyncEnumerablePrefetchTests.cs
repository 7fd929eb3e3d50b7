using System.Runtime.CompilerServices;
using Connector.Core.Reports;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Reports;

public sealed class AsyncEnumerablePrefetchTests
{
    [Fact]
    public async Task Items_arrive_in_order_and_the_source_runs_at_most_the_given_number_ahead()
    {
        var produced = 0;
        var maxAhead = 0;
        var consumed = 0;
        async IAsyncEnumerable<int> Source()
        {
            for (var i = 0; i < 50; i++)
            {
                await Task.Yield();
                Interlocked.Increment(ref produced);
                yield return i;
            }
        }

        var seen = new List<int>();
        await foreach (var item in Source().PrefetchAsync(ahead: 1))
        {
            // Let the source run ahead as far as it may before looking.
            await Eventually.TrueAsync(() => Volatile.Read(ref produced) - consumed >= 2 || Volatile.Read(ref produced) == 50, "the source to run ahead");
            // Produced but not yet consumed: the one in the channel plus the one the source is handing over.
            maxAhead = Math.Max(maxAhead, Volatile.Read(ref produced) - consumed);
            seen.Add(item);
            consumed++;
        }

        Assert.Equal(Enumerable.Range(0, 50), seen);
        Assert.InRange(maxAhead, 1, 3);
    }

    [Fact]
    public async Task A_failure_of_the_source_reaches_the_consumer_after_the_items_before_it()
    {
        async IAsyncEnumerable<int> Source()
        {
            yield return 1;
            yield return 2;
            await Task.Yield();
            throw new InvalidOperationException("page 3 failed");
        }

        var seen = new List<int>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var item in Source().PrefetchAsync(ahead: 1))
            {
                seen.Add(item);
            }
        });
        Assert.Equal("page 3 failed", error.Message);
        Assert.Equal([1, 2], seen);
    }

    [Fact]
    public async Task Stopping_early_cancels_the_source_and_waits_for_it()
    {
        var finished = new TaskCompletionSource<bool>();
        async IAsyncEnumerable<int> Source([EnumeratorCancellation] CancellationToken ct = default)
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    await Task.Yield();
                    ct.ThrowIfCancellationRequested();
                    yield return i;
                }
            }
            finally
            {
                finished.TrySetResult(ct.IsCancellationRequested);
            }
        }

        await foreach (var item in Source().PrefetchAsync(ahead: 2))
        {
            if (item == 3)
            {
                break;
            }
        }

        // By the time the loop has ended, the source has been cancelled and has run its finally block.
        Assert.True(finished.Task.IsCompleted);
        Assert.True(await finished.Task);
    }
}
