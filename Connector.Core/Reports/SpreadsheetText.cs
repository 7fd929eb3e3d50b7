namespace Connector.Core.Reports;

/// <summary>
/// Text that people typed (headings, company names), made safe for the spreadsheet programs the CSVs are opened in:
/// text that begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return would be read as a formula,
/// so it gets a leading <c>'</c>, which spreadsheets take as "this is text" (OWASP's advice on CSV injection).
/// Only for text columns: numbers we write (a negative amount) must stay numbers.
/// </summary>
public static class SpreadsheetText
{
    public const char TextMarker = '\'';

    public static string? Neutralize(string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? TextMarker + text : text;
}
