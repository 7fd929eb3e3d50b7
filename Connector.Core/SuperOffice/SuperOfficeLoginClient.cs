using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Core.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Connector.Core.SuperOffice;

/// <summary>
/// The calls to the login host (<c>SuperOffice:LoginBaseUrl</c>, default <c>https://{Environment}.superoffice.com/</c>):
/// token endpoint, system user sign-in, tenant state, and the OpenID Connect metadata and keys. Uses its own named HttpClient and resilience pipeline.
/// Secrets travel in request bodies only, never in a URL (HttpClient logging writes URLs).
/// </summary>
public sealed class SuperOfficeLoginClient(
    IHttpClientFactory httpClients,
    IOptions<SuperOfficeOptions> options,
    IOptions<SuperOfficeHttpOptions> httpOptions,
    SuperOfficeSecrets secrets,
    ILogger<SuperOfficeLoginClient> logger)
{
    public const string TokenPath = "login/common/oauth/tokens";
    public const string SystemUserPath = "Login/api/PartnerSystemUser/Authenticate";

    /// <summary>POSTs a form to the token endpoint and returns the JSON answer (caller disposes).</summary>
    public async Task<JsonDocument> PostTokenRequestAsync(IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SuperOfficeUrls.Login(options.Value.LoginBase, TokenPath))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Accept.ParseAdd("application/json");
        return await SendForJsonAsync(request, "the token endpoint", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POSTs the signed system user token; returns the JSON answer (caller disposes).</summary>
    public async Task<JsonDocument> PostSystemUserAsync(SystemUserRequest body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SuperOfficeUrls.Login(options.Value.LoginBase, SystemUserPath))
        {
            Content = JsonContent.Create(body, SuperOfficeJson.Default.SystemUserRequest),
        };
        request.Headers.Accept.ParseAdd("application/json");
        return await SendForJsonAsync(request, "the system user sign-in", cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET api/state/{ContextIdentifier}</c> (no authentication).</summary>
    public async Task<TenantState> GetTenantStateAsync(CancellationToken cancellationToken)
    {
        var context = options.Value.ContextIdentifier!;
        using var request = new HttpRequestMessage(HttpMethod.Get, SuperOfficeUrls.Login(options.Value.LoginBase, "api/state/" + Uri.EscapeDataString(context)));
        request.Headers.Accept.ParseAdd("application/json");
        using var document = await SendForJsonAsync(request, "the tenant state API", cancellationToken, authentication: false).ConfigureAwait(false);
        var root = document.RootElement;
        var state = JsonValues.Text(root, "State") ?? "Unknown";
        // IsRunning is true for Running and OnlineMaintenance; fall back to the state name if it is missing.
        var isRunning = JsonValues.Bool(JsonValues.Property(root, "IsRunning"))
                        ?? state is "Running" or "OnlineMaintenance" or "2" or "5";
        var api = SuperOfficeUrls.TryNormalizeApiBase(JsonValues.Text(root, "Api")) ?? SuperOfficeUrls.TryNormalizeApiBase(JsonValues.Text(root, "Endpoint"));
        return new TenantState(JsonValues.Text(root, "ContextIdentifier") ?? context, state, isRunning, api, JsonValues.Date(JsonValues.Property(root, "ValidUntil")));
    }

    /// <summary>
    /// <c>GET</c> of a document the login host publishes without authentication (the OpenID Connect metadata and its
    /// key set); returns the body as text. Failures are <see cref="SuperOfficeAuthenticationException"/>: without the
    /// keys no token can be trusted.
    /// </summary>
    public async Task<string> GetDocumentAsync(Uri address, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await SendAsync(request, what, cancellationToken, authentication: true, hint: false).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonDocument> SendForJsonAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken, bool authentication = true)
    {
        using var response = await SendAsync(request, what, cancellationToken, authentication, hint: authentication).ConfigureAwait(false);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw Failure($"SuperOffice answered {what} with a body that is not JSON.", response.StatusCode, null, false, authentication, e);
        }
    }

    /// <summary>Sends the request on the login client; a successful answer is returned (caller disposes), anything else throws.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken, bool authentication, bool hint)
    {
        var http = httpClients.CreateClient(SuperOfficeRegistration.LoginClientName);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnreachable(e, cancellationToken))
        {
            logger.LogWarning("SuperOffice login host unreachable calling {What}: {Error}", what, e.GetType().Name);
            throw Failure($"SuperOffice could not be reached for {what} ({e.GetType().Name}).", null, null, true, authentication, e,
                SuperOfficeErrors.WaitAfterUnreachable(e, httpOptions.Value));
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var message = await SuperOfficeErrors.ReadMessageAsync(response, secrets, cancellationToken).ConfigureAwait(false);
            var status = response.StatusCode;
            var transient = SuperOfficeApiException.IsTransientStatus(status);
            logger.LogWarning("SuperOffice answered {Status} to {What}: {Message}", (int)status, what, message);
            var advice = hint && status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? HintFor(options.Value.AuthMode)
                : "";
            throw Failure($"SuperOffice answered {(int)status} to {what}" + (message is null ? "." : $": {message}.") + advice,
                status, message, transient, authentication, null);
        }
    }

    private static SuperOfficeApiException Failure(string message, HttpStatusCode? status, string? soMessage, bool transient, bool authentication,
        Exception? inner, TimeSpan? retryAfter = null) =>
        authentication
            ? new SuperOfficeAuthenticationException(message, status, soMessage, transient, inner) { RetryAfter = retryAfter }
            : new SuperOfficeApiException(message, status, soMessage, transient, inner) { RetryAfter = retryAfter };

    private static string HintFor(SuperOfficeAuthMode mode) => mode == SuperOfficeAuthMode.SystemUser
        ? " Check SuperOffice:SystemUserToken, SuperOffice:PrivateKey and SuperOffice:ClientSecret."
        : " Check SuperOffice:ClientId, SuperOffice:ClientSecret and SuperOffice:RefreshToken (sign in again for a new refresh token).";

    internal static bool IsUnreachable(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TimeoutException
        || (e is TaskCanceledException or OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
