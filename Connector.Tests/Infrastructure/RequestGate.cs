using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Infrastructure;

/// <summary>
/// Holds back the outgoing requests that match until the test releases them, and tells when the first one arrived:
/// a test can then look at the system while a call is known to be in flight. <see cref="AddTo"/> puts it outside the
/// client's resilience pipeline, so time spent at the gate counts against no timeout and causes no retry.
/// </summary>
public sealed class RequestGate(Func<HttpRequestMessage, bool> match)
{
    private readonly Func<HttpRequestMessage, bool> _match = match;
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first matching request reached the gate.</summary>
    public Task Arrived => _arrived.Task;

    public void Release() => _released.TrySetResult();

    public DelegatingHandler CreateHandler() => new Handler(this);

    /// <summary>Gates the named HttpClient (e.g. <c>SuperOffice.Api</c>), as its outermost handler.</summary>
    public void AddTo(IServiceCollection services, string clientName) =>
        services.AddHttpClient(clientName).ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Insert(0, CreateHandler()));

    private sealed class Handler(RequestGate gate) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (gate._match(request))
            {
                gate._arrived.TrySetResult();
                await gate._released.Task.WaitAsync(cancellationToken);
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
