namespace Connector.Core.Sync;

/// <summary>
/// One UDF the worker writes (or, in a dry run, would write): old → new. <see cref="Expected"/> is the stored value
/// the decision relied on (empty, or our own last value), which the write tests is still there; null when the decision
/// did not depend on it (<c>Overwrite</c>) or it could not be read.
/// </summary>
public sealed record FieldChange(string Source, string Target, string? Old, string New, bool OldWasUnknown = false, string? Expected = null);
