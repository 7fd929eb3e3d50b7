using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Connector.Core.Enrichment;

/// <summary>Calls Company Explorer (typed HttpClient; resilience is added at registration).</summary>
public sealed class CompanyExplorerClient(HttpClient http, IOptions<CompanyExplorerOptions> options)
{
    public const string ApiKeyHeader = "X-Api-Key";

    public async Task<EnrichmentResult> EnrichAsync(EnrichmentRequest request, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, options.Value.EnrichUri)
        {
            Content = JsonContent.Create(request, EnrichmentJson.Default.EnrichmentRequest),
        };
        message.Headers.Add(ApiKeyHeader, options.Value.ApiKey);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                          or Polly.CircuitBreaker.BrokenCircuitException
                                      || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new CompanyExplorerException("Company Explorer could not be reached: " + e.GetType().Name, null, isTransient: true, e)
            {
                // An open circuit stays open for its break: a retry sooner would only spend an attempt on it.
                RetryAfter = e is Polly.CircuitBreaker.BrokenCircuitException ? CompanyExplorerRegistration.CircuitBreak : null,
            };
        }

        using (response)
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    EnrichmentResponse? body;
                    try
                    {
                        body = await response.Content.ReadFromJsonAsync(EnrichmentJson.Default.EnrichmentResponse, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is JsonException or NotSupportedException)
                    {
                        // A 200 that is not our JSON: a proxy's page or a half-deployed service; try again later.
                        throw new CompanyExplorerException("Company Explorer answered 200 with a body that is not its JSON: " + e.GetType().Name,
                            200, isTransient: true, e);
                    }
                    return new EnrichmentResult(EnrichmentStatus.Enriched, body?.StringFields() ?? new Dictionary<string, string>(), body?.Version);
                case HttpStatusCode.Accepted:
                    return new EnrichmentResult(EnrichmentStatus.Pending, new Dictionary<string, string>(),
                        RetryAfter: RetryAfterOf(response) ?? TimeSpan.FromSeconds(30));
                case HttpStatusCode.NotFound:
                case HttpStatusCode.UnprocessableEntity:
                    return new EnrichmentResult(EnrichmentStatus.NotEnrichable, new Dictionary<string, string>(),
                        Message: $"Company Explorer answered {(int)response.StatusCode}");
                default:
                    var status = (int)response.StatusCode;
                    var transient = status is 408 or 429 or >= 500;
                    throw new CompanyExplorerException($"Company Explorer answered {status} {response.ReasonPhrase}", status, transient);
            }
        }
    }

    public static TimeSpan? RetryAfterOf(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
}
