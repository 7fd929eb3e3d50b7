using System.Net;
using Connector.Core.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.SuperOffice;

/// <summary>
/// Where the tenant's REST API lives (ending in <c>/api/</c>): <c>SuperOffice:ApiBaseUrl</c> if set; else the validated
/// credential's <c>webapi_url</c> claim; else the tenant state API, cached until its <c>ValidUntil</c>. The address
/// moves (https://docs.superoffice.com/en/developer-portal/best-practices/tenant-status/check-status.html): a call to
/// the old one answers 421 Misdirected Request, and <see cref="RelocateAsync"/> asks the state API again; from then on
/// the state API, not the claim, names the address.
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
    private volatile bool _followState;

    /// <summary>The operator's <c>SuperOffice:ApiBaseUrl</c>, normalised; null when the address is discovered.</summary>
    public Uri? Configured => SuperOfficeUrls.TryNormalizeApiBase(options.Value.ApiBaseUrl);

    public async ValueTask<Uri> GetAsync(SuperOfficeCredential credential, CancellationToken cancellationToken)
    {
        if (Configured is { } configured)
        {
            return configured;
        }
        if (!_followState && credential.WebApiUrl is { } claimed)
        {
            return claimed;
        }
        return ApiOf(await GetStateAsync(refresh: false, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// SuperOffice answered 421 at <paramref name="misdirected"/>: the tenant moved. Returns its current address from the
    /// state API; concurrent callers that met the 421 at the same address share one lookup. With
    /// <c>SuperOffice:ApiBaseUrl</c> set, the operator's address is not overridden: the call fails naming the setting.
    /// </summary>
    public async Task<Uri> RelocateAsync(Uri misdirected, string? superOfficeMessage, CancellationToken cancellationToken)
    {
        if (Configured is { } configured)
        {
            throw await ConfiguredAddressMisdirectedAsync(configured, superOfficeMessage, cancellationToken).ConfigureAwait(false);
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_followState && _state is { } known && time.GetUtcNow() < known.Until && known.State.Api is { } looked && looked != misdirected)
            {
                return looked; // another caller already looked it up
            }
            _followState = true;
            var state = await ReadStateAsync(cancellationToken).ConfigureAwait(false);
            var api = ApiOf(state);
            if (api == misdirected)
            {
                throw new SuperOfficeApiException(
                    $"SuperOffice answered 421 Misdirected Request at {misdirected}, and the tenant state still names that address; try again later.",
                    HttpStatusCode.MisdirectedRequest, superOfficeMessage, isTransient: true);
            }
            logger.LogWarning("SuperOffice tenant {ContextIdentifier} moved: its API is now at {Api} (was {Old})", state.ContextIdentifier, api, misdirected);
            return api;
        }
        finally
        {
            _gate.Release();
        }
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
            return await ReadStateAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>Asks the state API (the caller holds the gate) and caches a running tenant's answer.</summary>
    private async Task<TenantState> ReadStateAsync(CancellationToken cancellationToken)
    {
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

    private static Uri ApiOf(TenantState state) => state.Api ?? throw new SuperOfficeApiException(
        $"The tenant state of {state.ContextIdentifier} names no API URL; set SuperOffice:ApiBaseUrl.", null, null, isTransient: false);

    private async Task<SuperOfficeApiException> ConfiguredAddressMisdirectedAsync(Uri configured, string? superOfficeMessage, CancellationToken cancellationToken)
    {
        Uri? current = null;
        try
        {
            current = (await GetStateAsync(refresh: true, cancellationToken).ConfigureAwait(false)).Api;
        }
        catch (SuperOfficeApiException)
        {
            // Only for the message; the 421 is the error.
        }
        logger.LogError("SuperOffice answered 421 Misdirected Request at SuperOffice:ApiBaseUrl {Configured}; the tenant state names {Current}", configured, current);
        return new SuperOfficeApiException(
            $"SuperOffice answered 421 Misdirected Request: the tenant is no longer at SuperOffice:ApiBaseUrl ({configured})" +
            (current is null ? "" : $"; its tenant state names {current}") +
            ". Remove SuperOffice:ApiBaseUrl so the connector follows the tenant itself, or set it to the new address.",
            HttpStatusCode.MisdirectedRequest, superOfficeMessage, isTransient: false);
    }
}
