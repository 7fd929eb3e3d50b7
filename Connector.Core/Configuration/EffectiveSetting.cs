namespace Connector.Core.Configuration;

/// <summary>A setting as the app sees it: its value (masked when secret) or, when unset, its default.</summary>
public sealed record EffectiveSetting(string Key, string? Value, bool IsSet, bool IsSecret, string? Default);
