using Connector.Core.Sync;

namespace Connector.Tests.Sync;

public sealed class RetryDelayTests
{
    [Theory]
    [InlineData(1, null, 0.5, 30)]
    [InlineData(2, null, 0.5, 120)]
    [InlineData(3, null, 0.5, 480)]
    [InlineData(4, null, 0.5, 900)]
    [InlineData(9, null, 0.5, 900)]
    [InlineData(1, null, 0.0, 22.5)]
    [InlineData(1, null, 0.999, 37.485)]
    [InlineData(2, null, 0.0, 90)]
    [InlineData(4, null, 0.0, 675)]
    [InlineData(1, 90, 0.5, 90)]
    [InlineData(2, 10, 0.5, 120)]
    [InlineData(1, 25, 0.0, 25)]
    [InlineData(1, 7200, 0.5, 900)]
    public void Grows_four_fold_spreads_by_a_quarter_honours_a_longer_retry_after_and_is_capped(int attempt, int? retryAfterSeconds, double jitter,
        double expectedSeconds)
    {
        var retryAfter = retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        var delay = RetryDelay.For(attempt, TimeSpan.FromSeconds(30), retryAfter, jitter);
        Assert.Equal(expectedSeconds, delay.TotalSeconds, precision: 3);
    }

    [Fact]
    public void Contacts_that_failed_together_come_back_spread_over_half_a_delay()
    {
        var random = new Random(17);
        var delays = Enumerable.Range(0, 1000).Select(_ => RetryDelay.For(2, TimeSpan.FromSeconds(30), null, random.NextDouble()).TotalSeconds).ToList();

        Assert.InRange(delays.Min(), 90, 95);
        Assert.InRange(delays.Max(), 145, 150);
        // No one second holds more than a few percent of them.
        Assert.True(delays.GroupBy(d => (int)d).Max(g => g.Count()) < 50);
    }
}
