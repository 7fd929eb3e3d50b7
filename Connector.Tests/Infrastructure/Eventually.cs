namespace Connector.Tests.Infrastructure;

/// <summary>
/// Waits for something the system does in the background, by looking again until it is seen or a deadline passes
/// (generous: the machine may be loaded). Never a fixed sleep: the wait ends as soon as the condition holds.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    /// <summary>Observes until <paramref name="done"/> holds and returns that observation; fails naming <paramref name="what"/> and the last one seen.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T>> observe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var seen = await observe();
            if (done(seen))
            {
                return seen;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {(timeout ?? DefaultTimeout).TotalSeconds:0} s for {what}; last seen: {seen}");
            }
            await Task.Delay(Interval);
        }
    }

    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        GetAsync(condition, held => held, what, timeout);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        GetAsync(() => Task.FromResult(condition()), held => held, what, timeout);
}
