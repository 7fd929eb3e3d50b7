using Microsoft.Extensions.Configuration;

namespace Connector.Core.Configuration;

/// <summary>The effective settings and, for every key, the source it came from.</summary>
public sealed class ConnectorConfiguration(
    IConfigurationRoot configuration,
    IReadOnlyDictionary<string, SettingOrigin> origins,
    string repositoryRoot,
    IReadOnlyList<ConfigurationLayer> layers)
{
    public IConfigurationRoot Configuration { get; } = configuration;

    /// <summary>The folder holding <c>Connector.Functions.sln</c>, or the working directory when there is none above it.</summary>
    public string RepositoryRoot { get; } = repositoryRoot;

    /// <summary>The sources read, first (weakest) to last (strongest).</summary>
    public IReadOnlyList<ConfigurationLayer> Layers { get; } = layers;

    public IReadOnlyDictionary<string, SettingOrigin> Origins { get; } = origins;

    public string? this[string key] => Configuration[key];

    /// <summary>Where the effective value of <paramref name="key"/> came from; null when it is not set (a default applies).</summary>
    public SettingOrigin? OriginOf(string key) => Origins.GetValueOrDefault(key);
}
