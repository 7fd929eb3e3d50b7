using Connector.Cli.Configuration;
using Connector.Core.Configuration;

namespace Connector.Tests.Cli;

/// <summary>A throwaway repository root (it holds a <c>Connector.Functions.sln</c>) for configuration files, deleted afterwards.</summary>
public sealed class TempRepository : IDisposable
{
    public TempRepository()
    {
        Root = Path.Combine(Path.GetTempPath(), "so-cli-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path.Combine(Root, CliConfigurationLoader.FunctionsFolder));
        File.WriteAllText(Path.Combine(Root, CliConfigurationLoader.SolutionFileName), "");
    }

    public string Root { get; }

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes a local.settings.json whose Values are the given pairs (keys as written, e.g. with <c>__</c>).</summary>
    public string WriteLocalSettings(IDictionary<string, string> values, string folder = "")
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["IsEncrypted"] = false,
            ["Values"] = values,
        });
        return Write(Path.Combine(folder, LocalSettingsConfigurationSource.FileName), json);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
