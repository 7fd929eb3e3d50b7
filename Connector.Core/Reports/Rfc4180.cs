using System.Text;

namespace Connector.Core.Reports;

/// <summary>
/// Writes CSV records as RFC 4180 describes them: comma-separated, CRLF line ends, and a field in double quotes
/// (inner quotes doubled) when it holds a comma, a quote, CR or LF. Callers format numbers and dates with the
/// invariant culture.
/// </summary>
public static class Rfc4180
{
    public const string LineEnd = "\r\n";

    public static void AppendRecord(StringBuilder output, params ReadOnlySpan<string?> fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                output.Append(',');
            }
            AppendField(output, fields[i]);
        }
        output.Append(LineEnd);
    }

    public static void AppendField(StringBuilder output, string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return;
        }
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            output.Append(field);
            return;
        }
        output.Append('"');
        foreach (var c in field)
        {
            if (c == '"')
            {
                output.Append('"');
            }
            output.Append(c);
        }
        output.Append('"');
    }
}
