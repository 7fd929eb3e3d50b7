using Connector.Core.SuperOffice;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.SuperOffice;

/// <summary>The credential cache without a server: single flight, expiry, and renewal of a rejected credential.</summary>
public sealed class SuperOfficeCredentialsTests
{
    private sealed class CountingSignIn(TimeProvider time) : ISuperOfficeSignIn
    {
        public int Calls;

        public async Task<SuperOfficeCredential> SignInAsync(CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref Calls);
            await Task.Delay(50, cancellationToken);
            return new SuperOfficeCredential("Bearer", "token-" + n, time.GetUtcNow().AddMinutes(59), null);
        }
    }

    [Fact]
    public async Task Fifty_concurrent_callers_share_one_sign_in()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var signIn = new CountingSignIn(time);
        using var credentials = new SuperOfficeCredentials(signIn, time, NullLogger<SuperOfficeCredentials>.Instance);

        var all = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => credentials.GetAsync(CancellationToken.None).AsTask())));

        Assert.Equal(1, signIn.Calls);
        Assert.All(all, c => Assert.Equal("token-1", c.Token));
    }

    [Fact]
    public async Task An_expiring_credential_is_renewed_and_a_rejected_one_only_once()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var signIn = new CountingSignIn(time);
        using var credentials = new SuperOfficeCredentials(signIn, time, NullLogger<SuperOfficeCredentials>.Instance);

        var first = await credentials.GetAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(60));
        var second = await credentials.GetAsync(CancellationToken.None);
        Assert.Equal(("token-1", "token-2"), (first.Token, second.Token));

        // Many callers report the same rejected credential: one renewal.
        var renewed = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => credentials.RenewAsync(second, CancellationToken.None)));
        Assert.All(renewed, c => Assert.Equal("token-3", c.Token));
        Assert.Equal(3, signIn.Calls);
    }

    [Fact]
    public void The_credential_never_prints_its_token()
    {
        var credential = new SuperOfficeCredential("Bearer", "8A:Cust12345.secret-token", DateTimeOffset.UnixEpoch, null);
        Assert.DoesNotContain("secret-token", credential.ToString());
        Assert.DoesNotContain("client-secret", new SystemUserRequest("signed", "client-secret", "Cust1").ToString());
        Assert.DoesNotContain("hmac-secret", new WebhookDefinition { Secret = "hmac-secret" }.ToString());
    }
}
