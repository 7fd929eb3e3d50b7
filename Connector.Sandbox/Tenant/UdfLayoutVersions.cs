namespace Connector.Sandbox.Tenant;

/// <summary>
/// The contact UDF layout in its two states. <see cref="Published"/> is what contacts hold (<c>GET
/// Contact/UdefLayout/Published</c>); <see cref="Current"/> is what an administrator edits (<c>GET Contact/UdefLayout</c>)
/// and may differ from it until it is published. Contacts always store the seed's fields (<see cref="UdfLayout.Fields"/>),
/// so a publish may relabel them but cannot add one: a new field stays in the current layout only.
/// </summary>
public sealed class UdfLayoutVersions
{
    private readonly object _gate = new();
    private List<UdfField> _current = [.. UdfLayout.Fields];
    private List<UdfField> _published = [.. UdfLayout.Fields];

    /// <summary>How often the layout was published. Each publish gives every field a new UDefFieldId, as SuperOffice does.</summary>
    public int Generation { get; private set; }

    public IReadOnlyList<UdfField> Published
    {
        get
        {
            lock (_gate)
            {
                return [.. _published];
            }
        }
    }

    public IReadOnlyList<UdfField> Current
    {
        get
        {
            lock (_gate)
            {
                return [.. _current];
            }
        }
    }

    /// <summary>Whether the field (by ProgId) is part of the published layout.</summary>
    public bool IsPublished(string progId)
    {
        lock (_gate)
        {
            return _published.Any(f => string.Equals(f.ProgId, progId, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Saves a field in the current layout only: a known ProgId gets the new label, an unknown one is added.</summary>
    public UdfField Save(string progId, string label, string? fieldType, int? textLength)
    {
        lock (_gate)
        {
            var index = _current.FindIndex(f => string.Equals(f.ProgId, progId, StringComparison.OrdinalIgnoreCase));
            var saved = index >= 0
                ? _current[index] with { Label = label }
                : new UdfField(_current.Max(f => f.Id) + 1, progId, label, fieldType ?? "ShortText", textLength ?? (fieldType is null or "ShortText" ? 40 : 0));
            if (index >= 0)
            {
                _current[index] = saved;
            }
            else
            {
                _current.Add(saved);
            }
            return saved;
        }
    }

    /// <summary>Makes the current layout the published one; refused while it holds a field the sandbox's contacts cannot store.</summary>
    public void Publish()
    {
        lock (_gate)
        {
            var unstorable = _current.Where(f => UdfLayout.Find(f.ProgId) is null).Select(f => f.ProgId).ToList();
            if (unstorable.Count > 0)
            {
                throw new ApiError(409, "SandboxLimitation",
                    $"The sandbox cannot publish new fields ({string.Join(", ", unstorable)}): its contacts hold the seed's fields only.");
            }
            _published = [.. _current];
            Generation++;
        }
    }
}
