using System.Collections.Concurrent;

namespace Connector.Core.Sync;

/// <summary>
/// The contacts this instance worked on within the last <see cref="Window"/>. The worker reads a contact from
/// SuperOffice before it knows whether the contact is busy or already covered only when the contact was quiet here:
/// a burst of events for one contact (which coalescing ends as Busy, then Superseded) then costs no extra GETs, and
/// the common case (a contact's first event in a while) does not wait for the table reads before its GET.
/// </summary>
public sealed class RecentContacts(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(2);
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<int, DateTimeOffset> _until = new();

    /// <summary>Records work on the contact now; true when it was quiet before (no work here within the window).</summary>
    public bool Touch(int contactId)
    {
        var now = time.GetUtcNow();
        var quiet = true;
        _until.AddOrUpdate(contactId, now + Window, (_, until) =>
        {
            quiet = until <= now;
            return now + Window;
        });
        if (_until.Count > PruneAbove)
        {
            foreach (var (id, until) in _until)
            {
                if (until <= now)
                {
                    _until.TryRemove(new KeyValuePair<int, DateTimeOffset>(id, until));
                }
            }
        }
        return quiet;
    }
}
