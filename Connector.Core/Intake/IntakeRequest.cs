namespace Connector.Core.Intake;

/// <summary>One webhook delivery as intake sees it: the raw body and the headers that matter.</summary>
public sealed record IntakeRequest(
    ReadOnlyMemory<byte> Body,
    string? Signature,
    bool HookTestHeader,
    string? RetryHeader);
