using System.Net;
using System.Text;
using Connector.Core.Enrichment;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace Connector.Tests.Enrichment;

/// <summary>
/// How the Company Explorer client reports failures that reach it from below (the handler is the seam: it stands for
/// the resilience pipeline and the network). Transient ones go the sync worker's retry-with-backoff way.
/// </summary>
public sealed class CompanyExplorerClientErrorTests
{
    private static readonly EnrichmentRequest Request = new("superoffice", "Cust1", 42, "Bergen Bau AS", null, null, [], [], null, null, [], [], null, null);

    private static CompanyExplorerClient ClientAnswering(Func<HttpResponseMessage> answer) =>
        new(new HttpClient(new StubHandler(answer)), Options.Create(new CompanyExplorerOptions { BaseUrl = "http://127.0.0.1:9", ApiKey = "k" }));

    [Fact]
    public async Task An_open_circuit_is_a_transient_error()
    {
        var client = ClientAnswering(() => throw new BrokenCircuitException("The circuit is now open"));

        var error = await Assert.ThrowsAsync<CompanyExplorerException>(() => client.EnrichAsync(Request));

        Assert.True(error.IsTransient);
        Assert.IsType<BrokenCircuitException>(error.InnerException);
        Assert.Equal(CompanyExplorerRegistration.CircuitBreak, error.RetryAfter);
    }

    [Fact]
    public async Task An_unreachable_host_leaves_the_wait_to_the_worker()
    {
        var client = ClientAnswering(() => throw new HttpRequestException("Connection refused"));

        var error = await Assert.ThrowsAsync<CompanyExplorerException>(() => client.EnrichAsync(Request));

        Assert.True(error.IsTransient);
        Assert.Null(error.RetryAfter);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "text/html")]
    [InlineData("{\"fields\": ", "application/json")]
    public async Task A_200_whose_body_is_not_its_json_is_a_transient_error(string body, string contentType)
    {
        var client = ClientAnswering(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, contentType) });

        var error = await Assert.ThrowsAsync<CompanyExplorerException>(() => client.EnrichAsync(Request));

        Assert.True(error.IsTransient);
        Assert.Equal(200, error.StatusCode);
    }

    [Fact]
    public async Task A_200_with_its_json_is_read()
    {
        var client = ClientAnswering(() => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("{\"fields\":{\"vertical\":\"Construction\"},\"version\":\"v1\"}", Encoding.UTF8, "application/json"),
        });

        var result = await client.EnrichAsync(Request);

        Assert.Equal(EnrichmentStatus.Enriched, result.Status);
        Assert.Equal("Construction", result.Fields["vertical"]);
    }

    private sealed class StubHandler(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer());
    }
}
