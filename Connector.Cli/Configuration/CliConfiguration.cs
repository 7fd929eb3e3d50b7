using Microsoft.Extensions.Configuration;

namespace Connector.Cli.Configuration;

/// <summary>The effective settings and, for every key, the source it came from.</summary>
public sealed class CliConfiguration(IConfigurationRoot configuration, IReadOnlyDictionary<IConfigurationProvider, SettingOrigin> origins,
    IConfigurationProvider? aliases, string repositoryRoot)
{
    public IConfigurationRoot Configuration { get; } = configuration;

    /// <summary>The folder holding <c>Connector.Functions.sln</c>, or the working directory when there is none above it.</summary>
    public string RepositoryRoot { get; } = repositoryRoot;

    /// <summary>The sources read, first (weakest) to last (strongest).</summary>
    public IReadOnlyList<SettingOrigin> Sources { get; } = [.. configuration.Providers.Where(origins.ContainsKey).Select(p => origins[p])];

    public string? this[string key] => Configuration[key];

    /// <summary>Where the effective value of <paramref name="key"/> came from; null when it is not set (a default applies).</summary>
    public SettingOrigin? OriginOf(string key)
    {
        var provider = Configuration.Providers.LastOrDefault(p => p.TryGet(key, out _));
        if (provider is null)
        {
            return null;
        }
        if (ReferenceEquals(provider, aliases))
        {
            // Filled from a prototype name: the source is where that name was set.
            var legacy = Core.Configuration.LegacySettingAliases.Map.First(kv => string.Equals(kv.Value, key, StringComparison.OrdinalIgnoreCase)).Key;
            return OriginOf(legacy) is { } origin ? origin with { Alias = legacy } : null;
        }
        return origins.GetValueOrDefault(provider);
    }
}
