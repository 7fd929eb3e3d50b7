namespace Connector.Tests.Soak;

public enum SoakChangeKind
{
    /// <summary>The company's name changes: a watched field, so the enrichment changes and must be written.</summary>
    Rename,
    /// <summary>A field the connector does not watch changes: no enrichment, no write.</summary>
    UnwatchedEdit,
}

/// <summary>
/// One person's edit in the soak. Edits with the same <see cref="Group"/> are made at the same moment (concurrent edits of
/// one company); <see cref="Phase"/> is the fault phase it is made in.
/// </summary>
public sealed record SoakChange(int Index, int Phase, int Group, int ContactId, SoakChangeKind Kind, string Value);
