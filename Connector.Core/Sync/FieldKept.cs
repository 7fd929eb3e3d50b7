namespace Connector.Core.Sync;

/// <summary>A mapped field left as it is, and why (<c>Unchanged</c>, <c>HandTyped</c>, <c>OwnValueKept</c>, <c>Unreadable</c>, <c>NoValue</c>, <c>AlreadyWritten</c>).</summary>
public sealed record FieldKept(string Source, string Target, string Why);
