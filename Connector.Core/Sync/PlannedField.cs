namespace Connector.Core.Sync;

/// <summary>A mapped field with the value enrichment produced, already encoded for its UDF (null: enrichment had none).</summary>
public sealed record PlannedField(FieldMapping Mapping, string? NewValue);
