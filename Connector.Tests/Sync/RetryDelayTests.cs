using Connector.Core.Sync;

namespace Connector.Tests.Sync;

public sealed class RetryDelayTests
{
    [Theory]
    [InlineData(1, null, 30)]
    [InlineData(2, null, 120)]
    [InlineData(3, null, 480)]
    [InlineData(4, null, 900)]
    [InlineData(9, null, 900)]
    [InlineData(1, 90, 90)]
    [InlineData(2, 10, 120)]
    [InlineData(1, 7200, 900)]
    public void Grows_four_fold_honours_a_longer_retry_after_and_is_capped(int attempt, int? retryAfterSeconds, int expectedSeconds)
    {
        var retryAfter = retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryDelay.For(attempt, TimeSpan.FromSeconds(30), retryAfter));
    }
}
