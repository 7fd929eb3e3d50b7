namespace Connector.Core.Configuration;

/// <summary>One source of settings, with its keys already in configuration form (<c>Section:Key</c>).</summary>
public sealed record ConfigurationLayer(SettingOrigin Origin, IReadOnlyDictionary<string, string?> Values);
