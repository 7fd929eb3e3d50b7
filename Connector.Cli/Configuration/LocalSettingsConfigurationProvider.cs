using System.Text.Json;
using Microsoft.Extensions.Configuration.Json;

namespace Connector.Cli.Configuration;

/// <summary>
/// Reads <c>local.settings.json</c> with the JSON provider and keeps its <c>Values</c>, keys in configuration form
/// (<c>SuperOffice__ClientId</c> becomes <c>SuperOffice:ClientId</c>), as the Functions host does.
/// </summary>
public sealed class LocalSettingsConfigurationProvider(LocalSettingsConfigurationSource source) : JsonConfigurationProvider(source)
{
    private const string ValuesPrefix = "Values:";

    public override void Load(Stream stream)
    {
        try
        {
            base.Load(stream);
        }
        catch (FormatException e)
        {
            var line = e.InnerException is JsonException { LineNumber: { } number } ? $" (line {number + 1})" : "";
            throw new CliConfigurationException($"{source.FullPath} is not a valid settings file{line}: it should be a JSON object {{ \"Values\": {{ ... }} }}.", e);
        }
        if (Data.TryGetValue("IsEncrypted", out var encrypted) && string.Equals(encrypted, "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliConfigurationException($"{source.FullPath} is encrypted; run `func settings decrypt` in its folder first.");
        }
        Data = Data
            .Where(p => p.Key.StartsWith(ValuesPrefix, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(p => SettingKey.Normalize(p.Key[ValuesPrefix.Length..]), p => p.Value, StringComparer.OrdinalIgnoreCase);
    }
}
