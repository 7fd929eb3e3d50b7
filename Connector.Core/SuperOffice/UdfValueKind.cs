namespace Connector.Core.SuperOffice;

/// <summary>What is known about one UDF of an entity.</summary>
public enum UdfValueKind
{
    /// <summary>The entity's UDFs do not mention this field (not selected, unknown ProgId): its value is unknown.</summary>
    Missing,
    /// <summary>The field is known to be empty (<c>""</c>, <c>null</c>, <c>[D:01/01/0001]</c>).</summary>
    Empty,
    /// <summary>The field holds <see cref="UdfValue.Text"/>.</summary>
    Value,
    /// <summary>Something is there but could not be read; <see cref="UdfValue.Raw"/> holds its JSON text.</summary>
    Unreadable,
}
