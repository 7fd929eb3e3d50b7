using System.Collections.Concurrent;

namespace Connector.Tests.Infrastructure;

/// <summary>
/// A person editing a contact while the connector works on it: a handler on the connector's <c>SuperOffice.Api</c>
/// client that runs the person's next edit right before a request it is armed for goes out (say, each PATCH of one
/// contact), so the edit lands between the connector's read and its write every time.
/// <c>services.AddHttpClient(SuperOfficeRegistration.ApiClientName).AddHttpMessageHandler(person.Handler)</c>.
/// </summary>
public sealed class PersonAtTheKeyboard
{
    private readonly ConcurrentQueue<Func<Task>> _edits = new();
    private Func<HttpRequestMessage, bool> _before = _ => false;
    private int _made;

    /// <summary>How many edits the person has made.</summary>
    public int EditsMade => Volatile.Read(ref _made);

    /// <summary>Runs one of <paramref name="edits"/>, in order, before each request that <paramref name="before"/> matches.</summary>
    public void Arm(Func<HttpRequestMessage, bool> before, params Func<Task>[] edits)
    {
        foreach (var edit in edits)
        {
            _edits.Enqueue(edit);
        }
        _before = before;
    }

    /// <summary>Matches <paramref name="method"/> requests to <c>…/v1/Contact/{contactId}</c>.</summary>
    public static Func<HttpRequestMessage, bool> Request(HttpMethod method, int contactId) => request =>
        request.Method == method && request.RequestUri!.AbsolutePath.EndsWith($"/v1/Contact/{contactId}", StringComparison.OrdinalIgnoreCase);

    public DelegatingHandler Handler() => new Interceptor(this);

    private sealed class Interceptor(PersonAtTheKeyboard person) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (person._before(request) && person._edits.TryDequeue(out var edit))
            {
                await edit();
                Interlocked.Increment(ref person._made);
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
