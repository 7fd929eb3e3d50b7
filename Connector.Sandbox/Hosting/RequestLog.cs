using System.Collections.Concurrent;

namespace Connector.Sandbox.Hosting;

/// <summary>
/// One SuperOffice or Company Explorer call, as <c>GET /admin/requests</c> lists it; <c>Host</c> is host:port and
/// <c>DelayedMs</c> the latency the fault switch added before it was answered.
/// </summary>
public sealed record RequestLogEntry(string Method, string Path, string Query, int Status, string? Auth, DateTimeOffset At, string? Host = null, int DelayedMs = 0);

public sealed class RequestLog
{
    private readonly ConcurrentQueue<RequestLogEntry> _entries = new();

    public IReadOnlyList<RequestLogEntry> Entries => [.. _entries];

    public void Add(RequestLogEntry entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > 20_000 && _entries.TryDequeue(out _))
        {
        }
    }

    public void Clear() => _entries.Clear();
}
