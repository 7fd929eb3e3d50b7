namespace Connector.Core.Configuration;

/// <summary>A setting the connector reads: its key (<c>Section:Key</c>), whether it is secret, and its default as text.</summary>
public sealed record KnownSetting(string Key, bool IsSecret, string? Default);
