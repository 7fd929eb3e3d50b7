namespace Connector.Cli.Configuration;

/// <summary>Setting names as configuration keys: flat app settings use <c>__</c> where configuration uses <c>:</c>.</summary>
public static class SettingKey
{
    public static string Normalize(string key) => key.Trim().Replace("__", ":", StringComparison.Ordinal);

    /// <summary>The flat form, as an environment variable or app setting (<c>SuperOffice__ClientSecret</c>).</summary>
    public static string ToFlat(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
