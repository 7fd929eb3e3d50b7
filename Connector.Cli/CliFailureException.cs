namespace Connector.Cli;

/// <summary>The operation failed (exit 1). The message is the one line that says what went wrong.</summary>
public sealed class CliFailureException(string message) : Exception(message);
