namespace Connector.Cli.Configuration;

/// <summary>
/// Reads a <c>.env</c> file: <c>KEY=VALUE</c> lines, <c>#</c> comments, blank lines, an optional <c>export </c> prefix,
/// values optionally in single or double quotes (double quotes understand <c>\n</c>, <c>\"</c> and <c>\\</c>).
/// Keys keep their name except that <c>__</c> becomes <c>:</c>.
/// </summary>
public static class DotEnvFile
{
    public static Dictionary<string, string?> Parse(string text, string name = ".env")
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }
            var equals = line.IndexOf('=');
            if (equals <= 0)
            {
                throw new CliConfigurationException($"{name} line {lineNumber} is not KEY=VALUE; fix or remove it.");
            }
            var key = line[..equals].Trim();
            values[SettingKey.Normalize(key)] = Value(line[(equals + 1)..].Trim(), name, lineNumber);
        }
        return values;
    }

    private static string Value(string raw, string name, int lineNumber)
    {
        if (raw.Length == 0)
        {
            return "";
        }
        var quote = raw[0];
        if (quote is '"' or '\'')
        {
            var end = quote == '"' ? ClosingDoubleQuote(raw) : raw.IndexOf('\'', 1);
            if (end < 0)
            {
                throw new CliConfigurationException($"{name} line {lineNumber} has an unclosed {quote} quote.");
            }
            var inner = raw[1..end];
            return quote == '"' ? Unescape(inner) : inner;
        }
        // Unquoted: an inline comment starts at " #".
        var comment = raw.IndexOf(" #", StringComparison.Ordinal);
        return (comment >= 0 ? raw[..comment] : raw).Trim();
    }

    private static int ClosingDoubleQuote(string raw)
    {
        for (var i = 1; i < raw.Length; i++)
        {
            if (raw[i] == '\\')
            {
                i++;
            }
            else if (raw[i] == '"')
            {
                return i;
            }
        }
        return -1;
    }

    private static string Unescape(string text) => text
        .Replace("\\\\", "\u0000", StringComparison.Ordinal)
        .Replace("\\n", "\n", StringComparison.Ordinal)
        .Replace("\\\"", "\"", StringComparison.Ordinal)
        .Replace("\u0000", "\\", StringComparison.Ordinal);
}
