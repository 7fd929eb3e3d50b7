namespace Connector.Core.Sync;

/// <summary>One Company Explorer field written to one contact UDF (by ProgId, or by label until resolved).</summary>
public sealed record FieldMapping(string Source, string Target, OverwritePolicy Overwrite);
