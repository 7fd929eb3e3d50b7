namespace Connector.Core.Sync;

/// <summary>One UDF the worker writes (or, in a dry run, would write): old → new.</summary>
public sealed record FieldChange(string Source, string Target, string? Old, string New, bool OldWasUnknown = false);
