namespace Connector.Tests.Infrastructure;

/// <summary>What a call of a process killed by <see cref="ProcessKill"/> fails with: it never reached anyone.</summary>
public sealed class ProcessKilledException() : IOException("The process was killed; this call was never sent.");
