namespace Connector.Core.SuperOffice;

/// <summary>The merge-patch body <c>{"UserDefinedFields": {...}}</c> of <c>PATCH v1/Contact/{id}</c>.</summary>
public sealed record UdfMergePatch(IReadOnlyDictionary<string, string> UserDefinedFields);
