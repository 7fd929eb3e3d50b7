namespace Connector.Sandbox.Archives;

/// <summary>One restriction of a <c>$filter</c>: <c>column operator value(s)</c>; the clauses are joined by <c>and</c>.</summary>
public sealed record ArchiveClause(string Column, string Operator, IReadOnlyList<string> Values);
