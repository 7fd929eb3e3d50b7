using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Connector.Core.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.SuperOffice;

/// <summary>
/// Sends one REST call to the tenant's API: adds the credential (<c>Authorization</c> and <c>SO-AppToken</c>), renews it
/// and retries once on 401, follows a tenant that moved and retries once on 421 Misdirected Request, and turns failures
/// into <see cref="SuperOfficeApiException"/> (or <see cref="TenantUnavailableException"/> when the state API says the
/// tenant is down). Retries of transient failures
/// happen below, in the named client's resilience pipeline.
/// </summary>
public sealed class SuperOfficeHttp(
    IHttpClientFactory httpClients,
    SuperOfficeCredentials credentials,
    SuperOfficeApiBase apiBase,
    SuperOfficeSecrets secrets,
    IOptions<SuperOfficeOptions> options,
    IOptions<SuperOfficeHttpOptions> httpOptions,
    ILogger<SuperOfficeHttp> logger)
{
    public const string AppTokenHeader = "SO-AppToken";
    public const string JsonMediaType = "application/json";
    public const string MergePatchMediaType = "application/merge-patch+json";
    public const string JsonPatchMediaType = "application/json-patch+json";

    /// <summary>Sends the call and returns the answer's body exactly as received.</summary>
    public async Task<string> SendAsync(HttpMethod method, string relativePath, string? jsonBody, CancellationToken cancellationToken,
        string contentType = JsonMediaType)
    {
        var what = $"{method} {relativePath}";
        var credential = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        var baseUrl = await apiBase.GetAsync(credential, cancellationToken).ConfigureAwait(false);
        // An absolute URL under the base is kept relative, so it follows the tenant when it moves.
        var path = SuperOfficeUrls.Relative(baseUrl, relativePath);
        bool relocated = false, renewed = false;
        while (true)
        {
            var response = await SendOnceAsync(method, SuperOfficeUrls.Resolve(baseUrl, path), jsonBody, contentType, credential, what, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.MisdirectedRequest && !relocated)
            {
                // The tenant moved to another address: look it up (shared with concurrent callers) and retry once.
                relocated = true;
                using (response)
                {
                    var message = await SuperOfficeErrors.ReadMessageAsync(response, secrets, cancellationToken).ConfigureAwait(false);
                    logger.LogWarning("SuperOffice answered 421 Misdirected Request to {Call} at {ApiBase}: {Message}; looking the tenant's address up again",
                        what, baseUrl, message);
                    baseUrl = await apiBase.RelocateAsync(baseUrl, message, cancellationToken).ConfigureAwait(false);
                }
                continue;
            }
            if (response.StatusCode == HttpStatusCode.Unauthorized && !renewed)
            {
                // The credential expired early or was revoked: renew once (shared with concurrent callers) and retry once.
                // Whether an expired token gives 401 or 403 is UNCONFIRMED (docs/superoffice/rest-api.md); 403 is taken as a missing right.
                renewed = true;
                response.Dispose();
                logger.LogInformation("SuperOffice refused the credential for {Call}; renewing it and retrying once", what);
                credential = await credentials.RenewAsync(credential, cancellationToken).ConfigureAwait(false);
                baseUrl = await apiBase.GetAsync(credential, cancellationToken).ConfigureAwait(false);
                continue;
            }
            return await ReadAnswerAsync(response, credential, what, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> ReadAnswerAsync(HttpResponseMessage response, SuperOfficeCredential credential, string what, CancellationToken cancellationToken)
    {
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var message = await SuperOfficeErrors.ReadMessageAsync(response, secrets, cancellationToken).ConfigureAwait(false);
                throw new SuperOfficeAuthenticationException(
                    $"SuperOffice refused a freshly obtained credential for {what}" + (message is null ? "." : $": {message}."),
                    response.StatusCode, message, isTransient: false);
            }
            if (response.StatusCode != HttpStatusCode.MisdirectedRequest)
            {
                credentials.Accepted(credential);
            }
            if (!response.IsSuccessStatusCode)
            {
                var error = await SuperOfficeErrors.ToExceptionAsync(response, what, secrets, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.MisdirectedRequest)
                {
                    // Refused at the address the state API just named: the tenant is being moved; try again later.
                    error = new SuperOfficeApiException(error.Message, error.StatusCode, error.SuperOfficeMessage, isTransient: true);
                }
                logger.LogWarning("SuperOffice answered {Status} to {Call}: {Message}", (int)response.StatusCode, what, error.SuperOfficeMessage);
                if (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
                {
                    await apiBase.ThrowIfTenantUnavailableAsync(error, cancellationToken).ConfigureAwait(false);
                }
                throw error;
            }
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends the call and parses the answer as JSON (an empty body gives JSON <c>null</c>).</summary>
    public async Task<JsonDocument> SendForJsonAsync(HttpMethod method, string relativePath, string? jsonBody, CancellationToken cancellationToken,
        string contentType = JsonMediaType)
    {
        var text = await SendAsync(method, relativePath, jsonBody, cancellationToken, contentType).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "null" : text);
        }
        catch (JsonException e)
        {
            throw new SuperOfficeApiException($"SuperOffice answered {method} {relativePath} with a body that is not JSON.", HttpStatusCode.OK, null, isTransient: false, e);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, Uri url, string? jsonBody, string contentType,
        SuperOfficeCredential credential, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = credential.ToHeader();
        request.Headers.TryAddWithoutValidation(AppTokenHeader, options.Value.ClientSecret);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        }

        var http = httpClients.CreateClient(SuperOfficeRegistration.ApiClientName);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            logger.LogDebug("SuperOffice {Call} answered {Status} in {Elapsed} ms", what, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception e) when (SuperOfficeLoginClient.IsUnreachable(e, cancellationToken))
        {
            logger.LogWarning("SuperOffice did not answer {Call} ({Error})", what, e.GetType().Name);
            var error = new SuperOfficeApiException($"SuperOffice did not answer {what} ({e.GetType().Name}).", null, null, isTransient: true, e)
            {
                RetryAfter = SuperOfficeErrors.WaitAfterUnreachable(e, httpOptions.Value),
            };
            await apiBase.ThrowIfTenantUnavailableAsync(error, cancellationToken).ConfigureAwait(false);
            throw error;
        }
    }
}
