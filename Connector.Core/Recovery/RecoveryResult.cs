namespace Connector.Core.Recovery;

/// <summary>What a recovery did: companies found, jobs queued by this run, jobs that existed already (queued before).</summary>
public sealed record RecoveryResult(int Companies, int Queued, int Existing);
