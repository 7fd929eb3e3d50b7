using Connector.Core.SuperOffice;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Connector.Tests.SuperOffice;

/// <summary>
/// The credential cache without a server: single flight, expiry, renewal of a rejected credential, and a failed sign-in
/// that is not kept. The sign-in is a Moq double: each test needs it to answer or fail at a moment the test chooses.
/// </summary>
public sealed class SuperOfficeCredentialsTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly Mock<ISuperOfficeSignIn> _signIn = new(MockBehavior.Strict);
    private int _issued;

    private SuperOfficeCredential Issue() =>
        new("Bearer", "token-" + Interlocked.Increment(ref _issued), _time.GetUtcNow().AddMinutes(59), null);

    private SuperOfficeCredentials Credentials() => new(_signIn.Object, _time, NullLogger<SuperOfficeCredentials>.Instance);

    [Fact]
    public async Task Fifty_concurrent_callers_share_one_sign_in()
    {
        // The sign-in is held open until all fifty have asked.
        var answer = new TaskCompletionSource<SuperOfficeCredential>();
        _signIn.Setup(s => s.SignInAsync(It.IsAny<CancellationToken>())).Returns(answer.Task);
        using var credentials = Credentials();

        var callers = Enumerable.Range(0, 50).Select(_ => credentials.GetAsync(CancellationToken.None).AsTask()).ToList();
        answer.SetResult(Issue());
        var all = await Task.WhenAll(callers);

        _signIn.Verify(s => s.SignInAsync(It.IsAny<CancellationToken>()), Times.Once);
        Assert.All(all, c => Assert.Equal("token-1", c.Token));
    }

    [Fact]
    public async Task An_expiring_credential_is_renewed_and_a_rejected_one_only_once()
    {
        _signIn.Setup(s => s.SignInAsync(It.IsAny<CancellationToken>())).ReturnsAsync(Issue);
        using var credentials = Credentials();

        var first = await credentials.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(60));
        var second = await credentials.GetAsync(CancellationToken.None);
        Assert.Equal(("token-1", "token-2"), (first.Token, second.Token));

        // Many callers report the same rejected credential: one renewal.
        var renewed = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => credentials.RenewAsync(second, CancellationToken.None)));
        Assert.All(renewed, c => Assert.Equal("token-3", c.Token));
        _signIn.Verify(s => s.SignInAsync(It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task A_failed_sign_in_is_not_kept_and_the_next_caller_signs_in_again()
    {
        _signIn.SetupSequence(s => s.SignInAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new SuperOfficeAuthenticationException("SuperOffice could not be reached for the token endpoint.", null, null, isTransient: true))
            .ReturnsAsync(Issue);
        using var credentials = Credentials();

        var failure = await Assert.ThrowsAsync<SuperOfficeAuthenticationException>(() => credentials.GetAsync(CancellationToken.None).AsTask());
        var next = await credentials.GetAsync(CancellationToken.None);

        Assert.True(failure.IsTransient);
        Assert.Equal("token-1", next.Token);
        _signIn.Verify(s => s.SignInAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public void The_credential_never_prints_its_token()
    {
        var credential = new SuperOfficeCredential("Bearer", "8A:Cust12345.secret-token", DateTimeOffset.UnixEpoch, null);
        Assert.DoesNotContain("secret-token", credential.ToString());
        Assert.DoesNotContain("client-secret", new SystemUserRequest("signed", "client-secret", "Cust1").ToString());
        Assert.DoesNotContain("hmac-secret", new WebhookDefinition { Secret = "hmac-secret" }.ToString());
        var webhook = new WebhookDefinition { Secret = "hmac-secret", TargetUrl = "https://app.example/api/webhooks/superoffice?code=host-key-1" }.ToString();
        Assert.DoesNotContain("host-key-1", webhook);
        Assert.Contains("https://app.example/api/webhooks/superoffice?code=", webhook);
    }
}
