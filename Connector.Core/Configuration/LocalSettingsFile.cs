using System.Text.Json;

namespace Connector.Core.Configuration;

/// <summary>Reads the <c>Values</c> of a Functions <c>local.settings.json</c>, keys in configuration form (<c>__</c> becomes <c>:</c>).</summary>
public static class LocalSettingsFile
{
    public const string FileName = "local.settings.json";

    public static Dictionary<string, string?> Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ConnectorConfigurationException($"{path} is not a JSON object; it should hold {{ \"Values\": {{ ... }} }}.");
            }
            if (root.TryGetProperty("IsEncrypted", out var encrypted) && encrypted.ValueKind == JsonValueKind.True)
            {
                throw new ConnectorConfigurationException($"{path} is encrypted; run `func settings decrypt` in its folder first.");
            }
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in section.EnumerateObject())
                {
                    values[SettingKey.Normalize(property.Name)] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Null => null,
                        _ => property.Value.GetRawText(),
                    };
                }
            }
            return values;
        }
        catch (JsonException e)
        {
            throw new ConnectorConfigurationException($"{path} is not valid JSON (line {e.LineNumber + 1}): fix the file.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConnectorConfigurationException($"{path} could not be read: {e.Message}", e);
        }
    }
}
