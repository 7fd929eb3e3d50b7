namespace Connector.Core.Sync;

/// <summary>A field mapping whose target was found in the contact UDF layout.</summary>
public sealed record ResolvedField(FieldMapping Mapping, UdfTarget Target);
