namespace Connector.Core.Sync;

/// <summary>A contact UDF as the layout describes it (ProgId, label, type, text length).</summary>
public sealed record UdfTarget(string ProgId, string Label, string FieldType, int? TextLength);
