namespace Connector.Core.SuperOffice;

/// <summary>
/// One contact UDF to write: its ProgId and stored form. With <see cref="Expected"/> set, the write carries a JSON Patch
/// <c>test</c> that the field still holds exactly that before it is replaced, and the whole write is refused when it
/// does not. <see cref="Absent"/> says the contact as read had no such key, so the value is added rather than replaced.
/// </summary>
public sealed record UdfWrite(string ProgId, string Value, string? Expected = null, bool Absent = false);
