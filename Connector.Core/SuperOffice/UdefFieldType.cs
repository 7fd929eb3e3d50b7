namespace Connector.Core.SuperOffice;

/// <summary>
/// UDF types as <c>Contact/UdefLayout</c> names them. The layout may send the name or the number; the numbers follow
/// SuperOffice's UDefFieldType enum order (Number = 1 … Decimal = 8; the numeric mapping is UNCONFIRMED).
/// </summary>
public enum UdefFieldType
{
    Unknown = 0,
    Number = 1,
    ShortText = 2,
    LongText = 3,
    Date = 4,
    UnlimitedDate = 5,
    Checkbox = 6,
    List = 7,
    Decimal = 8,
}
