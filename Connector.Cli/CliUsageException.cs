namespace Connector.Cli;

/// <summary>Bad usage or configuration (exit 2). The message is the one line that says what to fix.</summary>
public sealed class CliUsageException(string message) : Exception(message);
