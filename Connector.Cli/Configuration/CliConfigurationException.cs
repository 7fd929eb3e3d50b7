namespace Connector.Cli.Configuration;

/// <summary>A configuration problem a person can fix (an unreadable settings file, a missing <c>--env-file</c>); the message says what to fix.</summary>
public sealed class CliConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
