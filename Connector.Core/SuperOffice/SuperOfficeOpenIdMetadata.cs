using Connector.Core.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Connector.Core.SuperOffice;

/// <summary>
/// The login host's OpenID Connect metadata (<c>{LoginBase}login/.well-known/openid-configuration</c>: the issuer and
/// the signing keys from its <c>jwks_uri</c>), cached by a <see cref="ConfigurationManager{T}"/>. A token signed with a
/// key the cached set lacks (SuperOffice rotated its key) makes <see cref="RefreshAsync"/> read it again, at most once
/// per <see cref="ForcedRefreshInterval"/>; a new manager does that read, because the library's own refresh request is
/// served in the background and would hand this caller the old keys.
/// </summary>
public sealed class SuperOfficeOpenIdMetadata(
    SuperOfficeMetadataRetriever retriever,
    IOptions<SuperOfficeOptions> options,
    TimeProvider time,
    ILogger<SuperOfficeOpenIdMetadata> logger) : IDisposable
{
    public const string MetadataPath = "login/.well-known/openid-configuration";

    /// <summary>The library's own minimum between two requested refreshes.</summary>
    public static readonly TimeSpan ForcedRefreshInterval = BaseConfigurationManager.DefaultRefreshInterval;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ConfigurationManager<OpenIdConnectConfiguration>? _manager;
    private DateTimeOffset? _lastForcedRefresh;

    public Uri MetadataAddress => SuperOfficeUrls.Login(options.Value.LoginBase, MetadataPath);

    /// <summary>The cached metadata (read on first use, and again after the library's automatic refresh interval).</summary>
    public async Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken)
    {
        var manager = Volatile.Read(ref _manager);
        if (manager is null)
        {
            manager = NewManager();
            manager = Interlocked.CompareExchange(ref _manager, manager, null) ?? manager;
        }
        return await ReadAsync(manager, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the metadata again because a token named a key <paramref name="stale"/> lacks. Concurrent callers share one
    /// read; returns null when the last forced read is too recent (the keys cannot have changed again so soon).
    /// </summary>
    public async Task<OpenIdConnectConfiguration?> RefreshAsync(OpenIdConnectConfiguration stale, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await GetAsync(cancellationToken).ConfigureAwait(false);
            if (!ReferenceEquals(current, stale))
            {
                return current;
            }
            var now = time.GetUtcNow();
            if (_lastForcedRefresh is { } last && now - last < ForcedRefreshInterval)
            {
                return null;
            }
            _lastForcedRefresh = now;
            logger.LogInformation("Reading SuperOffice's OpenID Connect metadata again from {Address}: a token names a key it did not list", MetadataAddress);
            var fresh = NewManager();
            var configuration = await ReadAsync(fresh, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _manager, fresh);
            return configuration;
        }
        finally
        {
            _gate.Release();
        }
    }

    private ConfigurationManager<OpenIdConnectConfiguration> NewManager() =>
        new(MetadataAddress.ToString(), new OpenIdConnectConfigurationRetriever(), retriever);

    private async Task<OpenIdConnectConfiguration> ReadAsync(ConfigurationManager<OpenIdConnectConfiguration> manager, CancellationToken cancellationToken)
    {
        try
        {
            return await manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            // The manager backs off after a failed first read; the next sign-in starts with a new one.
            Interlocked.CompareExchange(ref _manager, null, manager);
            var cause = Cause(e);
            logger.LogWarning("SuperOffice's OpenID Connect metadata could not be read from {Address}: {Error}", MetadataAddress, cause?.Message ?? e.GetType().Name);
            throw new SuperOfficeAuthenticationException(
                $"SuperOffice's OpenID Connect metadata ({MetadataAddress}) could not be read, so its tokens cannot be validated" +
                (cause is null ? "." : $": {cause.Message}"),
                cause?.StatusCode, cause?.SuperOfficeMessage, cause?.IsTransient ?? true, cause);
        }
    }

    private static SuperOfficeApiException? Cause(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SuperOfficeApiException found)
            {
                return found;
            }
        }
        return null;
    }

    public void Dispose() => _gate.Dispose();
}
