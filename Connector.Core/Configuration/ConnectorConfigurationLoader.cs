using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Connector.Core.Configuration;

/// <summary>
/// Loads the connector's settings the way an operator expects outside the Functions host, later sources winning:
/// <list type="number">
/// <item><c>local.settings.json</c> <c>Values</c> (repository root, else <c>Connector.Functions/</c>),</item>
/// <item><c>.env</c> at the repository root,</item>
/// <item>environment variables,</item>
/// <item>the file given as <c>--env-file</c>,</item>
/// <item>command-line settings (<c>--set Section:Key=value</c>),</item>
/// </list>
/// then the prototype's <c>SO_*</c> names (<see cref="LegacySettingAliases"/>) for settings still unset.
/// In every source <c>__</c> in a key means <c>:</c>. Each key remembers its source (<see cref="ConnectorConfiguration.OriginOf"/>).
/// </summary>
public static class ConnectorConfigurationLoader
{
    public const string SolutionFileName = "Connector.Functions.sln";
    public const string FunctionsFolder = "Connector.Functions";
    public const string DotEnvFileName = ".env";

    public static ConnectorConfiguration Load(ConfigurationSources sources)
    {
        var root = FindRepositoryRoot(sources.WorkingDirectory);
        var layers = new List<ConfigurationLayer>();

        var localSettings = new[] { Path.Combine(root, LocalSettingsFile.FileName), Path.Combine(root, FunctionsFolder, LocalSettingsFile.FileName) }
            .FirstOrDefault(File.Exists);
        if (localSettings is not null)
        {
            layers.Add(new ConfigurationLayer(new SettingOrigin(LocalSettingsFile.FileName, localSettings), LocalSettingsFile.Read(localSettings)));
        }

        var dotEnv = Path.Combine(root, DotEnvFileName);
        if (File.Exists(dotEnv))
        {
            layers.Add(new ConfigurationLayer(new SettingOrigin(DotEnvFileName, dotEnv), DotEnvFile.Read(dotEnv)));
        }

        var environment = sources.Environment ?? ProcessEnvironment();
        var environmentValues = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in environment)
        {
            environmentValues[SettingKey.Normalize(key)] = value;
        }
        layers.Add(new ConfigurationLayer(new SettingOrigin("environment"), environmentValues));

        if (!string.IsNullOrWhiteSpace(sources.EnvFile))
        {
            var envFile = Path.GetFullPath(sources.EnvFile, sources.WorkingDirectory);
            if (!File.Exists(envFile))
            {
                throw new ConnectorConfigurationException($"--env-file {sources.EnvFile} does not exist; give the path of a KEY=VALUE file.");
            }
            layers.Add(new ConfigurationLayer(new SettingOrigin("--env-file", envFile), DotEnvFile.Read(envFile)));
        }

        if (sources.Overrides.Count > 0)
        {
            layers.Add(new ConfigurationLayer(new SettingOrigin("--set"), ParseOverrides(sources.Overrides)));
        }

        return Build(root, layers);
    }

    /// <summary>Merges the layers (later wins) and applies the <c>SO_*</c> aliases, remembering each key's source.</summary>
    public static ConnectorConfiguration Build(string repositoryRoot, IReadOnlyList<ConfigurationLayer> layers)
    {
        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var origins = new Dictionary<string, SettingOrigin>(StringComparer.OrdinalIgnoreCase);
        foreach (var layer in layers)
        {
            foreach (var (key, value) in layer.Values)
            {
                merged[key] = value;
                origins[key] = layer.Origin;
            }
        }

        var builder = new ConfigurationBuilder().AddInMemoryCollection(merged);
        var aliased = LegacySettingAliases.Resolve(builder.Build());
        if (aliased.Count > 0)
        {
            foreach (var (current, _) in aliased)
            {
                var legacy = LegacySettingAliases.Map.First(kv => string.Equals(kv.Value, current, StringComparison.OrdinalIgnoreCase)).Key;
                origins[current] = origins[legacy] with { Alias = legacy };
            }
            builder.AddInMemoryCollection(aliased);
        }
        return new ConnectorConfiguration(builder.Build(), origins, repositoryRoot, layers);
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> holding <c>Connector.Functions.sln</c>, else <paramref name="start"/>.</summary>
    public static string FindRepositoryRoot(string start)
    {
        var full = Path.GetFullPath(start);
        for (var dir = new DirectoryInfo(full); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
            {
                return dir.FullName;
            }
        }
        return full;
    }

    public static Dictionary<string, string?> ParseOverrides(IEnumerable<string> overrides)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in overrides)
        {
            var equals = text.IndexOf('=');
            if (equals <= 0)
            {
                throw new ConnectorConfigurationException($"--set '{text}' is not Section:Key=value, e.g. --set SuperOffice:ApiAssociateId=528.");
            }
            values[SettingKey.Normalize(text[..equals])] = text[(equals + 1)..];
        }
        return values;
    }

    private static Dictionary<string, string?> ProcessEnvironment()
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            values[(string)entry.Key] = entry.Value as string;
        }
        return values;
    }
}
