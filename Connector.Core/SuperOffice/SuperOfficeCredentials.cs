using Microsoft.Extensions.Logging;

namespace Connector.Core.SuperOffice;

/// <summary>
/// The current credential, shared by every caller: renewed shortly before it expires, or when SuperOffice rejects it
/// (401). Concurrent callers that find it stale share one sign-in (single flight). The system user ticket is kept while
/// it is used: it is renewed only after SuperOffice refused it, or after six idle hours.
/// </summary>
public sealed class SuperOfficeCredentials(ISuperOfficeSignIn signIn, TimeProvider time, ILogger<SuperOfficeCredentials> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SuperOfficeCredential? _current;

    public ValueTask<SuperOfficeCredential> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        return current is not null && time.GetUtcNow() < current.RenewAt
            ? ValueTask.FromResult(current)
            : new ValueTask<SuperOfficeCredential>(RenewAsync(current, cancellationToken));
    }

    /// <summary>
    /// Replaces <paramref name="rejected"/> (the credential SuperOffice refused). When another caller has replaced it
    /// meanwhile, that newer credential is returned without a second sign-in.
    /// </summary>
    public async Task<SuperOfficeCredential> RenewAsync(SuperOfficeCredential? rejected, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _current;
            if (current is not null && !ReferenceEquals(current, rejected) && time.GetUtcNow() < current.RenewAt)
            {
                return current;
            }
            logger.LogInformation("Signing in to SuperOffice ({Reason})", current is null ? "first call" : ReferenceEquals(current, rejected) && time.GetUtcNow() < current.RenewAt ? "credential rejected" : "credential expiring");
            var fresh = await signIn.SignInAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, fresh);
            return fresh;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>SuperOffice accepted <paramref name="credential"/> just now (a sliding ticket's window restarts).</summary>
    public void Accepted(SuperOfficeCredential credential) => credential.Accepted(time.GetUtcNow());

    public void Dispose() => _gate.Dispose();
}
