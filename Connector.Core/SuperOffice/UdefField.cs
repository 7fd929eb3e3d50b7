namespace Connector.Core.SuperOffice;

/// <summary>One contact UDF from <c>Contact/UdefLayout/Published</c>: ProgId ↔ label ↔ type ↔ text length.</summary>
public sealed record UdefField(
    string ProgId,
    string Label,
    UdefFieldType FieldType,
    string FieldTypeName,
    int? TextLength,
    int? UdefFieldId = null,
    int? ListDefinitionId = null,
    bool IsReadOnly = false,
    bool IsMandatory = false);
