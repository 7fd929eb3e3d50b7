namespace Connector.Sandbox.Archives;

/// <summary>
/// The restriction types of the archive columns the sandbox serves, as SuperOffice's archive provider reference names
/// them (<c>RestrictionType</c>). <c>string</c>, <c>stringorPK</c> and <c>positiveString</c> are all text here:
/// none of them is a list type and the operator tables give only the <c>string</c> operators.
/// </summary>
public enum ArchiveColumnType
{
    Int,
    Decimal,
    String,
    Date,
    Bool,
    ListAny,
    Associate,
}
