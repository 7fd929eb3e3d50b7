using Connector.Core.Sync;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Sync;

public sealed class RecentContactsTests
{
    [Fact]
    public void A_contact_is_quiet_until_touched_and_again_once_the_window_has_passed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T08:00:00Z"));
        var recent = new RecentContacts(time);

        Assert.True(recent.Touch(7));
        Assert.False(recent.Touch(7));
        Assert.True(recent.Touch(8));

        time.Advance(RecentContacts.Window - TimeSpan.FromSeconds(1));
        Assert.False(recent.Touch(7));
        // Each touch starts the window again.
        time.Advance(RecentContacts.Window);
        Assert.True(recent.Touch(7));
    }

    [Fact]
    public void Of_many_concurrent_touches_of_a_quiet_contact_exactly_one_sees_it_quiet()
    {
        var recent = new RecentContacts(TimeProvider.System);
        var quiet = 0;
        Parallel.For(0, 64, _ =>
        {
            if (recent.Touch(42))
            {
                Interlocked.Increment(ref quiet);
            }
        });
        Assert.Equal(1, quiet);
    }
}
