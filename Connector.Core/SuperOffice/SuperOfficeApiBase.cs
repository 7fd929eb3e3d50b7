using Connector.Core.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.SuperOffice;

/// <summary>
/// Where the tenant's REST API lives (ending in <c>/api/</c>): <c>SuperOffice:ApiBaseUrl</c> if set; else the
/// credential's <c>webapi_url</c> claim; else the tenant state API, cached until its <c>ValidUntil</c>. Never a
/// configured numbered host: those move (reference §2.1).
/// </summary>
public sealed class SuperOfficeApiBase(
    SuperOfficeLoginClient login,
    IOptions<SuperOfficeOptions> options,
    IOptions<SuperOfficeHttpOptions> httpOptions,
    TimeProvider time,
    ILogger<SuperOfficeApiBase> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (TenantState State, DateTimeOffset Until)? _state;

    public async ValueTask<Uri> GetAsync(SuperOfficeCredential credential, CancellationToken cancellationToken)
    {
        if (SuperOfficeUrls.TryNormalizeApiBase(options.Value.ApiBaseUrl) is { } configured)
        {
            return configured;
        }
        if (credential.WebApiUrl is { } claimed)
        {
            return claimed;
        }
        var state = await GetStateAsync(refresh: false, cancellationToken).ConfigureAwait(false);
        return state.Api ?? throw new SuperOfficeApiException(
            $"The tenant state of {state.ContextIdentifier} names no API URL; set SuperOffice:ApiBaseUrl.", null, null, isTransient: false);
    }

    /// <summary>
    /// The tenant state (cached until <c>ValidUntil</c>, or <see cref="SuperOfficeHttpOptions.TenantStateCacheSeconds"/>
    /// when it has none). Throws <see cref="TenantUnavailableException"/> when the tenant is not running; that answer is not cached.
    /// </summary>
    public async Task<TenantState> GetStateAsync(bool refresh, CancellationToken cancellationToken)
    {
        if (!refresh && _state is { } cached && time.GetUtcNow() < cached.Until)
        {
            return cached.State;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!refresh && _state is { } again && time.GetUtcNow() < again.Until)
            {
                return again.State;
            }
            var state = await login.GetTenantStateAsync(cancellationToken).ConfigureAwait(false);
            if (!state.IsRunning)
            {
                _state = null;
                logger.LogWarning("SuperOffice tenant {ContextIdentifier} is not running: {State}", state.ContextIdentifier, state.State);
                throw new TenantUnavailableException(state.ContextIdentifier, state.State);
            }
            var now = time.GetUtcNow();
            var until = state.ValidUntil is { } validUntil && validUntil > now ? validUntil : now + httpOptions.Value.TenantStateCache;
            _state = (state, until);
            logger.LogInformation("SuperOffice tenant {ContextIdentifier} is {State}; API at {Api} (checked again after {Until})",
                state.ContextIdentifier, state.State, state.Api, until);
            return state;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>After the API failed to answer: throws <see cref="TenantUnavailableException"/> if the tenant is down, else returns.</summary>
    public async Task ThrowIfTenantUnavailableAsync(Exception failure, CancellationToken cancellationToken)
    {
        try
        {
            await GetStateAsync(refresh: true, cancellationToken).ConfigureAwait(false);
        }
        catch (TenantUnavailableException e)
        {
            throw new TenantUnavailableException(e.ContextIdentifier, e.State, failure);
        }
        catch (SuperOfficeApiException)
        {
            // The state API is down too: the original failure says more.
        }
    }
}
