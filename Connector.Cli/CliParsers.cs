using System.CommandLine.Parsing;
using System.Globalization;

namespace Connector.Cli;

/// <summary>Parsers for option values the defaults read too loosely.</summary>
public static class CliParsers
{
    /// <summary>A date or date-time; without an offset it is UTC (never the machine's time zone).</summary>
    public static DateTimeOffset? UtcDate(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
        if (text is null)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }
        result.AddError($"'{text}' is not a date; use yyyy-MM-dd (UTC) or an ISO 8601 time, e.g. 2026-01-01.");
        return null;
    }
}
