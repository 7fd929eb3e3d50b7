using System.Text.RegularExpressions;

namespace Connector.Tests.Soak;

/// <summary>Finds secrets in captured text: the configured ones by value, and access tokens and tickets by their form.</summary>
public static partial class SecretScan
{
    /// <summary>The places a secret was found, as "where: what" (never the secret itself).</summary>
    public static IReadOnlyList<string> Find(IReadOnlyDictionary<string, string> secrets, IReadOnlyDictionary<string, string> texts)
    {
        var found = new List<string>();
        foreach (var (where, text) in texts)
        {
            found.AddRange(secrets.Where(s => text.Contains(s.Value, StringComparison.Ordinal)).Select(s => $"{where}: {s.Key}"));
            found.AddRange(Token().Matches(text).Select(m => $"{where}: a {(m.Value.StartsWith("7T", StringComparison.Ordinal) ? "ticket" : "access token")}"));
        }
        return found;
    }

    // The sandbox's access tokens (8A:{tenant}.{base64}) and tickets (7T:{base64}), as SuperOffice forms them.
    [GeneratedRegex(@"(?:8A:[A-Za-z0-9]+\.|7T:)[A-Za-z0-9+/]{20,}={0,2}")]
    private static partial Regex Token();
}
