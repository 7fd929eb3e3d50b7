using System.CommandLine.Parsing;
using System.Globalization;

namespace Connector.Cli;

/// <summary>A rate such as <c>5/s</c>, <c>120/m</c> or <c>5</c> (per second), as the time between two operations.</summary>
public static class BackfillRate
{
    public static TimeSpan? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "10/s";
        if (TryParse(text, out var interval))
        {
            return interval;
        }
        result.AddError($"--rate '{text}' is not a rate; write it as N/s or N/m with N > 0, e.g. 5/s.");
        return null;
    }

    public static bool TryParse(string text, out TimeSpan interval)
    {
        interval = default;
        var parts = text.Trim().Split('/', 2, StringSplitOptions.TrimEntries);
        var unit = parts.Length == 2 ? parts[1].ToLowerInvariant() : "s";
        var per = unit switch { "s" or "sec" => TimeSpan.FromSeconds(1), "m" or "min" => TimeSpan.FromMinutes(1), _ => TimeSpan.Zero };
        if (per == TimeSpan.Zero || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var count) || count <= 0 || double.IsInfinity(count))
        {
            return false;
        }
        interval = per / count;
        return true;
    }
}
