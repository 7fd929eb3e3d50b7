using System.Collections;
using Connector.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace Connector.Cli.Configuration;

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
/// In every source <c>__</c> in a key means <c>:</c>. Each key remembers its source (<see cref="CliConfiguration.OriginOf"/>).
/// </summary>
public static class CliConfigurationLoader
{
    public const string SolutionFileName = "Connector.Functions.sln";
    public const string FunctionsFolder = "Connector.Functions";
    public const string DotEnvFileName = ".env";

    public static CliConfiguration Load(ConfigurationSources sources)
    {
        var root = FindRepositoryRoot(sources.WorkingDirectory);
        var builder = new ConfigurationBuilder();
        var origins = new Dictionary<IConfigurationSource, SettingOrigin>();
        void Add(IConfigurationSource source, SettingOrigin origin)
        {
            builder.Add(source);
            origins[source] = origin;
        }

        var localSettings = new[] { Path.Combine(root, LocalSettingsConfigurationSource.FileName), Path.Combine(root, FunctionsFolder, LocalSettingsConfigurationSource.FileName) }
            .FirstOrDefault(File.Exists);
        if (localSettings is not null)
        {
            Add(new LocalSettingsConfigurationSource(localSettings), new SettingOrigin(LocalSettingsConfigurationSource.FileName, localSettings));
        }
        var dotEnv = Path.Combine(root, DotEnvFileName);
        if (File.Exists(dotEnv))
        {
            Add(new DotEnvConfigurationSource(dotEnv), new SettingOrigin(DotEnvFileName, dotEnv));
        }
        Add(Memory((sources.Environment ?? ProcessEnvironment()).ToDictionary(p => SettingKey.Normalize(p.Key), p => p.Value, StringComparer.OrdinalIgnoreCase)),
            new SettingOrigin("environment"));
        if (!string.IsNullOrWhiteSpace(sources.EnvFile))
        {
            var envFile = Path.GetFullPath(sources.EnvFile, sources.WorkingDirectory);
            if (!File.Exists(envFile))
            {
                throw new CliConfigurationException($"--env-file {sources.EnvFile} does not exist; give the path of a KEY=VALUE file.");
            }
            Add(new DotEnvConfigurationSource(envFile), new SettingOrigin("--env-file", envFile));
        }
        if (sources.Overrides.Count > 0)
        {
            Add(Memory(ParseOverrides(sources.Overrides)), new SettingOrigin("--set"));
        }

        var configuration = Build(builder);
        // The prototype's names fill what is still unset, last so that they can be seen as such.
        var aliased = LegacySettingAliases.Resolve(configuration);
        if (aliased.Count > 0)
        {
            builder.AddInMemoryCollection(aliased);
            configuration = Build(builder);
        }
        var providers = configuration.Providers.ToList();
        var byProvider = builder.Sources
            .Select((source, index) => (source, provider: providers[index]))
            .Where(p => origins.ContainsKey(p.source))
            .ToDictionary(p => p.provider, p => origins[p.source]);
        return new CliConfiguration(configuration, byProvider, aliased.Count > 0 ? providers[^1] : null, root);
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
                throw new CliConfigurationException($"--set '{text}' is not Section:Key=value, e.g. --set SuperOffice:ApiAssociateId=528.");
            }
            values[SettingKey.Normalize(text[..equals])] = text[(equals + 1)..];
        }
        return values;
    }

    /// <summary>Builds the configuration; a file a provider could not read is reported as the provider said.</summary>
    private static IConfigurationRoot Build(IConfigurationBuilder builder)
    {
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException e) when (e.InnerException is CliConfigurationException problem)
        {
            throw problem;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new CliConfigurationException($"A settings file could not be read: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    private static Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource Memory(IEnumerable<KeyValuePair<string, string?>> values) =>
        new() { InitialData = values };

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
