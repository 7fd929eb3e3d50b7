using Microsoft.AspNetCore.Http.Features;

namespace Connector.Tests.Infrastructure;

/// <summary>A response feature that keeps the OnCompleted callbacks, so a test can run them as the host does after the response.</summary>
public sealed class CompletingResponseFeature : HttpResponseFeature
{
    private readonly List<(Func<object, Task> Callback, object State)> _completed = [];

    public int PendingCallbacks => _completed.Count;

    public override void OnCompleted(Func<object, Task> callback, object state) => _completed.Add((callback, state));

    /// <summary>Runs the callbacks in reverse registration order, as ASP.NET Core does.</summary>
    public async Task CompleteAsync()
    {
        for (var i = _completed.Count - 1; i >= 0; i--)
        {
            await _completed[i].Callback(_completed[i].State);
        }
        _completed.Clear();
    }
}
