namespace Connector.Core.SuperOffice;

/// <summary>
/// An entity's <c>UserDefinedFields</c> as far as they could be read. <see cref="Get"/> always answers, and the caller
/// can tell <see cref="UdfValueKind.Empty"/>, <see cref="UdfValueKind.Value"/> and unknown
/// (<see cref="UdfValueKind.Missing"/>, <see cref="UdfValueKind.Unreadable"/>) apart.
/// </summary>
public sealed class UdfReadResult(IReadOnlyDictionary<string, UdfValue> fields, IReadOnlyList<UdfProblem> problems, string? unreadableContainer)
{
    public static readonly UdfReadResult None = new(new Dictionary<string, UdfValue>(), [], null);

    /// <summary>Every field read, by ProgId (companion <c>:DisplayText</c>/<c>:DisplayTooltip</c> keys folded into their field).</summary>
    public IReadOnlyDictionary<string, UdfValue> Fields { get; } = fields;

    /// <summary>What could not be read (each also shows as an <see cref="UdfValueKind.Unreadable"/> field where its ProgId is known).</summary>
    public IReadOnlyList<UdfProblem> Problems { get; } = problems;

    /// <summary>The raw JSON when <c>UserDefinedFields</c> as a whole was unreadable (e.g. a number, or a string that is no JSON object).</summary>
    public string? UnreadableContainer { get; } = unreadableContainer;

    public bool HasProblems => Problems.Count > 0 || UnreadableContainer is not null;

    public UdfValue Get(string progId)
    {
        if (Fields.TryGetValue(progId, out var value))
        {
            return value;
        }
        foreach (var (key, candidate) in Fields)
        {
            if (string.Equals(key, progId, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }
        return UnreadableContainer is not null ? UdfValue.Unreadable(UnreadableContainer) : UdfValue.Missing;
    }
}
