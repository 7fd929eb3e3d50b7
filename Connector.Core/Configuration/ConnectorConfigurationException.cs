namespace Connector.Core.Configuration;

/// <summary>A configuration problem a person can fix (an unreadable settings file, a missing <c>--env-file</c>); the message says what to fix.</summary>
public sealed class ConnectorConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
